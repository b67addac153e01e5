"""Untrusted text: which characters never reach a terminal, and how to make any text safe.

Everything that comes from a deck file, a prompts file, the store or a player is untrusted. Two
jobs live here, once for the whole program (never imports Textual):

- where text *enters* (the deck loader, player-name parsing), ``unsafe_characters`` finds the
  characters that are refused and ``clean`` removes them;
- where text *leaves* on a command's output, ``terminal_safe`` shows any such character as a
  visible escape (``\\x1b``, ``\\u202e``) so nothing reaches the terminal as a control.

Refused: C0 controls other than newline and tab, DEL, C1 controls, and the bidi embedding,
override and isolate characters (U+202A–U+202E, U+2066–U+2069).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

_C0 = "".join(chr(code) for code in range(0x20) if chr(code) not in "\n\t")
_UNSAFE = re.compile(f"[{re.escape(_C0)}\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_UNSAFE_ON_ONE_LINE = re.compile(f"[{re.escape(_C0)}\n\t\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def code_point(char: str) -> str:
    """``U+001B``: how a message names a character."""
    return f"U+{ord(char):04X}"


def unsafe_characters(text: str) -> Iterator[tuple[int, str]]:
    """Each refused character in ``text`` with its index."""
    for match in _UNSAFE.finditer(text):
        yield match.start(), match.group()


def has_unsafe(text: str) -> bool:
    return _UNSAFE.search(text) is not None


def clean(text: str) -> str:
    """``text`` with every refused character removed (newline and tab are kept)."""
    return _UNSAFE.sub("", text)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def terminal_safe(text: object, *, one_line: bool = False) -> str:
    """``text`` with every refused character shown as a visible escape such as ``\\x1b``.

    ``one_line`` escapes newline and tab as well, for a value inside a one-line message.
    """
    pattern = _UNSAFE_ON_ONE_LINE if one_line else _UNSAFE
    return pattern.sub(_escape, str(text))
