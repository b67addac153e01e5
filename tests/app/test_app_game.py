"""Pilot tests: whole games from setup to summary, as a table would play them."""

from __future__ import annotations

from helpers.app import (
    end_game_from_menu,
    footer_keys,
    make_app,
    pass_until,
    reopen_store,
    screen_name,
    setup_ready,
    wait_until,
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
        assert len(table.rows) == 3


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
    async with app.run_test(size=(100, 40), notifications=True) as pilot:
        await pilot.pause()
        game = app.screen.game
        first = game.turn.card
        await pilot.press("p")
        await pilot.pause()
        assert game.turn.player == "Ana" and game.turn.card != first
        await pilot.press("p")  # out of passes: nothing changes, and the table is told why
        await pilot.pause()
        assert game.stats["Ana"].passed == 1
        assert game.turn.player == "Ana"
        notes = [str(note.message) for note in app._notifications]
        assert notes == ["No passes left this game"]
        await pilot.click("#pass_card")  # the button says the same
        await wait_until(pilot, lambda: len(app._notifications) == 2, "a second notice")


async def test_a_table_that_turned_the_bell_off_hears_no_bell(tmp_path, clock):
    """Regression: ``play --no-bell`` (GameSettings.bell) was ignored; the bell still rang."""
    settings = GameSettings(
        players=("Ana", "Ben"), deck_ids=("table-talk",), turn_seconds=30, bell=False
    )
    app = make_app(tmp_path, clock, settings=settings)
    bells = []
    app.bell = lambda: bells.append(True)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        clock.advance(31)
        app.screen.tick()
        await wait_until(pilot, lambda: app.screen.card_view.has_class("-time-up"), "time up")
        assert bells == []


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
        await wait_until(pilot, lambda: app.screen.card_view.favourite, "the heart")
        # Once the heart shows, the write has landed: another copy of the game sees it.
        assert reopen_store(tmp_path).is_favourite(card.deck_id, card.id)
    assert reopen_store(tmp_path).is_favourite(card.deck_id, card.id)


async def test_f_sets_what_the_screen_shows_not_what_another_copy_wrote(tmp_path, clock):
    """Copy A hearts the card while copy B shows no heart: f in B keeps it (it used to remove)."""
    settings = GameSettings(players=("Ana", "Ben"), deck_ids=("table-talk",))
    app = make_app(tmp_path, clock, settings=settings)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        card = app.screen.game.turn.card
        assert not app.screen.card_view.favourite
        with reopen_store(tmp_path) as other_copy:
            other_copy.add_favourite(card, "Table Talk")
        await pilot.press("f")
        await wait_until(pilot, lambda: app.screen.card_view.favourite, "the heart")
        assert reopen_store(tmp_path).is_favourite(card.deck_id, card.id)
        with reopen_store(tmp_path) as other_copy:
            other_copy.remove_favourite(card.deck_id, card.id)
        await pilot.press("f")  # heart shown: the player wants it gone, and it is
        await wait_until(pilot, lambda: not app.screen.card_view.favourite, "no heart")
        assert not reopen_store(tmp_path).is_favourite(card.deck_id, card.id)


async def test_the_heart_is_written_off_the_ui_thread(tmp_path, clock):
    """A slow store never freezes the screen: the write runs in a worker thread."""
    import threading

    settings = GameSettings(players=("Ana", "Ben"), deck_ids=("table-talk",))
    app = make_app(tmp_path, clock, settings=settings)
    writes = []
    gate = threading.Event()

    class SlowFavourites:
        def __init__(self, real):
            self.real = real

        def __getattr__(self, name):
            return getattr(self.real, name)

        def set(self, card, wanted):
            writes.append(threading.current_thread() is threading.main_thread())
            gate.wait(5)
            return wanted

    app.session.favourites = SlowFavourites(app.session.favourites)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await pilot.press("f")
        await wait_until(pilot, lambda: writes, "the write to start")
        await pilot.press("space")  # the screen still answers while the write waits
        assert not app.screen.game.timer.running
        assert not app.screen.card_view.favourite  # no heart before the write lands
        gate.set()
        await wait_until(pilot, lambda: app.screen.card_view.favourite, "the heart")
    assert writes == [False]


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
        await wait_until(pilot, lambda: app._notifications, "the notice")  # after the first frame
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


def status_text(app) -> str:
    return str(app.screen.status.render())


async def test_ask_anyone_header_reads_who_asks_whom(tmp_path, clock):
    settings = GameSettings(players=("Ben", "Dev", "Cy"), deck_ids=("table-talk",), reflect="off")
    app = make_app(tmp_path, clock, settings=settings)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await pass_until(pilot, lambda card: card.wildcard == "anyone")
        await pilot.press("a")
        await wait_until(pilot, lambda: screen_name(app) == "ChoosePlayerScreen", "the chooser")
        await pilot.press("enter")
        await wait_until(pilot, lambda: app.screen.game.turn.asked == "Dev", "Dev asked")
        assert "Ben asks Dev · next" in status_text(app)
        assert "'s turn" not in status_text(app)


async def test_the_everyone_wildcard_is_labelled_for_the_table_size(tmp_path, clock):
    for players, label in ((("Ana", "Ben"), "You both answer"), (("A", "B", "C"), "Everyone")):
        settings = GameSettings(players=players, deck_ids=("table-talk",), reflect="off")
        app = make_app(tmp_path, clock, settings=settings)
        async with app.run_test(size=(100, 40)) as pilot:
            await pilot.pause()
            await pass_until(pilot, lambda card: card.wildcard == "everyone")
            note = str(app.screen.query_one("#card-note").render())
            meta = str(app.screen.query_one("#card-meta").render())
            assert note.startswith(label), note
            assert label.lower() in meta, meta


async def test_the_last_round_is_announced(tmp_path, clock):
    settings = GameSettings(players=("Ana", "Ben"), deck_ids=("table-talk",), rounds=2)
    app = make_app(tmp_path, clock, settings=settings)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        assert "last round" not in status_text(app)
        await pilot.press("n")
        await pilot.press("n")
        await wait_until(pilot, lambda: app.screen.game.round == 2, "round 2")
        assert "Round 2 of 2 · last round" in status_text(app)


async def test_pause_reads_resume_while_paused(tmp_path, clock):
    settings = GameSettings(players=("Ana", "Ben"), deck_ids=("table-talk",), turn_seconds=60)
    app = make_app(tmp_path, clock, settings=settings)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        pause = app.screen.query_one("#pause")
        assert str(pause.label).startswith("Pause")
        await pilot.press("space")
        await pilot.pause()
        assert str(pause.label).startswith("Resume")
        footer = set(footer_keys(app.screen).values())
        assert "Resume" in footer and "Pause" not in footer
        await pilot.click("#pause")
        await wait_until(pilot, lambda: app.screen.game.timer.running, "running again")
        assert str(pause.label).startswith("Pause")


async def test_with_the_timer_off_the_clock_counts_time_talked(tmp_path, clock):
    settings = GameSettings(players=("Ana", "Ben"), deck_ids=("table-talk",), turn_seconds=0)
    app = make_app(tmp_path, clock, settings=settings)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert not screen.query_one("#pause").display
        assert not screen.query_one("#extend").display
        footer = set(footer_keys(screen).values())
        assert not {"Pause", "+30s"} & footer
        clock.advance(75)
        screen.tick()
        await pilot.pause()
        assert screen.query_one("#clock-digits").value == "1:15"
        assert str(screen.query_one("#clock-state").render()) == "time talked"
        await pilot.press("space", "plus")  # nothing to pause or extend
        assert screen.game.timer.running


async def test_reflection_is_no_dead_end(tmp_path, clock):
    """escape (menu), f (heart the card), q (asks first) and ? work during a reflection."""
    settings = GameSettings(
        players=("Ana", "Ben", "Cy"),
        deck_ids=("table-talk",),
        reflect="every",
        speaker_picks_listener=True,
    )
    app = make_app(tmp_path, clock, settings=settings)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        game = app.screen.game
        await pass_until(pilot, lambda card: card.wildcard is None)
        card = game.turn.card
        await pilot.press("n")
        await wait_until(pilot, lambda: screen_name(app) == "ReflectionScreen", "a reflection")
        reflection = app.screen
        # Choosing the listener: the first candidate is highlighted, and the screen says how.
        listeners = reflection.query_one("#listeners")
        assert listeners.highlighted == 0 and listeners.has_focus
        assert "enter to choose" in str(reflection.query_one("#choose_listener .hint").render())
        await pilot.press("f")
        await wait_until(pilot, lambda: reflection.heart_shown, "the heart")
        assert reopen_store(tmp_path).is_favourite(card.deck_id, card.id)
        await pilot.press("question_mark")
        await wait_until(pilot, lambda: screen_name(app) == "HelpScreen", "help")
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is reflection, "back")
        await pilot.press("q")
        await wait_until(pilot, lambda: screen_name(app) == "ConfirmScreen", "asks first")
        assert app.focused.id == "cancel"  # the safe answer has focus
        await pilot.press("n")
        await wait_until(pilot, lambda: app.screen is reflection, "back")
        await pilot.press("escape")
        await wait_until(pilot, lambda: screen_name(app) == "MenuScreen", "the menu")
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is reflection, "back")
        await pilot.press("enter")  # choose the highlighted listener: the game goes on
        await wait_until(pilot, lambda: game.reflection.step == "listen", "listening")
        await pilot.press("escape")
        await wait_until(pilot, lambda: screen_name(app) == "MenuScreen", "the menu")
        await pilot.click("#end")
        await wait_until(pilot, lambda: screen_name(app) == "SummaryScreen", "the summary")


