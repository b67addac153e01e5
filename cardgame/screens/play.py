"""The table: one card at a time, whose turn it is, and the turn timer."""

from __future__ import annotations

from textual import getters, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.events import Resize
from textual.widgets import Footer, Static

from ..decks import Wildcard
from ..engine import Game, GameRuleError, Phase
from ..widgets.card import CardView
from ..widgets.key_button import KeyButton
from ..widgets.turn_clock import TurnClock
from .base import TimedScreen
from .choose import ChoosePlayerScreen
from .menu import ConfirmScreen, MenuScreen

TICK_SECONDS = 0.5
BUTTONS = (
    ("Done ⏎", "done"),
    ("Pass p", "pass_card"),
    ("+30s", "extend"),
    ("♥ f", "favourite"),
    ("Pause ␣", "pause"),
    ("Menu esc", "menu"),
)
COMPACT_HEIGHT = 22


class PlayScreen(TimedScreen):
    """Shows the game's current turn and sends the table's keys to the engine."""

    CSS_PATH = "play.tcss"
    AUTO_FOCUS = None
    BINDINGS = [
        Binding("space", "pause", "Pause", id="play.pause", tooltip="Pause or resume the timer"),
        Binding("n,enter", "done", "Done", id="play.done", tooltip="Answered: next turn"),
        Binding("p", "pass_card", "Pass", id="play.pass", tooltip="Another card, no reason needed"),
        Binding("plus,equals_sign", "extend", "+30s", id="play.extend", tooltip="Add 30 seconds"),
        Binding("f", "favourite", "♥", id="play.favourite", tooltip="Keep this card"),
        Binding("a", "ask", "Ask", id="play.ask", tooltip="Choose whom to ask"),
        Binding("escape", "menu", "Menu", id="play.menu", tooltip="Menu: favourites, end game"),
        Binding("question_mark", "help", "Help", id="play.help", tooltip="Keys and table rules"),
        Binding("q", "quit_game", "Quit", id="play.quit", tooltip="Quit (asks first)"),
    ]

    card_view = getters.query_one(CardView)
    turn_clock = getters.query_one(TurnClock)
    status = getters.query_one("#play-status", Static)

    def __init__(self, game: Game) -> None:
        super().__init__()
        self.game = game

    def compose(self) -> ComposeResult:
        yield Static(id="play-status", markup=False)
        yield CardView()
        yield TurnClock()
        with Horizontal(id="play-buttons", classes="button-row"):
            for label, action in BUTTONS:
                yield KeyButton(label, action)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.show_turn()
        if self.app.live_timers:
            self.set_interval(TICK_SECONDS, self.tick)

    def on_screen_resume(self) -> None:
        if self.is_mounted:
            self.show_turn()

    @on(Resize)
    def _fit(self, event: Resize) -> None:
        self.set_class(event.size.height < COMPACT_HEIGHT, "-short")

    # -- drawing -----------------------------------------------------------------------------

    def show_turn(self) -> None:
        """Draw the game as it stands, or leave for the reflection or summary screen."""
        game = self.game
        if game.phase == Phase.OVER:
            self._to_summary()
            return
        if game.phase == Phase.REFLECTION:
            self._to_reflection()
            return
        turn = game.turn
        assert turn is not None
        session = self.app.session
        deck = session.library.deck(turn.card.deck_id)
        self.card_view.show(
            turn.card,
            deck.name if deck else "Favourites",
            deck.color if deck else None,
            self._wildcard_note(),
        )
        self.card_view.favourite = session.store.is_favourite(turn.card.deck_id, turn.card.id)
        self.status.update(self._status_line())
        self.refresh_bindings()
        self.tick()

    def _status_line(self) -> Content:
        game, turn = self.game, self.game.turn
        assert turn is not None
        rounds = f"Round {game.round}"
        if game.total_rounds:
            rounds += f" of {game.total_rounds}"
        who = turn.answerer
        line = Content.from_markup(
            "$rounds · [b]$who[/b]'s turn · next: $next",
            rounds=rounds,
            who=who if turn.asked is None else f"{turn.player} asks {who}",
            next=game.next_player,
        )
        left = game.passes_left(turn.player)
        if left is not None:
            line += Content(f" · passes left: {left}")
        return line

    def _wildcard_note(self) -> str:
        turn = self.game.turn
        assert turn is not None
        if turn.card.wildcard == Wildcard.EVERYONE:
            return "Everyone answers, in turn: " + ", ".join(self.game.players)
        if turn.card.wildcard == Wildcard.ANYONE:
            if turn.asked:
                return f"{turn.player} asks {turn.asked}."
            return f"{turn.player}, ask anyone at the table: press a to choose."
        return ""

    def tick(self) -> None:
        timer = self.game.timer
        self.turn_clock.show(timer)
        self.card_view.time_up = bool(timer and timer.expired)
        self.ring_once(timer)

    # -- actions -----------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.game.phase != Phase.TURN:
            return action in ("menu", "help", "quit_game")
        if action == "ask":
            turn = self.game.turn
            return turn is not None and turn.card.wildcard == Wildcard.ANYONE
        if action == "pass_card":
            return True if self.game.can_pass() else None
        return True

    def action_done(self) -> None:
        turn = self.game.turn
        if turn is not None and turn.needs_target:
            self.action_ask()  # "ask anyone": first choose whom to ask
            return
        try:
            self.game.done()
        except GameRuleError:
            return
        self.app.record_progress()
        self.show_turn()

    def action_pass_card(self) -> None:
        if not self.game.pass_card():
            self.notify("No passes left this game; every card is still optional.", timeout=4)
            return
        self.app.record_progress()
        self.show_turn()

    def action_favourite(self) -> None:
        turn = self.game.turn
        if turn is None:
            return
        saved = self.app.session.toggle_favourite(turn.card)
        self.card_view.favourite = saved
        store = self.app.session.store
        if store.notice and not store.can_save:
            self.notify(store.notice, markup=False, severity="warning", timeout=6)

    def action_ask(self) -> None:
        turn = self.game.turn
        if turn is None or turn.card.wildcard != Wildcard.ANYONE:
            return
        others = [name for name in self.game.players if name != turn.player]

        def asked(name: str | None) -> None:
            if name:
                self.game.ask(name)
                self.show_turn()

        self.app.push_screen(
            ChoosePlayerScreen(f"{turn.player}, whom will you ask?", others), asked
        )

    def action_menu(self) -> None:
        def chosen(choice: str | None) -> None:
            if choice == "end":
                self.game.end()
                self.app.record_progress()
                self.show_turn()
            elif choice == "favourites":
                self.app.action_favourites()
            elif choice == "quit":
                self.app.exit()

        if self.game.timer:
            self.game.timer.pause()
        self.tick()
        self.app.push_screen(MenuScreen(), chosen)

    def action_quit_game(self) -> None:
        def confirmed(yes: bool | None) -> None:
            if yes:
                self.app.exit()

        self.app.push_screen(
            ConfirmScreen("Leave the game? Favourites are already saved."), confirmed
        )

    # -- leaving -----------------------------------------------------------------------------

    def _to_reflection(self) -> None:
        from .reflection import ReflectionScreen

        if isinstance(self.app.screen, ReflectionScreen):
            return
        self.app.push_screen(ReflectionScreen(self.game), lambda _: self.show_turn())

    def _to_summary(self) -> None:
        from .summary import SummaryScreen

        self.app.switch_screen(SummaryScreen(self.game))
