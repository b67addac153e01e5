"""Find deck files, read them without trusting them, and gather what loaded and what did not."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .model import Deck, DeckError, Problem, TablePrompts
from .validate import build_deck, build_prompts, is_prompts_file
from .yamlsafe import YamlProblem, load

MAX_FILE_BYTES = 4 * 1024 * 1024
SUFFIXES = (".yaml", ".yml")


def read_text(path: Path) -> str:
    """The file's text, or a DeckError saying why it is not a readable UTF-8 text file."""
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        raise DeckError([Problem(str(path), message=f"cannot read: {error.strerror}")]) from None
    if len(data) > MAX_FILE_BYTES:
        message = f"larger than {MAX_FILE_BYTES // (1024 * 1024)} MiB; not a deck"
        raise DeckError([Problem(str(path), message=message)])
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
    line_start = data.rfind(b"\n", 0, offset) + 1
    return data.count(b"\n", 0, offset) + 1, offset - line_start + 1


def load_file(path: Path) -> Deck | TablePrompts:
    """Load one deck or table-prompts file; raise DeckError with every problem found."""
    text = read_text(path)
    try:
        data = load(text)
    except YamlProblem as problem:
        mark = problem.mark
        line, column = (mark.line, mark.column) if mark else (0, 0)
        raise DeckError([Problem(str(path), line, column, problem.message)]) from None
    built, problems = (build_prompts if is_prompts_file(data) else build_deck)(data, path, text)
    if problems or built is None:
        raise DeckError(problems or [Problem(str(path), message="not a deck")])
    return built


def deck_files(path: Path) -> Iterator[Path]:
    """The deck files at ``path``: the file itself, or a folder's YAML files (recursively)."""
    if path.is_dir():
        found = (p for p in path.rglob("*") if p.suffix.lower() in SUFFIXES and p.is_file())
        yield from sorted(found)
    else:
        yield path


@dataclass
class Library:
    """Everything loaded from a set of deck folders, and every problem met on the way."""

    decks: list[Deck] = field(default_factory=list)
    prompts: TablePrompts | None = None
    problems: list[Problem] = field(default_factory=list)

    def deck(self, deck_id: str) -> Deck | None:
        return next((deck for deck in self.decks if deck.id == deck_id), None)

    @property
    def skipped(self) -> set[str]:
        return {problem.path for problem in self.problems}


def load_library(paths: Iterable[Path]) -> Library:
    """Load every deck under ``paths`` in order; a bad file is skipped and reported, never fatal.

    A deck id already loaded from an earlier file is rejected, naming both files. The first
    table-prompts file found is the one used.
    """
    library = Library()
    origin: dict[str, Path] = {}
    for root in paths:
        if not root.exists():
            continue
        for path in deck_files(root):
            try:
                loaded = load_file(path)
            except DeckError as error:
                library.problems.extend(error.problems)
                continue
            if isinstance(loaded, TablePrompts):
                library.prompts = library.prompts or loaded
                continue
            if loaded.id in origin:
                message = f"deck id '{loaded.id}' is already used by {origin[loaded.id]}"
                library.problems.append(Problem(str(path), message=message))
                continue
            origin[loaded.id] = path
            library.decks.append(loaded)
    return library
