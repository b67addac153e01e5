"""Set the table: players, decks, depth, length, timers, reflection. What ``cardgame`` opens."""

from __future__ import annotations

from dataclasses import dataclass

from textual import getters, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Button, Footer, Input, OptionList, SelectionList, Static
from textual.widgets.option_list import Option
from textual.widgets.selection_list import Selection

from ..decks import AUDIENCES
from ..engine import GameSettings, SettingsError
from ..engine.settings import (
    DEPTH_LABELS,
    MAX_NAME,
    MAX_PLAYERS,
    REFLECT_LABELS,
    TURN_CHOICES,
)
from ..session import FAVOURITES_DECK_ID
from ..widgets.choice import Choice
from .base import CardGameScreen

LAST_TABLE_SETTING = "last_table"
TABLE_RULE = "Every card is optional: pass any time, no explanation needed."
ROUND_CHOICES = (
    (3, "3 rounds"),
    (5, "5 rounds"),
    (7, "7 rounds"),
    (10, "10 rounds"),
    (0, "Until the cards run out"),
)
PASS_CHOICES = ((-1, "Unlimited"), (1, "1 each"), (2, "2 each"), (3, "3 each"), (5, "5 each"))
REFLECT_TIME_CHOICES = (30, 60, 90, 120)


def _seconds_label(seconds: int) -> str:
    return "Off" if seconds == 0 else f"{seconds} seconds"


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
        (("Everyone", ""), *((a.capitalize(), a) for a in AUDIENCES)),
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


