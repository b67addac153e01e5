"""Find the characters a deck may never hold, written raw or as escapes, and say where they are.

The loader refuses any text holding a character ``cardgame.text`` refuses (C0 controls other than
newline and tab, DEL, C1 controls, bidi embeddings, overrides and isolates). Raw ones are found
in the file's text before YAML reads it; escapes (``"\\e"``, ``"\\x9b"``, ``"\\u202e"``) can only
appear in double-quoted scalars, which the YAML reader hands to ``escaped_unsafe``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from ..text import code_point, has_unsafe, unsafe_characters

# YAML's line breaks. A carriage return is one (CRLF files are fine) and never reaches a value.
_LINE_BREAK = re.compile(r"\r\n?|\n")
_BIDI = frozenset(chr(code) for code in (*range(0x202A, 0x202F), *range(0x2066, 0x206A)))
_SIMPLE_ESCAPES = {
    "0": "\x00", "a": "\x07", "b": "\x08", "t": "\t", "\t": "\t", "n": "\n", "v": "\x0b",
    "f": "\x0c", "r": "\r", "e": "\x1b", "N": "\x85", "_": "\xa0", "L": "\u2028", "P": "\u2029",
}  # fmt: skip
_ESCAPE = re.compile(r'\\(x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)|(")', re.S)


class Found(NamedTuple):
    """One refused character: where it stands (1-based), the character, and how it was written."""

    line: int
    column: int
    char: str
    escape: str | None = None  # "\\e" when written as an escape in a double-quoted string

    @property
    def message(self) -> str:
        kind = "bidi control character" if self.char in _BIDI else "control character"
        written = f" (written as {self.escape})" if self.escape else ""
        return f"{kind} {code_point(self.char)}{written} is not allowed in a deck file"


class Positions:
    """Turns character offsets into (line, column), walking forward through the text once."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.offset = 0
        self.line = 1
        self.line_start = 0

    def at(self, index: int) -> tuple[int, int]:
        if index < self.offset:  # went back: start again (rare)
            self.offset, self.line, self.line_start = 0, 1, 0
        for match in _LINE_BREAK.finditer(self.text, self.offset, index):
            self.line += 1
            self.line_start = match.end()
        self.offset = index
        return self.line, index - self.line_start + 1


def raw_unsafe(text: str, limit: int) -> list[Found]:
    """The first ``limit`` refused characters written as they are (a CR is a line break)."""
    positions = Positions(text)
    found: list[Found] = []
    for index, char in unsafe_characters(text):
        if char == "\r":
            continue
        found.append(Found(*positions.at(index), char))
        if len(found) >= limit:
            break
    return found


def escaped_unsafe(text: str, quote_index: int) -> Iterator[Found]:
    """Refused characters written as escapes in the double-quoted scalar at ``quote_index``."""
    if not 0 <= quote_index < len(text) or text[quote_index] != '"':
        return
    positions = Positions(text)
    for match in _ESCAPE.finditer(text, quote_index + 1):
        if match.group(2):
            return  # the closing quote
        escape = match.group(1)
        if escape[0] in "xuU" and len(escape) > 1:
            try:
                char = chr(int(escape[1:], 16))
            except (ValueError, OverflowError):
                continue
        else:
            char = _SIMPLE_ESCAPES.get(escape, "")
        if char and has_unsafe(char):
            yield Found(*positions.at(match.start()), char, "\\" + escape)
