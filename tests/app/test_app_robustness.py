"""The app under odd conditions: terminal resizes mid-turn, a remembered theme, broken prompts."""

from __future__ import annotations

import shutil

from helpers.app import TEST_DECKS, make_app, pass_until, reopen_store, screen_name
from textual.geometry import Region

from cardgame.app import create_app
from cardgame.decks import Wildcard
from cardgame.engine import BUILT_IN_PROMPTS, GameSettings
from cardgame.theme import EVENING


def shown_text(widget) -> str:
    """What a widget draws, its lines joined with single spaces."""
    lines = widget.render_lines(Region(0, 0, widget.size.width, widget.size.height))
    return " ".join(" ".join("".join(seg.text for seg in line).split()) for line in lines).strip()


def game_state(game) -> tuple:
    turn = game.turn
    return (
        game.phase,
        game.round,
        turn.player,
        turn.card.key,
        turn.asked,
        game.timer.remaining if game.timer else None,
        game.timer.running if game.timer else None,
        len(game.log.deals),
        {name: (s.answered, s.passed) for name, s in game.stats.items()},
    )


async def test_resizing_mid_turn_keeps_the_card_and_the_game(tmp_path, clock):
    # Three players: an "ask anyone" card is never dealt to two (engine rule, issue 12).
    settings = GameSettings(players=("Ana", "Ben", "Cy"), deck_ids=("table-talk",), turn_seconds=30)
    app = make_app(tmp_path, clock, settings=settings)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        game = screen.game
        # The card with the most on it: text, a follow-up and a note.
        await pass_until(pilot, lambda card: card.wildcard == Wildcard.ANYONE)
        clock.advance(7)
        screen.tick()
        card = game.turn.card
        before = game_state(game)
        text = screen.query_one("#card-text")
        assert shown_text(text) == card.text
        assert screen.region.contains_region(text.region)
        assert screen.card_view.region.contains_region(text.region)
        for size in ((60, 20), (200, 60), (60, 20)):
            await pilot.resize_terminal(*size)
            await pilot.pause()
            assert app.size == size
            assert app.screen is screen
            assert shown_text(text) == card.text, size
            assert text.region.width > 0 and text.region.height > 0, size
            assert screen.region.contains_region(text.region), size
            assert game_state(game) == before, size
        assert screen.has_class("-short")  # 20 rows: the compact layout
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert not screen.has_class("-short")
        assert screen.region.contains_region(text.region)
        assert shown_text(text) == card.text
        assert game_state(game) == before
        await pilot.press("p")  # and the game still plays on
        await pilot.pause()
        assert len(game.log.deals) == before[7] + 1
        assert shown_text(text) == game.turn.card.text != card.text


async def test_a_chosen_theme_is_there_next_time(tmp_path, clock):
    app = make_app(tmp_path, clock)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        assert app.theme == EVENING.name
        other = next(
            name for name in ("nord", "gruvbox", "dracula") if name in app.available_themes
        )
        app.theme = other
        await pilot.pause()
    again = make_app(tmp_path, clock)
    async with again.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        assert again.theme == other
    with reopen_store(tmp_path) as store:
        assert store.get_setting("theme") == other
        store.set_setting("theme", "no-such-theme")  # say, a theme from a newer version
    fallback = make_app(tmp_path, clock)
    async with fallback.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        assert fallback.theme == EVENING.name


async def test_broken_table_prompts_fall_back_to_built_in_words(tmp_path, clock):
    decks = tmp_path / "decks"
    decks.mkdir()
    shutil.copy(TEST_DECKS / "table-talk.yaml", decks / "table-talk.yaml")
    prompts_file = decks / "table-prompts.yaml"
    prompts_file.write_text("table_prompts: 1\nreflection: 5\n", encoding="utf-8")
    settings = GameSettings(
        players=("Ana", "Ben"), deck_ids=("table-talk",), rounds=1, reflect="every"
    )
    app = create_app(
        data_dir=tmp_path / "data",
        decks_dirs=[decks],
        only_decks_dirs=True,
        clock=clock,
        settings=settings,
        live_timers=False,
    )
    async with app.run_test(size=(100, 40), notifications=True) as pilot:
        await pilot.pause()
        assert app.session.library.prompts is None
        assert [deck.id for deck in app.session.decks] == ["table-talk"]
        notes = [str(note.message) for note in app._notifications]
        assert any(str(prompts_file) in note for note in notes), notes
        assert screen_name(app) == "PlayScreen"
        game = app.screen.game
        await pass_until(pilot, lambda card: card.wildcard != Wildcard.EVERYONE)
        await pilot.press("n")
        await pilot.pause()
        assert screen_name(app) == "ReflectionScreen"
        words = game.reflection.words
        assert words.mirror == BUILT_IN_PROMPTS.mirror[0]
        assert words.validate == BUILT_IN_PROMPTS.validate[0]
        listen = " ".join(shown_text(line) for line in app.screen.query(".prompt"))
        assert BUILT_IN_PROMPTS.mirror[0] in listen
        assert BUILT_IN_PROMPTS.check[0] in listen
        await pilot.press("enter", "1")
        await pilot.pause()
        assert str(app.screen.headline.render()) == BUILT_IN_PROMPTS.heard[0]
        await pilot.press("enter")
        await pilot.pause()
        assert screen_name(app) == "PlayScreen"
        assert game.log.reflections[0].outcome == "yes"
