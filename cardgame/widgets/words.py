"""Small wording helpers every screen shares: counts with the right plural, text cut to fit."""

from __future__ import annotations


def plural(count: int, word: str) -> str:
    """``1 card``, ``2 cards``, ``1,000 files``."""
    return f"{count:,} {word}{'' if count == 1 else 's'}"


def snippet(text: str, width: int = 40) -> str:
    """``text`` on one line, cut with an ellipsis to at most ``width`` characters."""
    words = " ".join(text.split())
    return words if len(words) <= width else words[: width - 1].rstrip() + "…"
