"""A one-line picker: ``◀ Escalate ▶``. Left and right (or a click) move through the options.

Lighter than ``Select`` (no overlay, one widget), which keeps the setup screen quick to show.
``enter`` is not a key here: on a form, enter means "done", never "change this".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from textual.binding import Binding
from textual.content import Content
from textual.events import Click
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget


class Choice(Widget, can_focus=True):
    DEFAULT_CSS = """
    Choice {
        height: 1;
        width: 1fr;
        padding: 0 1;
        background: $boost;
        color: $text;
        &:focus {
            background: $primary 35%;
            text-style: bold;
        }
    }
    """
    BINDINGS = [
        Binding("left", "step(-1)", "Previous", show=False, id="choice.previous"),
        Binding("right,space", "step(1)", "Next", show=False, id="choice.next"),
    ]

    index: reactive[int] = reactive(0)

    @dataclass
    class Changed(Message):
        choice: Choice
        value: Any

        @property
        def control(self) -> Choice:
            return self.choice

    def __init__(
        self, options: Sequence[tuple[str, Any]], value: Any = None, *, id: str | None = None
    ) -> None:
        super().__init__(id=id)
        self.options = list(options)
        self.set_reactive(Choice.index, self._index_of(value))

    def _index_of(self, value: Any) -> int:
        values = [option_value for _, option_value in self.options]
        return values.index(value) if value in values else 0

    @property
    def value(self) -> Any:
        return self.options[self.index][1]

    @value.setter
    def value(self, value: Any) -> None:
        self.index = self._index_of(value)

    def has_value(self, value: Any) -> bool:
        return any(option_value == value for _, option_value in self.options)

    @property
    def label(self) -> str:
        return self.options[self.index][0]

    def render(self) -> Content:
        """``◀ value ▶``; where that does not fit, the value alone (the arrows go first)."""
        full = Content.assemble("◀ ", self.label, " ▶")
        width = self.content_size.width
        if not width or full.cell_length <= width:
            return full
        return Content(self.label).truncate(width, ellipsis=True)

    def get_content_width(self, container, viewport) -> int:
        return max(len(label) for label, _ in self.options) + 4

    def watch_index(self, index: int) -> None:
        self.post_message(self.Changed(self, self.value))

    def action_step(self, step: int) -> None:
        self.index = (self.index + step) % len(self.options)

    def on_click(self, event: Click) -> None:
        self.action_step(-1 if event.x < 2 else 1)
