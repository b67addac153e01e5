"""``cardgame validate``, ``decks`` and ``schema``: deck files checked, listed and described."""

from __future__ import annotations

import argparse
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from ..decks import AUDIENCES, find_deck_files, find_id_clashes
from .context import load_decks, report_skipped
from .dispatch import EXIT_INVALID, EXIT_OK
from .format import columns, one_line, plural
from .output import Output

if TYPE_CHECKING:
    from ..decks import Deck, Problem

NAME_LIMIT = 32  # columns a deck name may take in the `decks` table before "…"


# ---------------------------------------------------------------- validate


def validate(args: argparse.Namespace, output: Output) -> int:
    """Every problem in the files given, located; then one summary line. Exit 1 if any.

    A path that is missing, a FIFO or a device is a problem, never opened; deck ids are checked
    across the files given and against the bundled and user decks, as the game loads them.
    """
    from ..decks import Deck, DeckError, load_file  # the reader and validator (and PyYAML)

    problems: list[Problem] = []
    checked: list[Path] = []
    decks: list[Deck] = []
    for root in args.paths:
        found = find_deck_files(root)
        problems += found.problems
        for path in found.files:
            checked.append(path)
            try:
                loaded = load_file(path)
            except DeckError as error:
                problems += error.problems
                continue
            if isinstance(loaded, Deck):
                decks.append(loaded)
    problems += find_id_clashes(decks, loaded_first=load_decks(args).decks)
    for problem in problems:
        output.out.line(one_line(problem))
    output.out.line(summary(problems, checked))
    return EXIT_INVALID if problems else EXIT_OK


def summary(problems: list[Problem], checked: list[Path]) -> str:
    """``2 files valid``, or how many problems in how many of the files read, and what was not."""
    if not problems:
        return f"{plural(len(checked), 'file')} valid"
    count = plural(len(problems), "problem")
    if not checked:
        return f"{count}; no deck file checked"
    read = {str(path) for path in checked}
    with_problems = {problem.path for problem in problems}
    line = f"{count} in {len(with_problems & read)} of {plural(len(checked), 'file')}"
    unread = len(with_problems - read)
    return f"{line}; {plural(unread, 'path')} not read" if unread else line


def cache(args: argparse.Namespace, output: Output) -> int:
    """``cache clear``: remove the parsed-deck cache (it is rebuilt on the next load)."""
    from .. import paths
    from ..decks import clear_cache

    removed = clear_cache()
    where = one_line(paths.cache_dir())
    if removed:
        output.out.line(f"Removed {plural(removed, 'cache file')} from {where}")
    else:
        output.out.line(f"The deck cache in {where} was already empty")
    return EXIT_OK


# ---------------------------------------------------------------- decks


def cards_per_audience(deck: Deck) -> dict[str, int]:
    """Cards per audience, for every audience a card carries (``kids`` is on cards, not decks).

    From the deck's summary: a deck read from the parsed-deck cache builds no card for it."""
    counts = zip(AUDIENCES, deck.summary.audiences, strict=True)
    return {audience: count for audience, count in counts if count}


def deck_rows(decks: Iterable[Deck]) -> list[dict]:
    """What `decks --json` prints, one mapping a deck."""
    return [
        {
            "id": deck.id,
            "name": deck.name,
            "strategy": deck.strategy,
            "cards": deck.summary.total,
            "levels": list(deck.levels),
            "audience": list(deck.audience),
            "cards_per_audience": cards_per_audience(deck),
            "source": str(deck.source),
        }
        for deck in decks
    ]


def decks(args: argparse.Namespace, output: Output) -> int:
    """Every deck that loads (bundled, the user's, ``--decks-dir``); skipped files on stderr."""
    from .. import paths

    library = load_decks(args)
    report_skipped(library, output)
    rows = deck_rows(library.decks)
    if args.json:
        output.out.json(rows)
    elif args.markdown:
        output.out.line(markdown_table(rows))
    else:
        output.out.line(f"Your own decks go in: {paths.user_decks_dir()}")
        table = [("ID", "NAME", "CARDS", "LEVELS", "AUDIENCE", "SOURCE")] + [
            (
                row["id"],
                row["name"],
                str(row["cards"]),
                ",".join(map(str, row["levels"])),
                ",".join(row["audience"]),
                row["source"],
            )
            for row in rows
        ]
        for line in columns(table, (None, NAME_LIMIT, None, None, None, None)):
            output.out.line(line)
        cards = sum(row["cards"] for row in rows)
        output.out.line(f"{plural(len(rows), 'deck')}, {plural(cards, 'card')}")
    return EXIT_OK


def markdown_table(rows: list[dict]) -> str:
    """The bundled-decks table for the README: name, skill, cards, levels, audiences."""
    lines = ["| Deck | Skill | Cards | Levels | Cards per audience |", "|---|---|---:|---|---|"]
    for row in rows:
        cells = (
            one_line(row["name"]),
            one_line(row["strategy"]),
            str(row["cards"]),
            ", ".join(map(str, row["levels"])),
            ", ".join(f"{name} {count}" for name, count in row["cards_per_audience"].items()),
        )
        lines.append("| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |")
    total = sum(row["cards"] for row in rows)
    per_audience = {
        audience: sum(row["cards_per_audience"].get(audience, 0) for row in rows)
        for audience in AUDIENCES
    }
    summary = ", ".join(f"{name} {count}" for name, count in per_audience.items())
    lines.append(f"| **{len(rows)} decks** | | **{total}** | | {summary} |")
    return "\n".join(lines)


# ---------------------------------------------------------------- schema


def schema(args: argparse.Namespace, output: Output) -> int:
    from ..decks.schema import schema_text

    output.out.write(schema_text())
    return EXIT_OK
