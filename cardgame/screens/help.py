"""Keys and the table rules, one press of ? away."""

from __future__ import annotations

from collections.abc import Sequence

from textual.actions import parse as parse_action
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from .base import OnceModal

RULES = (
    "Every card is optional. Pass any time; nobody needs to explain.",
    "The timer never moves the game on: when it reaches zero, finish your thought.",
    "After some answers, another player reflects back what they heard, and the speaker says "
    "whether they felt understood. It is about being heard, not about getting it right.",
    "Everything can be clicked, too.",
)


def key_lines(screen: Screen, app: App) -> list[tuple[str, str]]:
    """The keys that work on ``screen`` now, with what they do: read from the bindings.

    One line per action (``n, ⏎``), in the order the screen declares them, then the app's own
    keys. Textual's focus and copy keys are left out (every binding of the game has an ``id``).
    """
    lines: dict[str, tuple[list[str], str]] = {}
    for node in (screen, app):
        for _key, binding in node._bindings:
            meaning = binding.tooltip or binding.description
            _, action, parameters = parse_action(binding.action)
            ours = binding.id is not None or action == "command_palette"
            if not ours or not meaning or node.check_action(action, parameters) is False:
                continue
            keys, _ = lines.setdefault(binding.action, ([], meaning))
            shown = app.get_key_display(binding)
            if shown not in keys:
                keys.append(shown)
    return [(", ".join(keys), meaning) for keys, meaning in lines.values()]


class HelpScreen(OnceModal[None]):
    """Keys for the screen underneath (built from its bindings) and the table rules."""

    CSS_PATH = "help.tcss"
    BINDINGS = [
        Binding("escape,question_mark,q", "dismiss", "Close", id="help.close", tooltip="Close"),
    ]

    def __init__(self, keys: Sequence[tuple[str, str]]) -> None:
        super().__init__()
        self.keys = list(keys)

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog"):
            yield Static("How to play", classes="title")
            for key, meaning in self.keys:
                yield Static(Content.assemble((f"{key:<12}", "bold"), meaning), classes="key-line")
            yield Static("The table rules", classes="title rules-title")
            for rule in RULES:
                yield Static("• " + rule, classes="table-rule", markup=False)
            yield Static("Press escape to close.", classes="hint")
