"""Keys and the table rules, one press of ? away."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

KEYS = (
    ("space", "pause or resume the timer"),
    ("n, enter", "done: on to reflection or the next turn"),
    ("p", "pass: another card for the same player, no reason needed"),
    ("+", "add 30 seconds"),
    ("f", "favourite: keep this card; the heart shows once saved"),
    ("a", "on an 'ask anyone' card: choose whom to ask"),
    ("1 2 3", "did they get it? yes / partly / not quite yet"),
    ("escape", "menu: favourites, end the game"),
    ("?", "this help"),
    ("q", "quit (asks first)"),
    ("ctrl+p", "command palette: themes, favourites"),
)

RULES = (
    "Every card is optional. Pass any time; nobody needs to explain.",
    "The timer never moves the game on: when it reaches zero, finish your thought.",
    "After some answers, another player reflects back what they heard, and the speaker says "
    "whether they felt understood. It is about being heard, not about getting it right.",
    "Everything can be clicked, too.",
)


class HelpScreen(ModalScreen[None]):
    CSS_PATH = "help.tcss"
    BINDINGS = [
        Binding("escape,question_mark,q", "dismiss", "Close", id="help.close", tooltip="Close"),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog"):
            yield Static("How to play", classes="title")
            for key, meaning in KEYS:
                yield Static(Content.assemble((f"{key:<10}", "bold"), meaning), classes="key-line")
            yield Static("The table rules", classes="title rules-title")
            for rule in RULES:
                yield Static("• " + rule, classes="table-rule", markup=False)
            yield Static("Press escape to close.", classes="hint")
