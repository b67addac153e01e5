"""Pick one player: whom to ask on a wildcard, or who reflects back."""

from __future__ import annotations

from collections.abc import Sequence

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from .base import OnceModal

PICK_HINT = "Up and down to move, enter to choose, escape to go back."


class ChoosePlayerScreen(OnceModal[str | None]):
    """Dismisses with the chosen player's name, or None on escape."""

    CSS_PATH = "menu.tcss"
    BINDINGS = [
        Binding("escape", "dismiss(None)", "Back", id="choose.back", tooltip="Choose nobody"),
    ]

    def __init__(self, question: str, players: Sequence[str]) -> None:
        super().__init__()
        self.question = question
        self.players = list(players)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Content(self.question), classes="title")
            yield OptionList(
                *(Option(Content(name), id=str(index)) for index, name in enumerate(self.players)),
                id="players",
            )
            yield Static(PICK_HINT, classes="hint")

    def on_mount(self) -> None:
        players = self.query_one("#players", OptionList)
        players.highlighted = 0
        players.focus()

    @on(OptionList.OptionSelected, "#players")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.players[int(event.option_id or 0)])
