"""Pilot tests: whole games from setup to summary, as a table would play them."""

from __future__ import annotations

from helpers.app import (
    end_game_from_menu,
    make_app,
    pass_until,
    reopen_store,
    screen_name,
    setup_ready,
)

from cardgame.engine import GameSettings, Phase


async def add_players(pilot, names):
    await setup_ready(pilot)
    for name in names:
        await pilot.press(*name, "enter")
    await pilot.pause()


async def play_until_summary(pilot, app, *, reflect_keys=("enter", "1", "enter"), limit=200):
    """Answer every card; in a reflection, reflect and say 'yes'. Returns turns answered."""
    turns = 0
    for _ in range(limit):
        name = screen_name(app)
        if name == "SummaryScreen":
            return turns
        if name == "PlayScreen":
            turns += not app.screen.game.turn.needs_target  # else n first asks whom to ask
            await pilot.press("n")
        elif name == "ReflectionScreen":
            await pilot.press(*reflect_keys)
        elif name == "ChoosePlayerScreen":  # "ask anyone": ask the first player offered
            await pilot.press("enter")
        else:
            raise AssertionError(f"unexpected screen {name}")
        await pilot.pause()
    raise AssertionError("the game never ended")


async def test_two_player_game_from_setup_to_summary(tmp_path, clock):
    app = make_app(tmp_path, clock)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        assert screen_name(app) == "SetupScreen"
        await add_players(pilot, ["Ana", "Ben"])
        await pilot.click("#start")
        await pilot.pause()
        assert screen_name(app) == "PlayScreen"
        game = app.screen.game
        assert game.players == ("Ana", "Ben")
        turns = await play_until_summary(pilot, app)
        assert screen_name(app) == "SummaryScreen"
        # 8 cards in the test deck, less the "ask anyone" card two players are never dealt;
        # 5 rounds of 2 players: the cards run out first.
        assert turns == 7
        assert sum(s.answered for s in game.stats.values()) == 7
    history = reopen_store(tmp_path).games()
    assert len(history) == 1 and history[0].players == ["Ana", "Ben"]
    assert history[0].cards_answered == 7


async def test_five_player_game_with_reflections(tmp_path, clock):
    settings = GameSettings(
        players=("Ana", "Ben", "Cy", "Dee", "Eli"),
        deck_ids=("table-talk",),
        rounds=1,
        reflect="every",
    )
    app = make_app(tmp_path, clock, settings=settings)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        game = app.screen.game
        turns = await play_until_summary(pilot, app)
        assert turns == 5
        assert [deal.player for deal in game.log.deals] == list(settings.players)
        # The 'everyone answers' card (if dealt) gets no reflection round.
        everyone = [d for d in game.log.deals if d.card.wildcard == "everyone"]
        assert len(game.log.reflections) == 5 - len(everyone)
        assert all(r.speaker != r.listener for r in game.log.reflections)


async def test_three_player_reflection_with_a_retry(tmp_path, clock):
    settings = GameSettings(
        players=("Ana", "Ben", "Cy"), deck_ids=("table-talk",), rounds=1, reflect="every"
    )
    app = make_app(tmp_path, clock, settings=settings, seed=11)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        game = app.screen.game
        await pass_until(pilot, lambda card: card.wildcard != "everyone")
        await pilot.press("n")
        await pilot.pause()
        assert screen_name(app) == "ReflectionScreen"
        reflection = game.reflection
        assert reflection.speaker == "Ana" and reflection.listener == "Ben"
        headline = app.screen.query_one("#reflect-headline").render()
        assert "Ben, reflect back to Ana" in str(headline)
        await pilot.press("enter", "2")  # partly
        await pilot.pause()
        assert reflection.step == "clarify"
        await pilot.press("enter")  # speaker added what was missed
        await pilot.pause()
        assert reflection.step == "listen" and reflection.attempt == 2
        await pilot.press("enter", "1", "enter")
        await pilot.pause()
        assert screen_name(app) == "PlayScreen"
        record = game.log.reflections[0]
        assert record.attempts == 2 and record.outcome == "yes"
        await play_until_summary(pilot, app)
        table = app.screen.query_one("#summary-table")
        assert table.row_count == 3


