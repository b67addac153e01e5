"""The table: one card at a time, whose turn it is, and the turn timer."""

from __future__ import annotations

from textual import getters
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.geometry import Size
from textual.widgets import Static

from ..decks import Card, Wildcard
from ..engine import Countdown, Game, GameRuleError, Phase
from ..messages import AskWhom, TurnDone
from ..widgets.card import CardView, wildcard_label
from ..widgets.footer import CompactFooter
from ..widgets.key_button import KeyButton
from ..widgets.turn_clock import TurnClock
from .base import TimedScreen

BUTTONS = (
    ("Done ⏎", "done"),
    ("Pass p", "pass_card"),
    ("+30s", "extend"),
    ("♥ f", "favourite"),
    ("Pause ␣", "pause"),
    ("Menu esc", "menu"),
)
NO_PASSES = "No passes left this game"
COMPACT_HEIGHT = 22
TALL_HEIGHT = 36
WIDE_WIDTH = 120


class PlayScreen(TimedScreen):
    """Shows the game's current turn and sends the table's keys to the engine."""

    CSS_PATH = "play.tcss"
    AUTO_FOCUS = None
    BINDINGS = [
        Binding("n,enter", "done", "Done", id="play.done", tooltip="Answered: next turn"),
        Binding("p", "pass_card", "Pass", id="play.pass", tooltip="Another card, no reason needed"),
        Binding("a", "ask", "Ask", id="play.ask", tooltip="Choose whom to ask"),
        *TimedScreen.TIMED_BINDINGS,
    ]

    card_view = getters.query_one(CardView)
    turn_clock = getters.query_one(TurnClock)
    status = getters.query_one("#play-status", Static)

    def __init__(self, game: Game) -> None:
        super().__init__()
        self.game = game
        self._status_text: Content | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="play-status", markup=False)
        yield CardView()
        yield TurnClock()
        with Horizontal(id="play-buttons", classes="button-row"):
            for label, action in BUTTONS:
                yield KeyButton(label, action)
        yield CompactFooter()

    def on_mount(self) -> None:
        self.show_turn()
        super().on_mount()

    def on_screen_resume(self) -> None:
        if self.is_mounted:
            self.show_turn()
        super().on_screen_resume()

    def size_classes(self, size: Size) -> dict[str, bool]:
        return {
            **super().size_classes(size),
            "-short": size.height < COMPACT_HEIGHT,
            "-tall": size.height >= TALL_HEIGHT,
            "-wide": size.width >= WIDE_WIDTH,
        }

    # -- drawing -----------------------------------------------------------------------------

    def countdown(self) -> Countdown | None:
        return self.game.turn.timer if self.game.phase == Phase.TURN and self.game.turn else None

    def current_card(self) -> Card | None:
        turn = self.game.turn
        return turn.card if turn is not None and self.game.phase == Phase.TURN else None

    @property
    def heart_shown(self) -> bool:
        return self.card_view.favourite

    def show_heart(self, shown: bool) -> None:
        self.card_view.favourite = shown

    def show_turn(self) -> None:
        """Draw the turn in progress (the app moves the table on when the game is elsewhere)."""
        game = self.game
        if game.phase != Phase.TURN:
            return
        turn = game.turn
        assert turn is not None
        session = self.app.session
        deck = session.library.deck(turn.card.deck_id)
        self.card_view.show(
            turn.card,
            session.deck_name(turn.card.deck_id),
            deck.color if deck else None,
            self._wildcard_note(),
            players=len(game.players),
        )
        self.card_view.favourite = session.favourites.is_favourite(turn.card)
        status = self._status_line()
        if status != self._status_text:
            self._status_text = status
            self.status.update(status)
        self.show_buttons()
        self.update_bindings()
        self.tick()
        self.keep_time()

    def _status_line(self) -> Content:
        game, turn = self.game, self.game.turn
        assert turn is not None
        rounds = f"Round {game.round}"
        if game.total_rounds:
            rounds += f" of {game.total_rounds}"
        if game.last_round:
            rounds += " · last round"
        if turn.asked is None:
            line = Content.from_markup(
                "$rounds · [b]$who[/b]'s turn · next: $next",
                rounds=rounds,
                who=turn.player,
                next=game.next_player,
            )
        else:
            line = Content.from_markup(
                "$rounds · [b]$who[/b] asks [b]$asked[/b] · next: $next",
                rounds=rounds,
                who=turn.player,
                asked=turn.asked,
                next=game.next_player,
            )
        left = game.passes_left(turn.player)
        if left is not None:
            line += Content(f" · passes left: {left}")
        return line

    def _wildcard_note(self) -> str:
        turn = self.game.turn
        assert turn is not None
        label = wildcard_label(turn.card, len(self.game.players))
        if turn.card.wildcard == Wildcard.EVERYONE:
            return f"{label}, in turn: " + ", ".join(self.game.players)
        if turn.card.wildcard == Wildcard.ANYONE:
            if turn.asked:
                return f"{turn.player} asks {turn.asked}."
            return f"{turn.player}, ask anyone at the table: press a to choose."
        return ""

    def draw_clock(self) -> None:
        timer = self.countdown()
        self.turn_clock.show(timer)
        self.card_view.time_up = bool(timer and timer.expired)

    # -- actions -----------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.game.phase != Phase.TURN:
            return action in ("menu", "help", "quit_game")
        if action == "ask":
            turn = self.game.turn
            return turn is not None and turn.card.wildcard == Wildcard.ANYONE
        return super().check_action(action, parameters)

    def after_move(self) -> None:
        """The game moved: redraw this turn, and tell the app (it shows a reflection or summary)."""
        self.show_turn()
        self.post_message(TurnDone())

    def action_done(self) -> None:
        turn = self.game.turn
        if self.game.phase != Phase.TURN or turn is None:
            return
        if turn.needs_target:
            self.action_ask()  # "ask anyone": first choose whom to ask
            return
        try:
            self.game.done()
        except GameRuleError:
            return
        self.after_move()

    def action_pass_card(self) -> None:
        if self.game.phase != Phase.TURN:
            return
        if not self.game.pass_card():
            self.notify(NO_PASSES, timeout=4)
            return
        self.after_move()

    def action_ask(self) -> None:
        turn = self.game.turn
        if turn is None or turn.card.wildcard != Wildcard.ANYONE or self.game.phase != Phase.TURN:
            return
        self.post_message(AskWhom())
