"""The in-game menu and a yes/no confirmation."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Button, Static

from .base import OnceModal

MENU_CHOICES = (
    ("resume", "Back to the table"),
    ("favourites", "Favourites"),
    ("end", "End the game: summary"),
    ("quit", "Quit"),
)


class MenuScreen(OnceModal[str | None]):
    """What the table can do besides play the next card; dismisses with the choice."""

    CSS_PATH = "menu.tcss"
    AUTO_FOCUS = "#resume"
    BINDINGS = [
        Binding("escape", "dismiss(None)", "Back", id="menu.back", tooltip="Back to the table"),
        Binding("down", "app.focus_next", show=False, id="menu.down", tooltip="Next choice"),
        Binding("up", "app.focus_previous", show=False, id="menu.up", tooltip="Previous choice"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static("Menu", classes="title")
            for choice, label in MENU_CHOICES:
                variant = "primary" if choice == "resume" else "default"
                yield Button(label, id=choice, variant=variant, compact=True)

    @on(Button.Pressed)
    def _chosen(self, event: Button.Pressed) -> None:
        choice = event.button.id
        self.dismiss(None if choice == "resume" else choice)


class ConfirmScreen(OnceModal[bool]):
    """Ask a yes/no question; dismisses with the answer. The safe answer (No) has focus."""

    CSS_PATH = "menu.tcss"
    AUTO_FOCUS = "#cancel"
    BINDINGS = [
        Binding("y", "dismiss(True)", "Yes", id="confirm.yes", tooltip="Yes"),
        Binding("n,escape", "dismiss(False)", "No", id="confirm.no", tooltip="No, go back"),
    ]

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Content(self.question), classes="question")
            with Vertical(classes="button-row"):
                yield Button("Yes (y)", id="confirm", variant="warning")
                yield Button("No (n)", id="cancel", variant="primary")

    @on(Button.Pressed, "#confirm")
    def _yes(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#cancel")
    def _no(self) -> None:
        self.dismiss(False)
