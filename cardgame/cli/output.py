"""The one way out to the terminal: every character any command prints passes through here.

A command never writes to ``sys.stdout`` or ``sys.stderr`` itself. It gets an :class:`Output`
whose ``out`` and ``err`` are :class:`SafeStream`s: whatever is written to them (a line, a table,
argparse's usage and errors, a traceback-free crash note) goes through
:func:`cardgame.text.terminal_safe` first, so a control character from a deck file, a file name,
a player name or the store is shown as a visible escape (``\\x1b``) and never reaches the
terminal raw. JSON is written with ``ensure_ascii=True``, so inside a JSON string every such
character is a ``\\u`` escape and the output stays valid JSON.
"""

from __future__ import annotations

import contextlib
import json
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, TextIO

from ..text import terminal_safe

# Lone surrogates come from command-line arguments and file names that are not UTF-8
# (Python decodes them with "surrogateescape"); no terminal encoding can write them.
_SURROGATE = re.compile("[\ud800-\udfff]")


def _show_surrogate(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else f"\\u{code:04x}"


def safe(text: object, *, one_line: bool = False) -> str:
    """``text`` as a terminal may show it: control, bidi and undecodable characters escaped."""
    return _SURROGATE.sub(_show_surrogate, terminal_safe(text, one_line=one_line))


class SafeStream:
    """A text stream that makes everything written through it :func:`safe` first."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        self.stream.write(safe(text))
        return len(text)

    def flush(self) -> None:
        self.stream.flush()

    def line(self, text: object = "") -> None:
        """Write ``text`` and a newline."""
        self.write(f"{text}\n")

    def json(self, data: Any) -> None:
        """``data`` as indented JSON; every non-ASCII character is a ``\\u`` escape."""
        self.line(json.dumps(data, indent=2, ensure_ascii=True))

    def isatty(self) -> bool:
        return bool(getattr(self.stream, "isatty", lambda: False)())

    def __getattr__(self, name: str) -> Any:  # encoding, errors, fileno... for print() and argparse
        return getattr(self.stream, name)


@dataclass
class Output:
    """A command's two streams, both safe."""

    out: SafeStream
    err: SafeStream
    prog: str = field(default="cardgame")

    @classmethod
    def to(cls, out: TextIO | None = None, err: TextIO | None = None) -> Output:
        return cls(SafeStream(out or sys.stdout), SafeStream(err or sys.stderr))

    def problem(self, message: object) -> None:
        """``cardgame: message`` on stderr."""
        self.err.line(f"{self.prog}: {message}")

    @contextlib.contextmanager
    def as_sys_streams(self) -> Iterator[None]:
        """Route ``sys.stdout``/``sys.stderr`` through the safe streams (argparse prints there)."""
        with contextlib.redirect_stdout(self.out), contextlib.redirect_stderr(self.err):  # type: ignore[type-var]
            yield
