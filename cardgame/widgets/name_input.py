"""The field a player's name is typed (or pasted) into.

A name is untrusted text: control and bidi characters are removed as it enters (``clean``), and
a paste longer than the name limit is cut to fit, with a ``Cut`` message so the screen can say
so (Textual's ``Input`` drops such a paste whole and rings the bell).
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import events
from textual.message import Message
from textual.widgets import Input

from ..text import clean


def one_line(text: str) -> str:
    """``text`` cleaned of refused characters, on one line, with single spaces."""
    return " ".join(clean(text).split())


class NameInput(Input):
    @dataclass
    class Cut(Message):
        """A paste was longer than the name limit; ``kept`` is what went into the field."""

        name_input: NameInput
        kept: str

        @property
        def control(self) -> NameInput:
            return self.name_input

    def __init__(self, *, max_length: int, placeholder: str = "", id: str | None = None) -> None:
        super().__init__(placeholder=placeholder, max_length=max_length, id=id, compact=True)

    async def _on_key(self, event: events.Key) -> None:
        """Submit on ``enter`` here, in order with the letters typed around it.

        As a binding, ``enter`` would run only once the key had bubbled up to the app, after the
        letters typed next had already reached the field: "Ana⏎Ben⏎" typed fast became "AnaBen".
        Taking the value and emptying the field at once keeps each name whole.
        """
        if event.key == "enter":
            event.stop()
            event.prevent_default()
            value, self.value = self.value, ""
            self.post_message(self.Submitted(self, value))

    def _on_paste(self, event: events.Paste) -> None:
        event.prevent_default()  # Input's own paste would drop an over-long line whole
        event.stop()
        lines = event.text.splitlines()
        text = one_line(lines[0]) if lines else ""
        start, end = sorted(self.selection)
        room = self.max_length - (len(self.value) - (end - start))
        if len(text) > room:
            text = text[:room].rstrip()
            self.post_message(self.Cut(self, text))
        if text:
            self.replace(text, start, end)
