"""The start-up path (issue 13): the remembered theme is in the first frame without a second
parse of the CSS, and decks read while the form is being built are listed when it appears."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace

from helpers.app import make_app, reopen_store, setup_ready, wait_until
from helpers.decks import write
from textual.color import Color
from textual.widgets import SelectionList, Static

from cardgame.app import create_app
from cardgame.decks import Card
from cardgame.screens import setup


def remember_theme(tmp_path, theme: str) -> None:
    with reopen_store(tmp_path) as store:
        store.save_preferences(replace(store.preferences(), theme=theme))


async def test_a_remembered_theme_colours_the_first_frame(tmp_path, clock):
    remember_theme(tmp_path, "textual-light")
    app = make_app(tmp_path, clock)
    parses = []
    async with app.run_test(size=(100, 40)) as pilot:
        await setup_ready(pilot)
        assert app.theme == "textual-light"
        assert {"-theme-textual-light", "-light-mode"} <= app.classes
        assert "-dark-mode" not in app.classes
        assert app.screen.styles.background == background(app)
        original = app.stylesheet.reparse
        app.stylesheet.reparse = lambda: (parses.append(1), original())[1]
        app.theme = "textual-dark"  # a change made while playing still recolours everything
        await pilot.pause()
        assert app.screen.styles.background == background(app) != Color.parse("#f0f0f0")
    assert parses


async def test_the_first_frame_is_setups_own(tmp_path, clock):
    """Setup is the bottom of the stack: no empty default screen is composed and laid out
    first, and Textual's Ready (where ``run_test`` returns) comes from setup's own layout,
    the name field placed, before the rest of the form is built."""
    app = make_app(tmp_path, clock)
    async with app.run_test(size=(100, 40)) as pilot:
        assert [type(screen) for screen in app.screen_stack] == [setup.SetupScreen]
        assert app.screen.name_input.region.height > 0
        await setup_ready(pilot)
        assert len(app.screen_stack) == 1


async def test_leaving_while_the_form_is_built_raises_nothing(tmp_path, clock):
    """Regression: with the first frame before the form, a quit in that instant (here after a
    change of theme, which re-reads the CSS) left the form unmounted and its filling raised
    NoMatches on the way out (``run_test`` raises what the app raised)."""
    app = make_app(tmp_path, clock)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        app.theme = "nord"
    assert not app.screen_stack  # it did close


def background(app) -> Color:
    """The background the current theme gives ``$background``."""
    return Color.parse(app.get_css_variables()["background"])


async def test_decks_read_before_the_form_is_mounted_are_listed_once_it_is(
    tmp_path, clock, monkeypatch
):
    """The deck reader starts with the form, not after it (the reading overlaps the mounting);
    decks read before the list is mounted are listed once it is, and only then."""
    filled = count_fills(monkeypatch)
    read = setup.SetupScreen._decks_read
    early = []

    def decks_read(self) -> None:
        early.append(self.form_built)
        read(self)

    monkeypatch.setattr(setup.SetupScreen, "_decks_read", decks_read)
    monkeypatch.setattr(setup.SetupScreen, "read_decks", instant_read)
    app = make_app(tmp_path, clock)
    async with app.run_test(size=(100, 40)) as pilot:
        await setup_ready(pilot)
        assert app.screen.deck_list.option_count > 0
    assert early[0] is False, "the decks came before the form, as this test arranges"
    assert filled == [True]


def count_fills(monkeypatch) -> list[bool]:
    """Each time setup fills its deck list, whether the form was mounted then."""
    filled: list[bool] = []
    original = setup.SetupScreen.fill_decks

    def fill(self) -> None:
        filled.append(self.form_built)
        original(self)

    monkeypatch.setattr(setup.SetupScreen, "fill_decks", fill)
    return filled


def instant_read(self) -> None:
    """The decks read at once, on the event loop, before the form is mounted."""
    self.app.session.load_library()
    self._decks_read()


async def test_listing_a_cached_library_builds_no_card(tmp_path, clock):
    """Setup counts each deck's cards from the cache's summary (a library of 100,000 cards
    built every card before its list could show)."""
    make_app(tmp_path, clock).session.load_library()  # reads the files, writes the cache
    app = make_app(tmp_path, clock)
    async with app.run_test(size=(100, 40)) as pilot:
        await setup_ready(pilot)
        decks = app.session.decks
        assert decks and app.screen.deck_list.option_count == len(decks)
        assert not any(deck.cards.built for deck in decks)
        prompt = str(app.screen.deck_list.get_option_at_index(0).prompt)
        assert prompt.endswith(f"{len(decks[0].cards)} cards")


async def test_filling_the_deck_list_posts_no_message_per_deck(tmp_path, clock):
    """Regression: each ticked deck posted a SelectedChanged that bubbled up to the app."""
    seen = []

    def hook(message) -> None:
        if isinstance(message, SelectionList.SelectedChanged):
            seen.append(message)

    decks = tmp_path / "decks"
    for number in range(3):
        write(decks, f"id: deck-{number}\nname: Deck {number}\ncards: [Why?]\n", f"{number}.yaml")
    app = create_app(
        data_dir=tmp_path, decks_dirs=[decks], only_decks_dirs=True, clock=clock, live_timers=False
    )
    async with app.run_test(size=(100, 40), message_hook=hook) as pilot:
        await setup_ready(pilot)
        assert len(app.screen.deck_list.selected) == 3
        await pilot.pause()
    assert seen == []


async def test_decks_read_while_the_form_was_mounted_are_in_its_first_frame(
    tmp_path, clock, monkeypatch
):
    """The reader has finished but its call back to the screen waits for the event loop,
    busy drawing the form: the form lists the decks itself rather than drawing twice."""
    filled = count_fills(monkeypatch)

    def read_without_calling_back(self) -> None:
        self.app.session.load_library()  # and the screen is not told

    monkeypatch.setattr(setup.SetupScreen, "read_decks", read_without_calling_back)
    app = make_app(tmp_path, clock)
    async with app.run_test(size=(100, 40)) as pilot:
        await setup_ready(pilot)
        assert app.screen.deck_list.option_count > 0
        app.screen._decks_read()  # the reader's own call, arriving late, changes nothing
    assert filled == [True]


RUN_ONCE = """
import gc, sys
from cardgame.app import CardGameApp