class SetupScreen(CardGameScreen):
    """Collects a table's choices and starts a game with them."""

    CSS_PATH = "setup.tcss"
    BINDINGS = [
        Binding("ctrl+s", "start", "Start", id="setup.start", tooltip="Deal the first card"),
        Binding(
            "ctrl+f", "favourites", "Favourites", id="setup.favourites", tooltip="Your kept cards"
        ),
        Binding("f1", "help", "Help", id="setup.help", tooltip="Keys and table rules"),
        Binding("ctrl+q", "app.quit", "Quit", id="setup.quit", tooltip="Leave cardgame"),
    ]

    name_input = getters.query_one("#new-player", Input)
    player_list = getters.query_one("#players", OptionList)
    deck_list = getters.query_one("#decks", SelectionList)
    message = getters.query_one("#setup-message", Static)

    def __init__(self) -> None:
        super().__init__()
        self.players: list[str] = []
        self.built = False

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="setup"):
            yield Static("Set the table", classes="title")
            yield Static(TABLE_RULE, classes="table-rule")
            yield Static("Shuffling the decks…", id="setup-loading", classes="hint")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        # The form and the decks come just after the first frame, so the game shows at once.
        self.call_after_refresh(self.build_form)

    async def build_form(self) -> None:
        await self.query_one("#setup").mount_all(self.form())
        await self.query_one("#setup-loading").remove()
        self.built = True
        self.restore_last_table()
        self.name_input.cursor_blink = self.app.live_timers
        self.name_input.focus()

    def form(self) -> list[Widget]:
        players = Vertical(
            Static(f"Players (2 to {MAX_PLAYERS})", classes="heading"),
            Input(placeholder="Name, then enter", id="new-player", max_length=MAX_NAME),
            OptionList(id="players"),
            Horizontal(
                Button("Remove", id="remove", action="screen.remove_player", compact=True),
                Button("Up", id="up", action="screen.move_player(-1)", compact=True),
                Button("Down", id="down", action="screen.move_player(1)", compact=True),
                classes="button-row",
            ),
            id="players-column",
        )
        decks = Vertical(
            Static("Decks (space to pick)", classes="heading"),
            SelectionList[str](id="decks"),
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
            Button("Start (ctrl+s)", id="start", variant="primary", action="screen.start"),
            Button("Favourites", id="favourites", action="screen.favourites"),
            classes="button-row",
        )
        message = Static("", id="setup-message", markup=False)
        return [Horizontal(players, decks, id="setup-columns"), options, message, buttons]

    def on_screen_resume(self) -> None:
        if self.built:
            self.fill_decks(self._chosen_decks())

    # -- players -----------------------------------------------------------------------------

    def restore_last_table(self) -> None:
        last = self.app.session.store.get_setting(LAST_TABLE_SETTING, {}) or {}
        if not isinstance(last, dict):
            last = {}
        self.players = [str(name) for name in last.get("players", [])][:MAX_PLAYERS]
        self.show_players()
        for option in SETUP_OPTIONS:
            choice = self.query_one(f"#{option.id}", Choice)
            if choice.has_value(last.get(option.remembered_as)):
                choice.value = last[option.remembered_as]
        self.query_one("#bell", Choice).value = self.app.bell_on
        decks = last.get("decks") or []
        self.fill_decks(set(decks) if decks else None)

    def show_players(self, highlight: int | None = None) -> None:
        self.player_list.clear_options()
        self.player_list.add_options(
            Option(Content(f"{index + 1}. {name}")) for index, name in enumerate(self.players)
        )
        if highlight is not None and self.players:
            self.player_list.highlighted = max(0, min(highlight, len(self.players) - 1))

    @on(Input.Submitted, "#new-player")
    def add_player(self, event: Input.Submitted) -> None:
        name = " ".join(event.value.split())
        if not name:
            if len(self.players) >= 2:
                self.action_start()
            return
        if len(self.players) >= MAX_PLAYERS:
            self.say(f"A game has at most {MAX_PLAYERS} players.")
            return
        if name.casefold() in (player.casefold() for player in self.players):
            self.say(f"{name} is already at the table; add an initial to tell them apart.")
            return
        self.players.append(name)
        self.name_input.value = ""
        self.show_players(len(self.players) - 1)
        self.say("")

    def action_remove_player(self) -> None:
        index = self.player_list.highlighted
        if index is None or not self.players:
            return
        del self.players[index]
        self.show_players(index)

    def action_move_player(self, step: int) -> None:
        index = self.player_list.highlighted
        if index is None:
            return
        target = index + step
        if not 0 <= target < len(self.players):
            return
        self.players[index], self.players[target] = self.players[target], self.players[index]
        self.show_players(target)

    # -- decks -------------------------------------------------------------------------------

    @property
    def audience(self) -> str | None:
        value = self.query_one("#audience", Choice).value
        return value or None  # type: ignore[return-value]

    def _chosen_decks(self) -> set[str]:
        return set(self.deck_list.selected)

    def fill_decks(self, chosen: set[str] | None) -> None:
        """List every deck with its card count for the chosen audience; keep the picks."""
        audience = self.audience
        session = self.app.session
        decks = list(session.decks)
        favourites = session.favourites_deck()
        if favourites:
            decks.append(favourites)
        selections = []
        for deck in decks:
            count = sum(1 for card in deck.cards if audience is None or audience in card.audience)
            if count == 0:
                continue
            for_whom = ", ".join(deck.audience)
            prompt = Content(f"{deck.name} · {count} cards · {for_whom}")
            picked = deck.id in chosen if chosen is not None else deck.id != FAVOURITES_DECK_ID
            selections.append(Selection(prompt, deck.id, picked))
        self.deck_list.clear_options()
        self.deck_list.add_options(selections)

    @on(Choice.Changed, "#audience")
    def _audience_changed(self) -> None:
        self.fill_decks(self._chosen_decks())

    # -- starting ----------------------------------------------------------------------------

    def say(self, message: str) -> None:
        self.message.update(message)

    def read_settings(self) -> GameSettings:
        def value(selector: str):
            return self.query_one(selector, Choice).value

        rounds = int(value("#rounds"))
        passes = int(value("#passes"))
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
            speaker_picks_listener=self.query_one("#speaker-picks", Choice).value,
            fresh_first=self.query_one("#fresh-first", Choice).value,
        )

    def remember(self, settings: GameSettings) -> None:
        """Keep this table's choices, so setup offers them again next time."""
        from ..app import BELL_SETTING

        last_table = {
            option.remembered_as: self.query_one(f"#{option.id}", Choice).value
            for option in SETUP_OPTIONS
        }
        last_table.update(players=list(settings.players), decks=list(settings.deck_ids))
        store = self.app.session.store
        store.set_setting(LAST_TABLE_SETTING, last_table)
        store.set_setting(BELL_SETTING, last_table["bell"])

    def action_start(self) -> None:
        from .play import PlayScreen

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

    def action_help(self) -> None:
        self.app.action_help()
