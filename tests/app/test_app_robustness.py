"""The app under odd conditions: terminal resizes mid-turn, a remembered theme, broken prompts."""

from __future__ import annotations

import shutil
from dataclasses import replace

import pytest
from helpers.app import (
    TEST_DECKS,
    deck_file,
    make_app,
    pass_until,
    press_at_once,
    reopen_store,
    screen_name,
    wait_until,
)
from textual.geometry import Region

from cardgame.app import create_app
from cardgame.decks import Wildcard
from cardgame.engine import BUILT_IN_PROMPTS, GameSettings
from cardgame.text import has_unsafe
from cardgame.theme import EVENING
from cardgame.widgets.footer import CompactFooter


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
        assert store.preferences().theme == other
        newer = replace(store.preferences(), theme="no-such-theme")  # a newer version's theme
        store.save_preferences(newer)
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
        # The notice comes after the first frame: wait for it (one pause was not always enough).
        await wait_until(pilot, lambda: app._notifications, "the notice")
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


# -- modals dismiss once, however fast keys arrive (issue 9, item 4) ---------------------------


async def test_two_quick_enters_in_the_ask_chooser_keep_the_game(tmp_path, clock):
    settings = GameSettings(players=("Ana", "Ben", "Cy"), deck_ids=("table-talk",), reflect="off")
    app = make_app(tmp_path, clock, settings=settings)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        play = app.screen
        await pass_until(pilot, lambda card: card.wildcard == Wildcard.ANYONE)
        await pilot.press("a")
        await wait_until(pilot, lambda: screen_name(app) == "ChoosePlayerScreen", "the chooser")
        press_at_once(app, "enter", "enter")
        await wait_until(pilot, lambda: play.game.turn.asked is not None, "someone asked")
        await pilot.pause()
        assert app.screen is play
        assert [screen_name_of(s) for s in app.screen_stack][-2:] == ["SetupScreen", "PlayScreen"]


def screen_name_of(screen) -> str:
    return type(screen).__name__


async def open_and_close_fast(pilot, app, open_keys, close_keys, modal: str) -> None:
    """Open ``modal``, then send ``close_keys`` with no pause between them.

    The modal closes once and the screens under it stay. (A key that reaches the table after
    the modal closed does what it does there: a second escape opens the menu again.)
    """
    stack = list(app.screen_stack)
    await pilot.press(*open_keys)
    await wait_until(pilot, lambda: screen_name(app) == modal, modal)
    opened = app.screen
    press_at_once(app, *close_keys)
    await wait_until(pilot, lambda: opened not in app.screen_stack, f"{modal} closed")
    for _ in range(3):
        await pilot.pause()
    assert list(app.screen_stack)[: len(stack)] == stack, modal
    while len(app.screen_stack) > len(stack):
        await pilot.press("escape")
        await pilot.pause()


async def test_every_modal_dismisses_once_however_fast_keys_arrive(tmp_path, clock):
    settings = GameSettings(players=("Ana", "Ben", "Cy"), deck_ids=("table-talk",), reflect="off")
    app = make_app(tmp_path, clock, settings=settings)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        for open_keys, close_keys, modal in (
            (("escape",), ("escape", "escape"), "MenuScreen"),
            (("escape",), ("enter", "enter"), "MenuScreen"),  # "Back to the table" twice
            (("q",), ("n", "n"), "ConfirmScreen"),
            (("q",), ("enter", "enter"), "ConfirmScreen"),  # the focused, safe "No" twice
            (("question_mark",), ("escape", "escape"), "HelpScreen"),
            (("question_mark",), ("question_mark", "escape"), "HelpScreen"),
        ):
            await open_and_close_fast(pilot, app, open_keys, close_keys, modal)
        await pass_until(pilot, lambda card: card.wildcard == Wildcard.ANYONE)
        await open_and_close_fast(pilot, app, ("a",), ("escape", "escape"), "ChoosePlayerScreen")


# -- the app's way out --------------------------------------------------------------------------


async def test_a_crash_exits_non_zero_after_writing_what_was_played(tmp_path, clock):
    settings = GameSettings(players=("Ana", "Ben"), deck_ids=("table-talk",), reflect="off")
    app = make_app(tmp_path, clock, settings=settings)

    class Boom(Exception):
        pass

    with pytest.raises(Boom):
        async with app.run_test(size=(100, 40)) as pilot:
            await pilot.pause()
            await pilot.press("n")  # one card answered
            await wait_until(pilot, lambda: len(app.game.log.deals) == 1, "a deal")

            def explode() -> None:
                raise Boom("a bug")

            app.screen.show_turn = explode
            await pilot.press("p")
            await pilot.pause()
    assert app.return_code == 1
    games = reopen_store(tmp_path).games()
    assert games[0].cards_answered == 1


async def test_skipped_deck_files_make_one_notice_with_no_control_characters(tmp_path, clock):
    decks = tmp_path / "decks"
    decks.mkdir()
    for name in ("table-talk.yaml", "table-prompts.yaml"):
        shutil.copy(TEST_DECKS / name, decks / name)
    for index in range(3):
        (decks / f"bad-{index}.yaml").write_text("name: Bad\ncards:\n  - text: x\n    levle: 2\n")
    (decks / "bad-\x1b[2J.yaml").write_text("name: [\n")
    app = create_app(
        data_dir=tmp_path / "data",
        decks_dirs=[decks],
        only_decks_dirs=True,
        clock=clock,
        live_timers=False,
    )
    async with app.run_test(size=(100, 40), notifications=True) as pilot:
        await wait_until(pilot, lambda: app._notifications, "a notice")
        await pilot.pause()
        notes = [str(note.message) for note in app._notifications]
    assert len(notes) == 1, notes
    assert notes[0].startswith(f"4 deck files were skipped: run `cardgame validate {decks}`")
    assert "…and 1 more." in notes[0]
    assert not has_unsafe(notes[0].replace("\n", " "))


