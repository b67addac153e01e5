"""Plain-text layout for the listings: widths, cutting with an ellipsis, plurals, dates, tables.

Cells are made one-line and :func:`~cardgame.cli.output.safe` here, so a newline or an escape
sequence in a deck name cannot break a table's rows; the stream makes the whole line safe again.
"""

from __future__ import annotations

import time
import unicodedata
from collections.abc import Sequence

from ..decks.model import LEVEL_NAMES
from .output import safe

WIDTH = 100


def plural(count: int, word: str, words: str | None = None) -> str:
    """``1 card``, ``2 cards``; ``words`` for an irregular plural."""
    return f"{count} {word if count == 1 else (words or word + 's')}"


def one_line(text: object) -> str:
    """``text`` safe and on one line: newlines and tabs shown as escapes."""
    return safe(text, one_line=True)


def char_width(char: str) -> int:
    if unicodedata.combining(char):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def text_width(text: str) -> int:
    return sum(char_width(char) for char in text)


def cut(text: str, width: int) -> str:
    """``text`` cut with "…" to at most ``width`` terminal columns."""
    if text_width(text) <= width:
        return text
    used, kept = 0, []
    for char in text:
        size = char_width(char)
        if used + size > width - 1:
            break
        kept.append(char)
        used += size
    return "".join(kept).rstrip() + "…"


def pad(text: str, width: int) -> str:
    return text + " " * max(0, width - text_width(text))


def when(epoch: float | None) -> str:
    if epoch is None:
        return "-"
    return time.strftime("%Y-%m-%d %H:%M", time.localtime(epoch))


def level_label(level: int) -> str:
    name = LEVEL_NAMES.get(level)
    return f"{level} {name}" if name else str(level)


def columns(rows: Sequence[Sequence[str]], limits: Sequence[int | None]) -> list[str]:
    """``rows`` as aligned columns two spaces apart; a cell longer than its limit is cut."""
    cells = [[_cell(cell, limit) for cell, limit in zip(row, limits, strict=True)] for row in rows]
    widths = [max(text_width(row[i]) for row in cells) for i in range(len(limits))]
    return [
        "  ".join(pad(c, w) for c, w in zip(row, widths, strict=True)).rstrip() for row in cells
    ]


def _cell(text: str, limit: int | None) -> str:
    return cut(one_line(text), limit) if limit else one_line(text)