async def leave(pilot):
    print(gc.get_freeze_count(), file=sys.__stdout__, flush=True)
    pilot.app.exit()

gc.unfreeze()
CardGameApp().run(headless=True, size=(80, 24), auto_pilot=leave)
"""


def test_running_the_app_freezes_what_was_imported(tmp_path):
    """A full collection walked every imported object between the first frame and the
    setup form (27 ms); they live as long as the process, so the app freezes them."""
    out = subprocess.run(
        [sys.executable, "-c", RUN_ONCE], capture_output=True, text=True, timeout=120, check=True
    ).stdout
    assert int(out.split()[0]) > 10_000


async def test_setup_has_its_width_class_before_its_first_resize(tmp_path, clock, monkeypatch):
    """Regression: the first resize added ``-wide`` after the first styling, so the first
    frame's widgets were styled twice."""
    seen = []
    compose = setup.SetupScreen.compose

    def recording(self):
        seen.append(set(self.classes) & {"-wide", "-narrow"})
        return compose(self)

    monkeypatch.setattr(setup.SetupScreen, "compose", recording)
    for width, expected in ((100, "-wide"), (60, "-narrow")):
        app = make_app(tmp_path, clock)
        async with app.run_test(size=(width, 30)) as pilot:
            await setup_ready(pilot)
            assert expected in app.screen.classes
        assert seen.pop() == {expected}


async def test_the_deck_status_line_is_redrawn_not_laid_out(tmp_path, clock, monkeypatch):
    """Regression: each progress report, tick and highlight updated the status line with a
    layout of the whole form (30-60 ms each while a big library was read)."""
    layouts = []
    update = Static.update

    def recording(self, content="", *, layout=True):
        if layout and self.id == "decks-status":
            layouts.append(content)
        return update(self, content, layout=layout)

    monkeypatch.setattr(Static, "update", recording)
    app = make_app(tmp_path, clock)
    async with app.run_test(size=(100, 40)) as pilot:
        await setup_ready(pilot)
        screen = app.screen
        screen.post_message(setup.DecksProgress(3, 9))
        screen.deck_list.focus()
        await pilot.press("down", "space", "up")
        assert str(screen.deck_status.render()).startswith("space: tick")
    assert layouts == []


async def test_a_stored_favourite_of_an_odd_level_is_listed(tmp_path, clock):
    """Regression: setup counts each deck from its summary, and a favourite whose stored
    level is out of range (an older or hand-edited store) broke the count of the
    Favourites deck, and with it the form."""
    with reopen_store(tmp_path) as store:
        store.add_favourite(Card("gone-deck", "odd", "An odd one?", level=7), "Gone")
    app = make_app(tmp_path, clock)

    def prompts() -> list[str]:
        deck_list = app.screen.deck_list
        return [str(deck_list.get_option_at_index(i).prompt) for i in range(deck_list.option_count)]

    async with app.run_test(size=(100, 40)) as pilot:
        await setup_ready(pilot)
        # The Favourites deck is read off the event loop and listed when read.
        await wait_until(pilot, lambda: "Favourites · 1 card" in prompts(), "the Favourites deck")