async def test_two_player_game_reflecting_every_turn(tmp_path, clock):
    settings = GameSettings(
        players=("Ana", "Ben"), deck_ids=("table-talk",), rounds=2, reflect="every"
    )
    app = make_app(tmp_path, clock, settings=settings)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        game = app.screen.game
        await play_until_summary(
            pilot, app, reflect_keys=("enter", "3", "enter", "enter", "3", "enter")
        )
        listeners = [r.listener for r in game.log.reflections]
        speakers = [r.speaker for r in game.log.reflections]
        assert all({s, lst} == {"Ana", "Ben"} for s, lst in zip(speakers, listeners, strict=True))
        # Two attempts at most, then the game moves on warmly.
        assert all(r.attempts == 2 for r in game.log.reflections)
    rows = reopen_store(tmp_path).games()
    assert rows[0].reflections == len(game.log.reflections)


async def test_pass_deals_another_card_to_the_same_player(tmp_path, clock):
    settings = GameSettings(players=("Ana", "Ben"), deck_ids=("table-talk",), passes=1)
    app = make_app(tmp_path, clock, settings=settings)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        game = app.screen.game
        first = game.turn.card
        await pilot.press("p")
        await pilot.pause()
        assert game.turn.player == "Ana" and game.turn.card != first
        await pilot.press("p")  # out of passes: nothing changes
        await pilot.pause()
        assert game.stats["Ana"].passed == 1
        assert game.turn.player == "Ana"


async def test_timer_pause_extend_and_time_up(tmp_path, clock):
    settings = GameSettings(players=("Ana", "Ben"), deck_ids=("table-talk",), turn_seconds=30)
    app = make_app(tmp_path, clock, settings=settings)
    bells = []
    app.bell = lambda: bells.append(True)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        clock.advance(10)
        await pilot.press("space")  # pause at 20 s left
        clock.advance(100)
        screen.tick()
        assert screen.game.timer.remaining == 20
        await pilot.press("space", "plus")
        assert screen.game.timer.remaining == 50
        clock.advance(60)
        screen.tick()
        screen.tick()
        await pilot.pause()
        assert screen.card_view.has_class("-time-up")
        assert bells == [True]  # rings once
        assert screen.game.phase == Phase.TURN  # the table decides, never the timer


async def test_favourite_heart_shows_after_the_write_and_survives(tmp_path, clock):
    settings = GameSettings(players=("Ana", "Ben"), deck_ids=("table-talk",))
    app = make_app(tmp_path, clock, settings=settings)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        card = app.screen.game.turn.card
        await pilot.press("f")
        await pilot.pause()
        assert app.screen.card_view.has_class("-favourite")
    assert reopen_store(tmp_path).is_favourite(card.deck_id, card.id)


async def test_ask_anyone_chooses_a_player_without_breaking_rotation(tmp_path, clock):
    settings = GameSettings(players=("Ana", "Ben", "Cy"), deck_ids=("table-talk",), reflect="off")
    app = make_app(tmp_path, clock, settings=settings)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        game = app.screen.game
        await pass_until(pilot, lambda card: card.wildcard == "anyone")
        await pilot.press("a")
        await pilot.pause()
        assert screen_name(app) == "ChoosePlayerScreen"
        await pilot.press("down", "enter")  # Cy
        await pilot.pause()
        assert game.turn.asked == "Cy"
        await pilot.press("n")
        await pilot.pause()
        assert game.turn.player == "Ben"
        assert game.stats["Cy"].answered == 1


async def test_menu_ends_the_game_and_play_again_keeps_the_table(tmp_path, clock):
    settings = GameSettings(players=("Ana", "Ben"), deck_ids=("table-talk",))
    app = make_app(tmp_path, clock, settings=settings)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await end_game_from_menu(pilot)
        assert screen_name(app) == "SummaryScreen"
        await pilot.press("r")
        await pilot.pause()
        assert screen_name(app) == "PlayScreen"
        assert app.screen.game.players == ("Ana", "Ben")
        await end_game_from_menu(pilot)
        await pilot.press("g")
        await pilot.pause()
        assert screen_name(app) == "SetupScreen"


