"""Set the table: players, decks, depth, length, timers, reflection. What ``cardgame`` opens.

The name field is composed with the screen and has focus on the first frame, so names typed the
moment the game appears are kept; the decks are read in a worker thread (with progress) and the
deck list fills when they arrive.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, replace

from textual import events, getters, on, work
from textual._context import NoActiveAppError
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widget import MountError, Widget
from textual.widgets import Button, SelectionList, Static
from textual.widgets.selection_list import Selection

from ..engine import GameSettings, SettingsError
from ..engine.settings import EVERYONE, MAX_NAME, MAX_PLAYERS
from ..messages import ShowBrowser, ShowFavourites, ShowHelp, StartGame
from ..session import FAVOURITES_DECK_ID, TableChoice
from ..widgets.footer import CompactFooter
from ..widgets.name_input import NameInput, one_line
from ..widgets.player_list import PlayerList
from ..widgets.table_options import TableOptions
from ..widgets.words import plural
from .base import CardGameScreen

TABLE_RULE = "Every card is optional: pass any time, no explanation needed."
HOW_TO_START = "Press ctrl+s or Start to deal the first card."
PROGRESS_INTERVAL = 0.05  # seconds between progress reports from the deck-reading thread


PLAYER_BUTTONS = (
    ("Remove", "remove", "screen.remove_player"),
    ("Up", "up", "screen.move_player(-1)"),
    ("Down", "down", "screen.move_player(1)"),
    ("Child (c)", "child", "screen.toggle_child"),
)
FORM_BUTTONS = (
    ("Start (ctrl+s)", "start", "screen.start", "primary"),
    ("Browse decks", "browse", "screen.browse", "default"),
    ("Favourites", "favourites", "screen.favourites", "default"),
)


@dataclass
class DecksProgress(Message):
    """From the deck-reading thread: ``done`` of ``total`` files read."""

    done: int
    total: int


class SetupScreen(CardGameScreen):
    """Collects a table's choices and starts a game with them."""

    CSS_PATH = "setup.tcss"
    AUTO_FOCUS = "#new-player"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (72, "-wide")]
    BINDINGS = [
        Binding("ctrl+s", "start", "Start", id="setup.start", tooltip="Deal the first card"),
        Binding(
            "ctrl+f", "favourites", "Favourites", id="setup.favourites", tooltip="Your kept cards"
        ),
        Binding("ctrl+b", "browse", "Browse", id="setup.browse", tooltip="Page through a deck"),
        Binding("f1", "help", "Help", id="setup.help", tooltip="Keys and table rules"),
        Binding("ctrl+q", "app.quit", "Quit", id="setup.quit", tooltip="Leave cardgame"),
    ]

    name_input = getters.query_one("#new-player", NameInput)
    player_list = getters.query_one("#players", PlayerList)
    deck_list = getters.query_one("#decks", SelectionList)
    deck_status = getters.query_one("#decks-status", Static)
    message = getters.query_one("#setup-message", Static)
    table_options = getters.query_one("#options", TableOptions)

    def __init__(self) -> None:
        super().__init__()
        self.form_asked = False  # the form is being built (see build_form_when_shown)
        self.form_built = False  # everything below the name field is mounted
        self.listed = False  # the deck list is filled
        self.built = False  # ... and the form laid out and drawn with it: the form is usable
        self.decks_ready = False  # read, perhaps before the list was there to show them
        self.early_names: list[str] = []
        self.start_asked = False
        self._said = ""
        # The decks the table ticked, hidden ones included; None follows the audience's decks.
        self.picks: set[str] | None = None
        self._presize()

    def _presize(self) -> None:
        """The width class (``-wide``/``-narrow``) the first resize would give, given before
        the first styling: the first frame is styled once, not styled, then styled again."""
        try:
            width = self.app.size.width
        except NoActiveAppError:  # made outside an app (nothing to style yet)
            return
        fits = [name for least, name in sorted(self.HORIZONTAL_BREAKPOINTS) if width >= least]
        if fits:
            self.set_class(True, fits[-1], update=False)

    @property
    def players(self) -> list[str]:
        return self.player_list.players

    def compose(self) -> ComposeResult:
        """The first frame: the name field, focused. The rest of the form follows it at once."""
        with VerticalScroll(id="setup"):
            yield Static("Set the table", classes="title")
            yield Static(TABLE_RULE, classes="table-rule")
            with Horizontal(id="setup-columns"), Vertical(id="players-column"):
                yield Static(f"Players (2 to {MAX_PLAYERS})", classes="heading")
                yield NameInput(
                    placeholder="Name, then enter", id="new-player", max_length=MAX_NAME
                )
        yield CompactFooter()

    def rest_of_form(self) -> tuple[list[Widget], Widget, list[Widget]]:
        """Everything but the name field: the player list, decks, table options and buttons."""
        players = [
            PlayerList(id="players"),
            Horizontal(
                *(
                    Button(label, id=button_id, action=action, compact=True)
                    for label, button_id, action in PLAYER_BUTTONS
                ),
                classes="button-row",
            ),
        ]
        decks = Vertical(
            Static("Decks", classes="heading"),
            SelectionList[str](id="decks", compact=True),
            Static("Reading decks…", id="decks-status", classes="hint"),
            id="decks-column",
        )
        options = TableOptions(id="options")
        buttons = Horizontal(
            *(
                Button(label, id=button_id, action=action, variant=variant, compact=True)
                for label, button_id, action, variant in FORM_BUTTONS
            ),
            classes="button-row",
            id="setup-buttons",
        )
        return players, decks, [options, Static("", id="setup-message", markup=False), buttons]

    def on_mount(self) -> None:
        self.name_input.cursor_blink = self.app.live_timers
        self.build_form_when_shown()

    def build_form_when_shown(self) -> None:
        """Build the rest of the form after the first frame that shows this screen.

        Under a game from the start (``cardgame play --players ...``) nobody sees setup until
        the game ends, so the form waits until then: that start draws the table sooner.
        """
        if self.form_asked or not self.is_active:  # (is_current is true under a game too)
            return
        self.form_asked = True
        self.call_after_refresh(self.build_form)

    async def build_form(self) -> None:
        """After the first frame: the rest of the form and the remembered table, while the
        decks are read; decks read by the time the form is mounted are in its first frame (one
        layout, not two). A big library is listed when it is read; the name field answers keys
        all along."""
        self.read_decks()
        players, decks, below = self.rest_of_form()
        try:
            await self.query_one("#players-column").mount_all(players)
            await self.query_one("#setup-columns").mount(decks)
            await self.query_one("#setup").mount_all(below)
        except MountError:  # the app is closing already (quit in the first instant)
            return
        if not self.app.is_running:  # type: ignore[attr-defined]
            return  # it closed while mounting: the form may be half there
        for button in self.query("#players-column Button"):
            button.can_focus = False  # the list's own keys do the same; tab goes on to the decks
        self.form_built = True
        self.restore_players()
        self.restore_choices()
        self.say(self._said)
        for typed in self.early_names:
            self.add_player(typed)
        if self.decks_ready or self.app.session.library_loaded:
            # Read while the form was mounted: listed in the form's first frame. (The reader's
            # own call comes only once this frame is drawn: the event loop is busy until then.)
            self._decks_read()

    def on_resize(self, event: events.Resize) -> None:
        """A resize to the size this screen is laid out at already changes nothing: skip it.

        The terminal's first size report reaches the screen again once the app is idle (Textual
        keeps it even when the size is unchanged), by then with the whole form mounted: laying
        out and drawing every widget again cost a third of the time to a usable form.
        """
        if event.size == self._compositor.size and self.is_current:
            event.prevent_default()  # Screen's own handler would lay out and draw it all again

    def on_screen_resume(self) -> None:
        """Back from a game, favourites or the browser: names first, decks as they are now."""
        self.start_asked = False
        self.name_input.focus()
        self.build_form_when_shown()
        if self.listed:
            self.fill_decks()

    # -- the remembered table ----------------------------------------------------------------

    def restore_players(self) -> None:
        table = self.app.session.preferences.last_table
        players = [one_line(name)[:MAX_NAME] for name in table.players]
        players = [name for name in players if name][:MAX_PLAYERS]
        self.player_list.set_table(players, table.children)

    def restore_choices(self) -> None:
        preferences = self.app.session.preferences
        table = preferences.last_table
        self.table_options.restore({**table.options, "bell": preferences.bell})
        self.picks = set(table.decks) if table.decks else None

    def remember(self, settings: GameSettings) -> None:
        """Keep this table's choices, so setup offers them again next time."""
        session = self.app.session
        options = self.table_options.values
        table = TableChoice(
            players=settings.players,
            decks=tuple(sorted(self.picks)) if self.picks is not None else (),
            options=options,
            children=tuple(sorted(settings.children)),
        )
        preferences = replace(session.preferences, last_table=table, bell=bool(options["bell"]))
        session.save_preferences(preferences)

    # -- players -----------------------------------------------------------------------------

    @on(NameInput.Submitted, "#new-player")
    def _name_submitted(self, event: NameInput.Submitted) -> None:
        if self.form_built:
            self.add_player(event.value)
        else:  # typed in the instant before the list was there: added once it is
            self.early_names.append(event.value)

    def add_player(self, typed: str) -> None:
        name = one_line(typed)[:MAX_NAME]
        if not name:
            if len(self.players) < 2:
                self.say(
                    f"Add at least two players; then {HOW_TO_START[0].lower()}{HOW_TO_START[1:]}"
                )
            else:
                self.say(HOW_TO_START)
            return
        if len(self.players) >= MAX_PLAYERS:
            self.say(f"A game has at most {MAX_PLAYERS} players.")
            return
        if self.player_list.has(name):
            self.say(f"{name} is already at the table; add an initial to tell them apart.")
            self.name_input.value = self.name_input.value or name  # to be fixed, not retyped
            return
        self.player_list.add(name)
        self.say("")

    @on(NameInput.Cut)
    def _name_cut(self, event: NameInput.Cut) -> None:
        self.say(f"A name has at most {MAX_NAME} characters; the paste was cut to “{event.kept}”.")

    def action_remove_player(self) -> None:
        self.player_list.action_remove()

    def action_move_player(self, step: int) -> None:
        self.player_list.action_move(step)

    def action_toggle_child(self) -> None:
        self.player_list.action_toggle_child()

    # -- decks -------------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="decks")
    def read_decks(self) -> None:
        """Read the library off the event loop; the form is usable while it runs."""
        last_report = 0.0

        def progress(done: int, total: int) -> None:
            nonlocal last_report
            now = time.monotonic()
            if now - last_report >= PROGRESS_INTERVAL or done == total:
                last_report = now
                self.post_message(DecksProgress(done, total))

        self.app.session.load_library(progress=progress)
        self.app.call_from_thread(self._decks_read)

    @on(DecksProgress)
    def _show_progress(self, event: DecksProgress) -> None:
        if self.form_built and not self.listed:
            self.show_status(f"Reading decks: {event.done:,} of {plural(event.total, 'file')}")

    def _decks_read(self) -> None:
        self.decks_ready = True
        if self.listed:
            return  # listed already (the form found them read)
        if not self.form_built:
            return  # the form is being mounted: it fills the list once it is there
        if not self.app.is_running:  # type: ignore[attr-defined]
            return  # the app is closing: the form may be half taken down already
        self.fill_decks()
        self.listed = True
        self.call_after_refresh(self._form_drawn)

    def _form_drawn(self) -> None:
        """The filled form is laid out and drawn: every widget is where a click or tab finds
        it (until then their places are unknown, and tab's order with them)."""
        self.built = True

    @property
    def audience(self) -> str | None:
        value = self.table_options.value("audience")
        return None if value == EVERYONE else str(value)

    def _picked(self, deck, audience: str | None) -> bool:
        """Ticked: the table's picks, or with none saved, the decks made for this audience."""
        if self.picks is not None:
            return deck.id in self.picks
        return deck.id != FAVOURITES_DECK_ID and (audience is None or audience in deck.audience)

    def fill_decks(self, *, read_favourites: bool = True) -> None:
        """List each deck with cards for the chosen audience, with its count; keep the picks.

        The Favourites deck is listed as last read, and read afresh off the event loop (with
        thousands of hearts the read took 100 ms on every fill); it is listed again if changed.
        """
        audience = self.audience
        session = self.app.session
        decks = list(session.decks)
        favourites = session.favourites.last_deck
        if favourites:
            decks.append(favourites)
        if read_favourites:
            self._read_favourites()
        selections = []
        for deck in decks:
            count = deck.summary.count(audience)  # a cached deck's cards are not built
            if count:
                prompt = Content(f"{deck.name} · {plural(count, 'card')}")
                selections.append(Selection(prompt, deck.id, self._picked(deck, audience)))
        highlighted = self.deck_list.highlighted
        self.deck_list.clear_options()
        # One "selected changed" per ticked deck otherwise, each bubbling up to the app; no one
        # listens (a tick the player makes is a SelectionToggled).
        with self.deck_list.prevent(SelectionList.SelectedChanged):
            self.deck_list.add_options(selections)
        if self.deck_list.has_focus and selections:
            self.deck_list.highlighted = min(highlighted or 0, len(selections) - 1)
        self._describe_decks()

    @work(thread=True, exclusive=True, group="favourites-deck")
    def _read_favourites(self) -> None:
        service = self.app.session.favourites
        shown = service.last_deck
        read = service.deck()
        if (shown.cards if shown else ()) != (read.cards if read else ()):
            self.app.call_from_thread(self.fill_decks, read_favourites=False)

    @on(SelectionList.SelectionToggled, "#decks")
    def _deck_toggled(self, event: SelectionList.SelectionToggled) -> None:
        shown = {
            self.deck_list.get_option_at_index(i).value for i in range(self.deck_list.option_count)
        }
        hidden = (self.picks or set()) - shown if self.picks is not None else set()
        self.picks = hidden | set(self.deck_list.selected)
        self._describe_decks()

    @on(SelectionList.SelectionHighlighted, "#decks")
    def _deck_highlighted(self) -> None:
        self._describe_decks()

    def _describe_decks(self) -> None:
        """Under the list: how many are ticked, and what space would do to the highlighted deck."""
        decks = self.deck_list
        ticked = f"{len(decks.selected)} of {plural(decks.option_count, 'deck')} ticked"
        index = decks.highlighted
        if decks.has_focus and index is not None:
            selection = decks.get_option_at_index(index)
            verb = "untick" if selection.value in decks.selected else "tick"
            name = self.app.session.deck_name(selection.value)
            self.show_status(Content.assemble(f"space: {verb} ", name, f" · {ticked}"))
        else:
            self.show_status(f"{ticked} · space ticks")

    def show_status(self, status: str | Content) -> None:
        """The line under the deck list. It is one line whatever it says (setup.tcss): drawn
        again, never laid out again, which cost a layout of the whole form per progress
        report and per highlighted deck."""
        self.deck_status.update(status, layout=False)

    def on_descendant_focus(self) -> None:
        if not self.listed:
            return
        decks = self.deck_list
        if decks.has_focus and decks.highlighted is None and decks.option_count:
            decks.highlighted = 0  # the row space will tick is always shown, never a surprise
        self._describe_decks()

    def on_descendant_blur(self) -> None:
        if self.listed:
            self._describe_decks()

    @on(TableOptions.Changed, "#options")
    def _option_changed(self, event: TableOptions.Changed) -> None:
        if event.name == "audience" and self.listed:
            self.fill_decks()

    # -- starting ----------------------------------------------------------------------------

    def say(self, message: str) -> None:
        self._said = message
        if self.form_built:
            self.message.update(message)

    def read_settings(self) -> GameSettings:
        return GameSettings.from_choices(
            self.table_options.values,
            players=self.players,
            deck_ids=self.deck_list.selected,
            children=self.player_list.child_names,
        )

    def action_start(self) -> None:
        """Ask the app for a game, once: a second fast ctrl+s never deals a second game."""
        if not self.listed:
            self.say("One moment: the decks are still being read.")
            return
        if self.start_asked:
            return
        try:
            settings = self.read_settings()
        except SettingsError as error:
            self.say(str(error))
            return
        self.say("")
        self.remember(settings)
        self.start_asked = True
        self.app.post_message(StartGame(settings))
        self.app.call_later(self._start_answered)

    def _start_answered(self) -> None:
        """After the app has handled StartGame: still here means no game (it said why)."""
        if self.is_current:
            self.start_asked = False

    def action_favourites(self) -> None:
        self.post_message(ShowFavourites())

    def action_browse(self) -> None:
        index = self.deck_list.highlighted if self.listed else None
        deck_id = self.deck_list.get_option_at_index(index).value if index is not None else None
        self.post_message(ShowBrowser(None if deck_id == FAVOURITES_DECK_ID else deck_id))

    def action_help(self) -> None:
        self.post_message(ShowHelp())
