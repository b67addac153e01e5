"""What the common options point at: the deck folders, the library, the store."""

from __future__ import annotations

import argparse
import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from .. import paths
from .format import one_line
from .output import Output

if TYPE_CHECKING:
    from ..decks import Library
    from ..store import Store


def decks_dirs(args: argparse.Namespace) -> tuple[Path, ...]:
    return tuple(getattr(args, "decks_dir", ()))


def data_dir(args: argparse.Namespace) -> Path | None:
    return getattr(args, "data_dir", None)


def deck_sources(args: argparse.Namespace) -> list[Path]:
    """Bundled decks, the user's decks, then every ``--decks-dir``, as the game loads them."""
    return paths.deck_sources(decks_dirs(args))


def use_cache(args: argparse.Namespace) -> bool:
    return not getattr(args, "no_cache", False)


def load_decks(args: argparse.Namespace) -> Library:
    """Every deck the game would load, through the parsed-deck cache unless ``--no-cache``."""
    from ..decks import load_library

    return load_library(deck_sources(args), use_cache=use_cache(args))


def report_skipped(library: Library, output: Output) -> None:
    """One ``skipped:`` line on stderr per problem met while loading."""
    for problem in library.problems:
        output.err.line(f"skipped: {one_line(problem)}")


@contextlib.contextmanager
def open_store(args: argparse.Namespace, output: Output) -> Iterator[Store]:
    """The store at ``--data-dir`` (or the default place), closed after use; every notice it
    has (can't save, a lock held too long...) goes to stderr, once."""
    from ..store import COMMAND_PATIENCE
    from ..store import open_store as open_at

    store = open_at(paths.database_path(data_dir(args)))
    store.give_up_after = COMMAND_PATIENCE  # a command ends; it never waits out a lock forever
    try:
        yield store
    finally:
        store.close()
        for notice in store.notices():
            output.problem(one_line(notice))
