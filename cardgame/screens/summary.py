"""The end of a game: who talked and listened, the cards played tonight (heart any of them), the
favourites kept, and a closing card.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import getters, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Static

from ..decks import Card
from ..engine import EndReason, Game
from ..messages import NewGame, PlayAgain, QuitRequested
from ..widgets.card_list import NO_HEART, CardList
from ..widgets.footer import CompactFooter
from ..widgets.stats_table import Column, StatsTable
from ..widgets.words import plural
from .base import CardGameScreen

ENDINGS = {
    EndReason.ROUNDS: "That's the last round.",
    EndReason.CARDS: "That's every card in the chosen decks.",
    EndReason.TIME: "That's the time you chose: the last round is done.",
    EndReason.REQUEST: "Game ended.",
}
CARD_ROWS = 8  # the cards-played list shows this many rows and scrolls beyond
NAME_WIDTH = 10  # the player column; longer names are cut with an ellipsis
# Narrow enough that "Felt heard" fits at 60 columns.
COLUMNS = (
    Column("Player", NAME_WIDTH, left=True),
    Column("Answered", 8),
    Column("Passed", 6),
    Column("Talked", 6),
    Column("Reflected", 9),
    Column("Felt heard", 10),
)
BUTTONS = (
    ("Play again (r)", "again", "screen.again", "primary"),
    ("New game (g)", "new", "screen.new_game", "default"),
    ("Quit (q)", "quit", "screen.quit_game", "default"),
)


def minutes(seconds: float) -> str:
    whole = round(seconds)
    return f"{whole // 60}:{whole % 60:02d}"


@dataclass
class PlayedCard:
    """One card of tonight's game and what the table did with it."""

    card: Card
    happened: list[str]


def cards_played(game: Game) -> list[PlayedCard]:
    """Every card dealt, in order, with who answered or passed it and who reflected back."""
    played: dict[tuple[str, str], PlayedCard] = {}
    for deal in game.log.deals:
        entry = played.setdefault(deal.card.key, PlayedCard(deal.card, []))
        entry.happened.append(f"{deal.answered_by} {deal.outcome}")
    for record in game.log.reflections:
        entry = played.setdefault(record.card.key, PlayedCard(record.card, []))
        if record.declined:
            entry.happened.append(f"{record.speaker} declined a reflection")
        elif record.listener:
            entry.happened.append(f"{record.listener} reflected {record.speaker}")
    return list(played.values())


class SummaryScreen(CardGameScreen):
    CSS_PATH = "summary.tcss"
    BINDINGS = [
        Binding("r", "again", "Play again", id="summary.again", tooltip="Same table, new cards"),
        Binding("g", "new_game", "New game", id="summary.new", tooltip="Back to setup"),
        Binding("q", "quit_game", "Quit", id="summary.quit", tooltip="Leave cardgame"),
    ]

    cards = getters.query_one("#summary-cards", CardList)
    totals = getters.query_one("#summary-totals", Static)

    def __init__(self, game: Game) -> None:
        super().__init__()
        self.game = game
        self.played = {entry.card.key: entry for entry in cards_played(game)}
        self.leave_asked = False

    def compose(self) -> ComposeResult:
        game = self.game
        with VerticalScroll(id="summary"):
            yield Static(ENDINGS[game.end_reason or EndReason.REQUEST], classes="title")
            yield StatsTable(COLUMNS, id="summary-table")
            yield Static(id="summary-totals", markup=False)
            yield Static(
                f"Cards played tonight ({NO_HEART} f or enter keeps one)",
                classes="heading",
                id="summary-cards-title",
            )
            yield CardList(self.what_happened, id="summary-cards")
            yield Static("To close the evening", classes="title closing-title")
            yield Static(Content(game.closing_card or ""), id="closing-card", markup=False)
            with Horizontal(classes="button-row"):
                for label, button_id, action, variant in BUTTONS:
                    yield Button(label, id=button_id, action=action, variant=variant, compact=True)
        yield CompactFooter()

    def on_mount(self) -> None:
        rows = []
        for name in self.game.players:
            stats = self.game.stats[name]
            heard = (
                f"{stats.heard_first_time} of {stats.reflections_received}"
                if stats.reflections_received
                else "–"
            )
            rows.append(
                (
                    name,
                    str(stats.answered),
                    str(stats.passed),
                    minutes(stats.talk_seconds),
                    str(stats.reflections_given),
                    heard,
                )
            )
        self.query_one(StatsTable).set_rows(rows)
        self.cards.show_cards([entry.card for entry in self.played.values()])
        self.cards.styles.height = max(1, min(len(self.played), CARD_ROWS))
        self.show_totals()
        self.cards.focus()

    def what_happened(self, card: Card) -> str:
        entry = self.played.get(card.key)  # none once the screen has left (``let_go``)
        return " · ".join(entry.happened) if entry else ""

    def let_go(self) -> None:
        self.game = None  # type: ignore[assignment]
        self.played = {}
        for cards in self.query(CardList):
            cards.forget()

    def show_totals(self) -> None:
        added = len(self.app.session.favourites.added_this_game())
        self.totals.update(
            f"{plural(len(self.played), 'card')} played · "
            f"{plural(added, 'favourite')} added · Total time {minutes(self.game.elapsed)}"
        )

    @on(CardList.Hearted)
    def _hearted(self) -> None:
        self.show_totals()

    # -- leaving, once -----------------------------------------------------------------------

    def _leave(self, message) -> None:
        """Post ``message`` the first time only: fast keys never start two games."""
        if not self.leave_asked and self.is_current:
            self.leave_asked = True
            self.post_message(message)

    def action_again(self) -> None:
        self._leave(PlayAgain())

    def action_new_game(self) -> None:
        self._leave(NewGame())

    def action_quit_game(self) -> None:
        self.post_message(QuitRequested(confirmed=True))
