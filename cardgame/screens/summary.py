"""The end of a game: who talked and listened, the favourites kept, and a closing card."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Button, DataTable, Footer, Static

from ..engine import EndReason, Game
from .base import CardGameScreen

ENDINGS = {
    EndReason.ROUNDS: "That's the last round.",
    EndReason.CARDS: "That's every card in the chosen decks.",
    EndReason.REQUEST: "Game ended.",
}


def minutes(seconds: float) -> str:
    whole = round(seconds)
    return f"{whole // 60}:{whole % 60:02d}"


class SummaryScreen(CardGameScreen):
    CSS_PATH = "summary.tcss"
    BINDINGS = [
        Binding("r", "again", "Play again", id="summary.again", tooltip="Same table, new cards"),
        Binding("g", "new_game", "New game", id="summary.new", tooltip="Back to setup"),
        Binding("q", "quit_game", "Quit", id="summary.quit", tooltip="Leave cardgame"),
    ]

    def __init__(self, game: Game) -> None:
        super().__init__()
        self.game = game

    def compose(self) -> ComposeResult:
        game = self.game
        favourites = len(self.app.session.favourites_added)
        with VerticalScroll(id="summary"):
            yield Static(ENDINGS[game.end_reason or EndReason.REQUEST], classes="title")
            yield DataTable(id="summary-table", cursor_type="none", zebra_stripes=True)
            yield Static(
                f"Favourites added: {favourites} · Total time: {minutes(game.elapsed)}",
                id="summary-totals",
                markup=False,
            )
            yield Static("To close the evening", classes="title closing-title")
            yield Static(Content(game.closing_card or ""), id="closing-card", markup=False)
            with Horizontal(classes="button-row"):
                yield Button("Play again (r)", id="again", variant="primary", action="screen.again")
                yield Button("New game (g)", id="new", action="screen.new_game")
                yield Button("Quit (q)", id="quit", action="screen.quit_game")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("Player", "Answered", "Passed", "Talked", "Reflected back", "Felt heard")
        for name in self.game.players:
            stats = self.game.stats[name]
            heard = (
                f"{stats.heard_first_time} of {stats.reflections_received} first time"
                if stats.reflections_received
                else "–"
            )
            table.add_row(
                Text(name),
                str(stats.answered),
                str(stats.passed),
                minutes(stats.talk_seconds),
                str(stats.reflections_given),
                heard,
            )
        self.app.record_progress()

    def action_again(self) -> None:
        from .play import PlayScreen

        game = self.app.start_game(self.game.settings)
        self.app.switch_screen(PlayScreen(game))

    def action_new_game(self) -> None:
        self.app.pop_screen()

    def action_quit_game(self) -> None:
        self.app.exit()
