"""Turn one deck or table-prompts file into its values, or say every reason it cannot be."""

from __future__ import annotations

from pathlib import Path

from .discovery import MAX_FILE_BYTES, SUFFIXES, deck_files, find_deck_files, read_bytes
from .model import MAX_PROBLEMS, TOO_MANY_PROBLEMS, Deck, DeckError, Problem, TablePrompts
from .validate import build_deck, build_prompts, is_prompts_file
from .yamlsafe import UnsafeText, YamlProblem, load

__all__ = [
    "MAX_FILE_BYTES",
    "SUFFIXES",
    "deck_files",
    "find_deck_files",
    "load_bytes",
    "load_file",
    "read_text",
]


def read_text(path: Path) -> str:
    """The file's text, or a DeckError saying why it is not a readable UTF-8 text file."""
    return decode(path, read_bytes(path)[0])


def decode(path: Path, data: bytes) -> str:
    """``data`` as text; a DeckError for a binary (NUL) or non-UTF-8 file, saying where."""
    nul = data.find(b"\x00")
    if nul >= 0:
        line, column = _position(data, nul)
        raise DeckError([Problem(str(path), line, column, "binary file (NUL byte); not a deck")])
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line, column = _position(data, error.start)
        raise DeckError([Problem(str(path), line, column, "not UTF-8 text")]) from None


def _position(data: bytes, offset: int) -> tuple[int, int]:
    """The 1-based line and column (in characters, as editors count) of a byte offset."""
    line_start = data.rfind(b"\n", 0, offset) + 1
    column = len(data[line_start:offset].decode("utf-8", "replace")) + 1
    return data.count(b"\n", 0, offset) + 1, column


def load_file(path: Path) -> Deck | TablePrompts:
    """Load one deck or table-prompts file; raise DeckError with every problem found."""
    return load_bytes(path, read_bytes(path)[0])


def load_bytes(path: Path, data: bytes) -> Deck | TablePrompts:
    """Load a deck or table-prompts file already read from ``path``; DeckError says why not."""
    text = decode(path, data)
    try:
        data = load(text)
    except UnsafeText as unsafe:
        raise DeckError(_unsafe_problems(path, unsafe)) from None
    except YamlProblem as problem:
        mark = problem.mark
        line, column = (mark.line, mark.column) if mark else (0, 0)
        raise DeckError([Problem(str(path), line, column, problem.message)]) from None
    built, problems = (build_prompts if is_prompts_file(data) else build_deck)(data, path, text)
    if problems or built is None:
        raise DeckError(problems or [Problem(str(path), message="not a deck")])
    return built


def _unsafe_problems(path: Path, unsafe: UnsafeText) -> list[Problem]:
    found = [Problem(str(path), f.line, f.column, f.message) for f in unsafe.found]
    if len(found) > MAX_PROBLEMS:
        found[MAX_PROBLEMS:] = [Problem(str(path), message=TOO_MANY_PROBLEMS)]
    return found