async def test_a_speaker_can_decline_a_reflection(tmp_path, clock):
    settings = GameSettings(players=("Ana", "Ben", "Cy"), deck_ids=("table-talk",), reflect="every")
    app = make_app(tmp_path, clock, settings=settings)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        game = app.screen.game
        await pass_until(pilot, lambda card: card.wildcard is None)
        await pilot.press("n")
        await wait_until(pilot, lambda: screen_name(app) == "ReflectionScreen", "a reflection")
        assert app.screen.query_one("#decline").display
        await pilot.press("d")
        await wait_until(pilot, lambda: screen_name(app) == "PlayScreen", "back to the table")
        assert game.turn.player == "Ben"
        assert game.log.reflections[0].declined


async def test_ctrl_q_asks_first_during_a_game(tmp_path, clock):
    settings = GameSettings(players=("Ana", "Ben"), deck_ids=("table-talk",))
    app = make_app(tmp_path, clock, settings=settings)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+q")
        await wait_until(pilot, lambda: screen_name(app) == "ConfirmScreen", "asks first")
        assert app.focused.id == "cancel"
        await pilot.press("ctrl+q")  # a second ctrl+q does not stack another question
        await pilot.pause()
        assert [screen_name_of(s) for s in app.screen_stack].count("ConfirmScreen") == 1
        await pilot.press("enter")  # enter answers the focused, safe "No"
        await wait_until(pilot, lambda: screen_name(app) == "PlayScreen", "still playing")
        await pilot.press("ctrl+q", "y")
        assert app.return_code == 0


