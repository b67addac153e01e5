"""Load every deck under a set of folders: what loaded, and every problem met on the way.

This module does not import YAML or the validator: with the parsed-deck cache, an unchanged
library is read from the cache alone; a file that is new or changed is parsed (``loader``).
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from .discovery import Discovery, clash, find_deck_files
from .model import Deck, DeckError, Problem, TablePrompts

Progress = Callable[[int, int], None]


@dataclass
class Library:
    """Everything loaded from a set of deck folders, and every problem met on the way."""

    decks: list[Deck] = field(default_factory=list)
    prompts: TablePrompts | None = None
    problems: list[Problem] = field(default_factory=list)
    _index: dict[str, Deck] = field(default_factory=dict, init=False, repr=False, compare=False)

    def deck(self, deck_id: str) -> Deck | None:
        if len(self._index) != len(self.decks):
            self._index = {deck.id: deck for deck in reversed(self.decks)}
        return self._index.get(deck_id)

    @property
    def skipped(self) -> set[str]:
        """The files (or folders) that were skipped, each once."""
        return {problem.path for problem in self.problems}

    def add(self, loaded: Deck | TablePrompts, path: Path) -> None:
        """Keep a loaded file: the first table prompts, and decks whose id is still free."""
        if isinstance(loaded, TablePrompts):
            self.prompts = self.prompts or loaded
            return
        first = self.deck(loaded.id)
        if first is not None:
            self.problems.append(clash(path, loaded.id, first.source))
            return
        self.decks.append(loaded)
        self._index[loaded.id] = loaded


def deck_paths(paths: Iterable[Path]) -> Discovery:
    """Every deck file under ``paths`` in load order, each real file once (by device and
    inode, from the look discovery took), what was skipped, and each file's stat.

    A folder that does not exist is fine (the user's decks folder often does not).
    """
    files: list[Path] = []
    problems: list[Problem] = []
    stats: dict[Path, os.stat_result] = {}
    seen: set[tuple[int, int]] = set()
    for root in paths:
        found = find_deck_files(Path(root), missing_ok=True)
        problems.extend(found.problems)
        for path in found.files:
            info = found.stats[path]
            real = (info.st_dev, info.st_ino)
            if real not in seen:
                seen.add(real)
                files.append(path)
                stats[path] = info
    return Discovery(files, problems, stats)


def load_library(
    paths: Iterable[Path], *, use_cache: bool = True, progress: Progress | None = None
) -> Library:
    """Load every deck under ``paths`` in order; a bad file is skipped and reported, never fatal.

    A deck id already loaded from an earlier file is refused, naming both files; the first
    table-prompts file found is the one used. ``progress(done, total)`` is called with the count
    of files read so far (from the calling thread, which may be a worker). ``use_cache=False``
    reads and validates every file, neither reading nor writing the parsed-deck cache.
    """
    library = Library()
    files, library.problems, stats = deck_paths(paths)
    total = len(files)
    if progress is not None:
        progress(0, total)
    if use_cache:
        from .cache import load_files
    else:
        load_files = _load_files
    with collector_paused():
        for done, (path, result) in enumerate(load_files(files, stats), 1):
            if isinstance(result, DeckError):
                library.problems.extend(result.problems)
            else:
                library.add(result, path)
            if progress is not None:
                progress(done, total)
    return library


@contextmanager
def collector_paused() -> Iterator[None]:
    """No garbage collection while a library's many objects are made.

    Building 100,000 cards otherwise sets off full collections that walk every object made so
    far: pausing saves about a third of a cached load (benchmarks/load_decks.py). ``gc.freeze()``
    afterwards would also spare later collections the walk, but it would freeze whatever else is
    alive at that moment (screens, a test's app), whose reference cycles then never go: not worth
    it for the 60-100 ms a later full collection of 100,000 cards takes.
    """
    if not gc.isenabled():  # someone else manages the collector: leave it alone
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _load_files(
    files: list[Path], stats: object = None
) -> Iterator[tuple[Path, Deck | TablePrompts | DeckError]]:
    """Each file parsed and validated, no cache read or written."""
    from .loader import load_file

    for path in files:
        try:
            yield path, load_file(path)
        except DeckError as error:
            yield path, error
