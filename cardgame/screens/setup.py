"""Set the table: players, decks, depth, length, timers, reflection. What ``cardgame`` opens.

The name field is composed with the screen and has focus on the first frame, so names typed the
moment the game appears are kept; the decks are read in a worker thread (with progress) and the
deck list fills when they arrive.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, fields

from textual import getters, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widget import MountError, Widget
from textual.widgets import Button, Footer, SelectionList, Static
from textual.widgets.selection_list import Selection

from ..decks import TABLE_AUDIENCES
from ..engine import GameSettings, SettingsError
from ..engine.settings import DEPTH_LABELS, MAX_NAME, MAX_PLAYERS, REFLECT_LABELS, TURN_CHOICES
from ..session import FAVOURITES_DECK_ID
from ..widgets.choice import Choice
from ..widgets.name_input import NameInput, one_line
from ..widgets.player_list import PlayerList
from .base import CardGameScreen

LAST_TABLE_SETTING = "last_table"
TABLE_RULE = "Every card is optional: pass any time, no explanation needed."
HOW_TO_START = "Press ctrl+s or Start to deal the first card."
ROUND_CHOICES = (
    (3, "3 rounds"),
    (5, "5 rounds"),
    (7, "7 rounds"),
    (10, "10 rounds"),
    (0, "Until the cards run out"),
)
PASS_CHOICES = ((-1, "Unlimited"), (1, "1 each"), (2, "2 each"), (3, "3 each"), (5, "5 each"))
REFLECT_TIME_CHOICES = (30, 60, 90, 120)
PROGRESS_INTERVAL = 0.05  # seconds between progress reports from the deck-reading thread


def _seconds_label(seconds: int) -> str:
    return "Off" if seconds == 0 else f"{seconds} seconds"


def plural(count: int, word: str) -> str:
    """``1 card``, ``2 cards``, ``1,000 files``."""
    return f"{count:,} {word}{'' if count == 1 else 's'}"


ON_OFF = (("On", True), ("Off", False))


@dataclass(frozen=True)
class SetupOption:
    label: str
    id: str
    remembered_as: str
    choices: tuple[tuple[str, object], ...]
    default: object


SETUP_OPTIONS = (
    SetupOption(
        "Audience",
        "audience",
        "audience",
        (("Everyone", ""), *((a.capitalize(), a) for a in TABLE_AUDIENCES)),
        "",
    ),
    SetupOption(
        "Depth", "depth", "depth", tuple((v, k) for k, v in DEPTH_LABELS.items()), "escalate"
    ),
    SetupOption("Length", "rounds", "rounds", tuple((v, k) for k, v in ROUND_CHOICES), 5),
    SetupOption(
        "Turn timer", "turn", "turn", tuple((_seconds_label(s), s) for s in TURN_CHOICES), 90
    ),
    SetupOption("Passes", "passes", "passes", tuple((v, k) for k, v in PASS_CHOICES), -1),
    SetupOption(
        "Reflection",
        "reflect",
        "reflect",
        tuple((v, k) for k, v in REFLECT_LABELS.items()),
        "deeper",
    ),
    SetupOption(
        "Reflect time",
        "reflect-time",
        "reflect_time",
        tuple((_seconds_label(s), s) for s in REFLECT_TIME_CHOICES),
        60,
    ),
    SetupOption("Speaker picks", "speaker-picks", "speaker_picks", ON_OFF, False),
    SetupOption("Unseen first", "fresh-first", "fresh_first", ON_OFF, True),
    SetupOption("Bell", "bell", "bell", ON_OFF, True),
)


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

    def __init__(self) -> None:
        super().__init__()
        self.form_built = False  # everything below the name field is mounted
        self.built = False  # the deck list is filled: the whole form is usable
        self.early_names: list[str] = []
        self._said = ""
        # The decks the table ticked, hidden ones included; None follows the audience's decks.
        self.picks: set[str] | None = None

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
        yield Footer(compact=True)

    def rest_of_form(self) -> tuple[list[Widget], Widget, list[Widget]]:
        """Everything but the name field: the player list, decks, pickers and buttons."""
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
        options = Grid(
            *(
                widget
                for option in SETUP_OPTIONS
                for widget in (
                    Static(option.label, classes="label"),
                    Choice(option.choices, option.default, id=option.id),
                )
            ),
            id="options",
        )
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
        self.call_after_refresh(self.build_form)

    async def build_form(self) -> None:
        """After the first frame: the rest of the form, the remembered table, then the decks."""
        players, decks, below = self.rest_of_form()
        try:
            await self.query_one("#players-column").mount_all(players)
            await self.query_one("#setup-columns").mount(decks)
            await self.query_one("#setup").mount_all(below)
        except MountError:  # the app is closing already (quit in the first instant)
            return
        for button in self.query("#players-column Button"):
            button.can_focus = False  # the list's own keys do the same; tab goes on to the decks
        self.form_built = True
        self.restore_players()
        self.restore_choices()
        self.say(self._said)
        for typed in self.early_names:
            self.add_player(typed)
        self.read_decks()

    def on_screen_resume(self) -> None:
        """Back from a game, favourites or the browser: names first, decks as they are now."""
        self.name_input.focus()
        if self.built:
            self.fill_decks()

    # -- the remembered table ----------------------------------------------------------------

    def _remembered(self) -> dict:
        last = self.app.session.store.get_setting(LAST_TABLE_SETTING, {}) or {}
        return last if isinstance(last, dict) else {}

    def restore_players(self) -> None:
        last = self._remembered()
        players = [one_line(str(name))[:MAX_NAME] for name in last.get("players", [])]
        players = [name for name in players if name][:MAX_PLAYERS]
        self.player_list.set_table(players, str(last.get("children") or "").split("\n"))

    def restore_choices(self) -> None:
        last = self._remembered()
        for option in SETUP_OPTIONS:
            choice = self.query_one(f"#{option.id}", Choice)
            if choice.has_value(last.get(option.remembered_as)):
                choice.value = last[option.remembered_as]
        self.query_one("#bell", Choice).value = self.app.bell_on
        decks = last.get("decks")
        self.picks = {str(deck_id) for deck_id in decks} if decks else None

    def remember(self, settings: GameSettings) -> None:
        """Keep this table's choices, so setup offers them again next time."""
        from ..app import BELL_SETTING

        last_table = {
            option.remembered_as: self.query_one(f"#{option.id}", Choice).value
            for option in SETUP_OPTIONS
        }
        last_table.update(
            players=list(settings.players),
            children="\n".join(sorted(self.player_list.child_names)),  # options are plain values
            decks=sorted(self.picks) if self.picks is not None else [],
        )
        store = self.app.session.store
        store.set_setting(LAST_TABLE_SETTING, last_table)
        store.set_setting(BELL_SETTING, last_table["bell"])

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

        session = self.app.session
        load_library = getattr(session, "load_library", None)  # the session's threaded loader
        if load_library is not None:
            load_library(progress=progress)
        else:
            session.library  # noqa: B018 - loads on first use
        self.app.call_from_thread(self._decks_read)

    @on(DecksProgress)
    def _show_progress(self, event: DecksProgress) -> None:
        if not self.built:
            self.deck_status.update(
                f"Reading decks: {event.done:,} of {plural(event.total, 'file')}"
            )

    def _decks_read(self) -> None:
        self.fill_decks()
        self.built = True

    @property
    def audience(self) -> str | None:
        value = self.query_one("#audience", Choice).value
        return value or None  # type: ignore[return-value]

    def _picked(self, deck) -> bool:
        """Ticked: the table's picks, or with none saved, the decks made for this audience."""
        if self.picks is not None:
            return deck.id in self.picks
        audience = self.audience
        return deck.id != FAVOURITES_DECK_ID and (audience is None or audience in deck.audience)

    def fill_decks(self) -> None:
        """List each deck with cards for the chosen audience, with its count; keep the picks."""
        audience = self.audience
        session = self.app.session
        decks = list(session.decks)
        favourites = session.favourites_deck()
        if favourites:
            decks.append(favourites)
        selections = []
        for deck in decks:
            count = sum(1 for card in deck.cards if audience is None or audience in card.audience)
            if count:
                prompt = Content(f"{deck.name} · {plural(count, 'card')}")
                selections.append(Selection(prompt, deck.id, self._picked(deck)))
        highlighted = self.deck_list.highlighted
        self.deck_list.clear_options()
        self.deck_list.add_options(selections)
        if self.deck_list.has_focus and selections:
            self.deck_list.highlighted = min(highlighted or 0, len(selections) - 1)
        self._describe_decks()

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
            name = (
                self.app.session.deck_name(selection.value)
                if selection.value != FAVOURITES_DECK_ID
                else "Favourites"
            )
            self.deck_status.update(Content.assemble(f"space: {verb} ", name, f" · {ticked}"))
        else:
            self.deck_status.update(f"{ticked} · space ticks")

    def on_descendant_focus(self) -> None:
        if not self.built:
            return
        decks = self.deck_list
        if decks.has_focus and decks.highlighted is None and decks.option_count:
            decks.highlighted = 0  # the row space will tick is always shown, never a surprise
        self._describe_decks()

    def on_descendant_blur(self) -> None:
        if self.built:
            self._describe_decks()

    @on(Choice.Changed, "#audience")
    def _audience_changed(self) -> None:
        if self.built:
            self.fill_decks()

    # -- starting ----------------------------------------------------------------------------

    def say(self, message: str) -> None:
        self._said = message
        if self.form_built:
            self.message.update(message)

    def read_settings(self) -> GameSettings:
        def value(selector: str):
            return self.query_one(selector, Choice).value

        rounds = int(value("#rounds"))
        passes = int(value("#passes"))
        extra = {}
        if "children" in {field.name for field in fields(GameSettings)}:
            extra["children"] = frozenset(self.player_list.child_names)
        return GameSettings(
            players=tuple(self.players),
            deck_ids=tuple(self.deck_list.selected),
            depth=str(value("#depth")),
            rounds=rounds or None,
            turn_seconds=int(value("#turn")),
            passes=None if passes < 0 else passes,
            audience=self.audience,
            reflect=str(value("#reflect")),
            reflect_seconds=int(value("#reflect-time")),
            speaker_picks_listener=value("#speaker-picks"),
            fresh_first=value("#fresh-first"),
            **extra,
        )

    def action_start(self) -> None:
        from .play import PlayScreen

        if not self.built:
            self.say("One moment: the decks are still being read.")
            return
        try:
            settings = self.read_settings()
        except SettingsError as error:
            self.say(str(error))
            return
        game = self.app.start_game(settings)
        if game.turn is None:
            self.say("No cards match these decks, audience and depth. Try another mix.")
            return
        self.say("")
        self.remember(settings)
        self.app.push_screen(PlayScreen(game))

    def action_favourites(self) -> None:
        self.app.action_favourites()

    def action_browse(self) -> None:
        self.say("The deck browser is on its way.")

    def action_help(self) -> None:
        self.app.action_help()
