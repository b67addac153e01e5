"""A QR code of the game's link, drawn with block characters a terminal shows as they are."""

from __future__ import annotations

import io

QR_CHARACTERS = frozenset(" \u2580\u2584\u2588\n")


def qr_text(url: str) -> str:
    """The QR code as lines of spaces and half/full blocks: no colours, no escape sequences.

    Light modules are blocks, so on a dark terminal it reads like a printed code.
    """
    import segno

    code = segno.make(url, error="m", micro=False)
    out = io.StringIO()
    code.terminal(out=out, compact=True)
    text = out.getvalue()
    unexpected = set(text) - QR_CHARACTERS
    if unexpected:  # segno promises half blocks only; never let anything else reach a terminal
        raise ValueError(f"unexpected characters in the QR code: {sorted(unexpected)!r}")
    return text