async def test_quit_asks_first(tmp_path, clock):
    settings = GameSettings(players=("Ana", "Ben"), deck_ids=("table-talk",))
    app = make_app(tmp_path, clock, settings=settings)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await pilot.press("q")
        await pilot.pause()
        assert screen_name(app) == "ConfirmScreen"
        await pilot.press("n")
        await pilot.pause()
        assert screen_name(app) == "PlayScreen"
        await pilot.press("q", "y")
        await pilot.pause()
    assert app.return_code == 0


async def test_setup_remembers_the_last_table(tmp_path, clock):
    app = make_app(tmp_path, clock)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await add_players(pilot, ["Ana", "Ben", "Cy"])
        await pilot.press("ctrl+s")
        await pilot.pause()
    again = make_app(tmp_path, clock)
    async with again.run_test(size=(100, 40)) as pilot:
        await setup_ready(pilot)
        assert again.screen.players == ["Ana", "Ben", "Cy"]


async def test_setup_refuses_one_player_and_duplicate_names(tmp_path, clock):
    app = make_app(tmp_path, clock)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await add_players(pilot, ["Ana", "ana"])
        assert app.screen.players == ["Ana"]
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert screen_name(app) == "SetupScreen"
        assert "2 to 12 players" in str(app.screen.message.render())


async def test_a_broken_deck_is_reported_and_the_game_goes_on(tmp_path, clock):
    broken = tmp_path / "decks"
    broken.mkdir()
    (broken / "broken.yaml").write_text("name: Broken\ncards:\n  - text: ok\n    levle: 2\n")
    from cardgame.app import create_app

    app = create_app(data_dir=tmp_path, decks_dirs=[broken], clock=clock, live_timers=False)
    notes = []
    async with app.run_test(size=(100, 40), notifications=True) as pilot:
        await pilot.pause()
        notes = [n.message for n in app._notifications]
        assert screen_name(app) == "SetupScreen"
    assert any("broken.yaml:4:5" in note and "did you mean 'level'" in note for note in notes)


async def test_done_on_an_ask_anyone_card_first_asks_whom_to_ask(tmp_path, clock):
    # Three players: an "ask anyone" card is never dealt to two (engine rule, issue 12).
    settings = GameSettings(players=("Ana", "Ben", "Cy"), deck_ids=("table-talk",), reflect="off")
    app = make_app(tmp_path, clock, settings=settings)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        game = app.screen.game
        await pass_until(pilot, lambda card: card.wildcard == "anyone")
        await pilot.press("n")
        await pilot.pause()
        assert screen_name(app) == "ChoosePlayerScreen"
        assert game.stats["Ana"].answered == 0
        await pilot.press("enter")
        await pilot.pause()
        assert game.turn.asked == "Ben"


async def test_the_app_starts_with_no_arguments():
    """`textual run cardgame.app:CardGameApp` builds it this way (folders come from the env)."""
    from cardgame.app import CardGameApp

    app = CardGameApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await setup_ready(pilot)
        assert screen_name(app) == "SetupScreen"
        assert len(app.session.decks) >= 14


async def test_a_game_with_no_matching_cards_is_not_recorded(tmp_path, clock):
    from cardgame.app import create_app

    decks = tmp_path / "decks"
    decks.mkdir()
    (decks / "pair.yaml").write_text("name: Pair\naudience: [couples]\ncards: [Just us?]\n")
    settings = GameSettings(players=("Ana", "Ben"), deck_ids=("pair",), audience="family")
    app = create_app(
        data_dir=tmp_path,
        decks_dirs=[decks],
        only_decks_dirs=True,
        clock=clock,
        settings=settings,
        live_timers=False,
    )
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        assert screen_name(app) == "SummaryScreen"
    assert reopen_store(tmp_path).games() == []