def screen_name_of(screen) -> str:
    return type(screen).__name__


async def test_help_lists_the_keys_of_the_screen_it_covers(tmp_path, clock):
    settings = GameSettings(players=("Ana", "Ben"), deck_ids=("table-talk",), reflect="every")
    app = make_app(tmp_path, clock, settings=settings)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await wait_until(pilot, lambda: screen_name(app) == "HelpScreen", "help")
        lines = [str(line.render()) for line in app.screen.query(".key-line")]
        text = "\n".join(lines)
        for key, words in (
            ("p", "Another card"),
            ("n, ⏎", "Answered"),
            ("q", "Quit"),
            ("^p", "palette"),
        ):
            assert any(line.startswith(key) and words in line for line in lines), (key, text)
        assert "Not this one" not in text and "Focus Next" not in text
        await pilot.press("escape")
        await pass_until(pilot, lambda card: card.wildcard is None)
        await pilot.press("n")
        await wait_until(pilot, lambda: screen_name(app) == "ReflectionScreen", "a reflection")
        await pilot.press("question_mark")
        await wait_until(pilot, lambda: screen_name(app) == "HelpScreen", "help")
        text = "\n".join(str(line.render()) for line in app.screen.query(".key-line"))
        assert "Another card" not in text and "Keep this card" in text


async def test_a_game_started_with_its_table_builds_setup_only_when_setup_is_shown(tmp_path, clock):
    """`cardgame play --players ...`: setup sits under the game unseen, so it builds nothing
    until the game ends; then it is built, name field first, ready as ever."""
    settings = GameSettings(players=("Ana", "Ben"), deck_ids=("table-talk",))
    app = make_app(tmp_path, clock, settings=settings)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: screen_name(app) == "PlayScreen", "the game")
        setup = app.screen_stack[-2]
        await pilot.press("p")  # the game goes on; setup stays as it was
        assert type(setup).__name__ == "SetupScreen"
        assert not setup.form_built and not setup.query("#decks")
        await end_game_from_menu(pilot)
        await pilot.press("g")  # New game
        await setup_ready(pilot)
        assert app.screen is setup and app.focused is setup.name_input
        assert setup.query("#decks") and setup.form_built