# -- drawing --------------------------------------------------------------------------------------


def backgrounds(widget) -> set[str]:
    """The background colours of the cells a widget draws (what the terminal is told to show)."""
    lines = widget.render_lines(Region(0, 0, widget.size.width, widget.size.height))
    return {
        segment.style.bgcolor.triplet.hex
        for line in lines
        for segment in line
        if segment.text.strip() and segment.style and segment.style.bgcolor
    }


async def test_after_a_pass_the_card_text_takes_the_new_decks_colour(tmp_path, clock):
    """Textual 6+ kept the last deck's background on the text rows (issues 6235/6289/6322)."""
    folder = tmp_path / "decks"
    deck_file(folder, "yellow", "#E8C07C", ["A yellow question?"])
    deck_file(folder, "green", "#2E7D32", ["A green question?", "Another green one?"])
    settings = GameSettings(
        players=("Ana", "Ben"), deck_ids=("yellow", "green"), passes=None, fresh_first=False
    )
    app = create_app(
        data_dir=tmp_path / "data",
        decks_dirs=[folder],
        only_decks_dirs=True,
        clock=clock,
        seed=3,
        settings=settings,
        live_timers=False,
    )
    colours = {"yellow": "#e8c07c", "green": "#2e7d32"}
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        seen = set()
        for _ in range(3):
            deck = screen.game.turn.card.deck_id
            seen.add(deck)
            text = screen.query_one("#card-text")
            assert backgrounds(text) == {colours[deck]}, deck
            await pilot.press("p")
            await pilot.pause()
        assert seen == {"yellow", "green"}


async def test_the_footer_keeps_quit_in_a_small_terminal(tmp_path, clock):
    settings = GameSettings(players=("Ana", "Ben", "Cy"), deck_ids=("table-talk",))
    app = make_app(tmp_path, clock, settings=settings)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        # The busiest footer: an "ask anyone" card adds a key.
        await pass_until(pilot, lambda card: card.wildcard == Wildcard.ANYONE)
        footer = app.screen.query_one(CompactFooter)
        assert footer.region.width == 60
        (quit_span,) = [span for span in footer.spans if span.entry.key == "q"]
        assert 0 <= quit_span.start < quit_span.end <= footer.region.width
        # Drawn whole, where a click presses it, and no key cut short at the right end.
        for x in range(quit_span.start, quit_span.end):
            assert footer.entry_at(x).key == "q"
        assert all(span.end <= footer.region.width for span in footer.spans)
        await pilot.click(CompactFooter, offset=(quit_span.start, 0))
        await wait_until(pilot, lambda: screen_name(app) == "ConfirmScreen", "quit asks first")


async def test_on_a_phone_width_the_button_row_still_ends_with_a_whole_menu_button(tmp_path, clock):
    """At 43 columns (a phone in the browser) the Menu button was cut to "Menu es"."""
    settings = GameSettings(players=("Ana", "Ben"), deck_ids=("table-talk",), reflect="off")
    app = make_app(tmp_path, clock, settings=settings)
    async with app.run_test(size=(43, 24)) as pilot:
        await pilot.pause()
        menu = app.screen.query_one("#menu")
        assert menu.display and menu.region.width > 0
        assert menu.region.right <= app.screen.size.width
        assert app.screen.get_widget_at(menu.region.right - 1, menu.region.y)[0] is menu
        assert not app.screen.query_one("#extend").display  # + still works; the footer says so
        await pilot.resize_terminal(100, 30)
        await wait_until(pilot, lambda: app.screen.query_one("#extend").display, "+30s again")


async def test_big_terminals_centre_the_card_and_use_the_space(tmp_path, clock):
    settings = GameSettings(players=("Ana", "Ben"), deck_ids=("table-talk",), reflect="every")
    for size in ((120, 40), (200, 60)):
        app = make_app(tmp_path / f"{size}", clock, settings=settings)
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            card = app.screen.card_view
            above = card.region.y
            below = size[1] - card.region.bottom
            assert card.region.width >= 100, size
            assert card.region.height >= 12, size
            # Centred: the room above the card and below it differ by the clock and footer.
            assert abs(above - below) <= 12, (size, above, below)
            await pass_until(pilot, lambda c: c.wildcard is None)
            await pilot.press("n")
            await wait_until(pilot, lambda a=app: screen_name(a) == "ReflectionScreen", "reflect")
            steps = app.screen.query_one("#steps")
            top, bottom = steps.region.y, size[1] - steps.region.bottom
            assert steps.region.width >= 100 and top >= 5 and bottom >= 5, (size, top, bottom)


# -- timers that only run when they draw something (issue 13) -----------------------------------


async def test_the_clock_redraws_only_what_changed(tmp_path, clock):
    settings = GameSettings(players=("Ana", "Ben"), deck_ids=("table-talk",), turn_seconds=90)
    app = make_app(tmp_path, clock, settings=settings)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        bar = screen.query_one("#clock-bar")
        redraws = []
        for widget in screen.query("TurnClock *"):

            def spy(*regions, widget=widget, original=widget.refresh, **kwargs):
                redraws.append((widget.id, kwargs.get("layout", False)))
                return original(*regions, **kwargs)

            widget.refresh = spy
        for _ in range(4):
            clock.advance(0.2)  # within the second: nothing the clock shows has changed
            screen.tick()
        assert redraws == []
        clock.advance(1.2)  # 88 s left: new digits, and the bar loses a half-cell (90 s / 80)
        screen.tick()
        screen.tick()
        assert sorted(redraws) == [("clock-bar", False), ("clock-digits", False)]  # no reflow
        assert bar.steps == 79
