"""The cards people kept: grouped by deck, searchable, removable with undo, playable.

Built for thousands of favourites: the first screenful is read before the first frame and the
rest arrives just after it (read off the event loop); one-line rows drawn only when visible
(``LineList``); a search that filters a list of pre-folded strings rather than rebuilding
widgets. A removal is
shown at once and written off the event loop; undo puts the card back in the same place, in the
list and in the store. What was removed is said in the screen's own status line, never a toast
that could cover the Undo button.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from itertools import groupby, repeat
from operator import attrgetter
from typing import TYPE_CHECKING

from rich.cells import cell_len
from textual import getters, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Button, Input, Static

from ..engine import GameSettings, SettingsError
from ..messages import PlayThese
from ..session import FAVOURITES_DECK_ID
from ..widgets.card import level_dots
from ..widgets.footer import CompactFooter
from ..widgets.line_list import LineList, Row
from ..widgets.search_box import SearchBox
from ..widgets.words import plural, snippet
from .base import CardGameScreen

if TYPE_CHECKING:
    from ..session import Favourite

FIRST_READ = 120  # favourites read before the first frame: more than a screen shows
DRAWN_WAIT = 1.0  # seconds the whole list waits for the first frame, at most
HEART = "♥ {}"
_deck_name, _text, _level = attrgetter("deck_name"), attrgetter("text"), attrgetter("level")
_key = attrgetter("deck_id", "card_id")
_new = tuple.__new__  # (text, key, suffix) as a Row

# "Play these": every favourite, deepest first, none held back as seen.
PLAY_THESE = {"depth": "deepest", "length": "all", "unseen_first": False}
BUTTONS = (
    ("Play these (p)", "play", "screen.play", "primary"),
    ("Remove (d)", "remove", "screen.remove", "default"),
    ("Undo (u)", "undo", "screen.undo", "default"),
    ("Back (esc)", "back", "screen.close", "default"),
)


def favourite_rows(favourites: list[Favourite]) -> list[Row]:
    """A heading per deck, then its cards (the list comes sorted by deck).

    Each deck's rows are made by C-level maps: 5,000 favourites are listed when the screen
    opens, and again whenever the search is cleared."""
    dots = {level: level_dots(level) for level in set(map(_level, favourites))}
    rows: list[Row] = []
    for deck_name, group in groupby(favourites, key=_deck_name):
        cards = list(group)
        rows.append(Row(deck_name))
        texts = map(HEART.format, map(_text, cards))
        suffixes = map(dots.__getitem__, map(_level, cards))
        rows.extend(map(_new, repeat(Row), zip(texts, map(_key, cards), suffixes, strict=True)))
    return rows


class FavouritesScreen(CardGameScreen):
    CSS_PATH = "favourites.tcss"
    BINDINGS = [
        Binding("escape", "close", "Back", id="favourites.back", tooltip="Back"),
        Binding("delete,d", "remove", "Remove", id="favourites.remove", tooltip="Remove the heart"),
        Binding("u", "undo", "Undo", id="favourites.undo", tooltip="Put the last one back"),
        Binding("p", "play", "Play these", id="favourites.play", tooltip="A game of favourites"),
        Binding("slash", "search", "Search", id="favourites.search", tooltip="Search the text"),
    ]

    search = getters.query_one("#favourites-search", Input)
    cards = getters.query_one("#favourites-list", LineList)
    summary = getters.query_one("#favourites-summary", Static)

    def __init__(self) -> None:
        super().__init__()
        self.favourites: list[Favourite] = []
        self._folded: list[str] = []  # each favourite's text and deck name, case-folded once
        self.removed: list[tuple[int, Favourite]] = []  # (where it was, what), newest last
        self.play_asked = False
        # One thread, off the event loop, writes removals and restores in the order they were made.
        self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="favourites")
        # The first screenful is read now (the store reads it in list order, no sort); if there
        # are more, all of them are read on that thread, first in its queue (before any removal
        # it will write), once the first frame is drawn: read alongside, the 5,000 rows slowed
        # it down by half. They arrive as ``FullyRead``.
        service = self.app.session.favourites
        first = service.first(FIRST_READ + 1)
        self.complete = len(first) <= FIRST_READ
        self._first = first[:FIRST_READ]
        self.total = len(first) if self.complete else service.count()
        self._drawn = threading.Event()
        if not self.complete:
            reading = self._writer.submit(self._read_all_when_drawn, service.all)
            reading.add_done_callback(self._fully_read)

    @dataclass
    class FullyRead(Message):
        """Every favourite, read off the event loop."""

        favourites: list[Favourite]

    def _read_all_when_drawn(self, read_all: Callable[[], list[Favourite]]) -> list[Favourite]:
        self._drawn.wait(DRAWN_WAIT)
        return read_all()

    def _fully_read(self, reading: Future[list[Favourite]]) -> None:
        if not reading.cancelled() and reading.exception() is None:
            self.post_message(self.FullyRead(reading.result()))  # thread-safe

    def compose(self) -> ComposeResult:
        with Vertical(id="favourites"):
            yield Static("Favourites", classes="title")
            yield SearchBox(
                placeholder="Search your favourites ( / )", id="favourites-search", compact=True
            )
            yield LineList(id="favourites-list")
            yield Static(id="favourites-summary", classes="hint", markup=False)
            with Horizontal(classes="button-row"):
                for label, button_id, action, variant in BUTTONS:
                    yield Button(label, id=button_id, action=action, variant=variant, compact=True)
        yield CompactFooter()

    def on_mount(self) -> None:
        self.set_favourites(self._first)
        self.cards.focus()
        self.call_after_refresh(self._drawn.set)

    @on(FullyRead)
    def _all_read(self, message: FullyRead) -> None:
        """The whole list replaces the first screenful (which is its beginning), less what was
        removed meanwhile; the cursor stays where it was."""
        gone = {favourite.key for _, favourite in self.removed}
        self.complete = True
        self.set_favourites([f for f in message.favourites if f.key not in gone])

    def set_favourites(self, favourites: list[Favourite], keep=None) -> None:
        self.favourites = favourites
        self._folded = [f"{f.text}\n{f.deck_name}".casefold() for f in favourites]
        self.show(keep)

    # -- showing and searching ---------------------------------------------------------------

    @property
    def shown(self) -> list[Favourite]:
        needle = self.search.value.casefold().strip()
        if not needle:
            return self.favourites
        return [
            f for f, folded in zip(self.favourites, self._folded, strict=True) if needle in folded
        ]

    def show(self, keep=None, note: str | None = None) -> None:
        shown = self.shown
        current = self.cards.row
        self.cards.set_rows(favourite_rows(shown), keep=keep or (current and current.key))
        if note is not None:
            self.say(note)
        elif not self.favourites:
            self.say("No favourites yet. Press f during a game to keep a card.")
        else:
            total = len(self.favourites) if self.complete else self.total
            self.say(f"{len(shown):,} of {plural(total, 'favourite')}")

    def say(self, text: str) -> None:
        """Put ``text`` in the status line; lay out the screen only if its height may change.

        The line grows to two when a long note wraps. A search keystroke changes a one-line
        count into another, and laying out the whole screen for that was most of its cost.
        """
        summary = self.summary
        width = summary.content_size.width
        one_line = 0 < cell_len(text) <= width and 0 < cell_len(str(summary.content)) <= width
        summary.update(text, layout=not one_line)

    @on(Input.Changed, "#favourites-search")
    def _search_changed(self) -> None:
        self.show()

    @on(Input.Submitted, "#favourites-search")
    def _search_done(self) -> None:
        self.cards.focus()

    def _highlighted(self) -> Favourite | None:
        row = self.cards.row
        if row is None or row.is_heading:
            return None
        return next((f for f in self.favourites if f.key == row.key), None)

    def action_search(self) -> None:
        self.search.focus()

    # -- remove and undo ---------------------------------------------------------------------

    def action_remove(self) -> None:
        favourite = self._highlighted()
        if favourite is None:
            return
        index = self.favourites.index(favourite)
        self.removed.append((index, favourite))
        shown = self.shown
        place = shown.index(favourite)
        neighbour = shown[place + 1] if place + 1 < len(shown) else shown[place - 1]
        self.favourites = self.favourites[:index] + self.favourites[index + 1 :]
        del self._folded[index]
        self.show(
            keep=neighbour.key if neighbour is not favourite else None,
            note=f"Removed “{snippet(favourite.text)}”. Press u to put it back.",
        )
        self._write_removal(favourite)

    def _write_removal(self, favourite: Favourite) -> None:
        service = self.app.session.favourites
        self._writer.submit(service.remove, favourite.deck_id, favourite.card_id)

    def action_undo(self) -> None:
        if not self.removed:
            self.say("Nothing to put back.")
            return
        index, favourite = self.removed.pop()
        favourites = list(self.favourites)
        favourites.insert(min(index, len(favourites)), favourite)
        self.set_favourites(favourites, keep=favourite.key)
        self.show(keep=favourite.key, note=f"Put back “{snippet(favourite.text)}”.")
        self._write_restore(favourite)

    def _write_restore(self, favourite: Favourite) -> None:
        self._writer.submit(self.app.session.favourites.restore, favourite)

    def on_unmount(self) -> None:
        self._drawn.set()
        self._writer.shutdown(wait=False)  # writes already asked for still land

    # -- leaving -----------------------------------------------------------------------------

    def action_play(self) -> None:
        """A game of favourites with the last table, or say to pick players in setup first."""
        if not self.favourites:
            self.say("Keep a few cards first: press f during a game.")
            return
        table = self.app.session.preferences.last_table
        children = str(table.option("children") or "").split("\n")
        try:
            settings = GameSettings.from_choices(
                {**table.options, **PLAY_THESE},
                players=table.players,
                deck_ids=(FAVOURITES_DECK_ID,),
                children=[name for name in children if name in table.players],
                strict=False,
            )
        except (SettingsError, TypeError, ValueError):
            self.say("Add players in setup, then pick the Favourites deck.")
            return
        if not self.play_asked and not self.dismissed:
            self.play_asked = True  # once: a second fast p must not deal a second game
            self.post_message(PlayThese(settings))

    def action_close(self) -> None:
        self.dismiss(None)  # once (``DismissesOnce``): a second fast escape pops nothing more
