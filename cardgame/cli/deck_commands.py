"""``cardgame validate``, ``decks`` and ``schema``: deck files checked, listed and described."""

from __future__ import annotations

import argparse
from collections.abc import Iterable
from pathlib import Path

from ..decks import AUDIENCES, Deck, DeckError, Problem, deck_files, load_file, load_library
from .context import deck_sources, load_decks, report_skipped
from .dispatch import EXIT_INVALID, EXIT_OK
from .format import columns, one_line, plural
from .output import Output
from .parser import path_kind

NAME_LIMIT = 32  # columns a deck name may take in the `decks` table before "…"


# ---------------------------------------------------------------- validate


def validate(args: argparse.Namespace, output: Output) -> int:
    """Every problem in the files given, located; then one summary line. Exit 1 if any."""
    problems: list[Problem] = []
    checked: list[tuple[Path, Deck | None]] = []
    for root in args.paths:
        kind = path_kind(root)
        if kind:
            problems.append(Problem(str(root), message=kind))
            continue
        for path in deck_files(root):
            try:
                loaded = load_file(path)
            except DeckError as error:
                problems.extend(error.problems)
                loaded = None
            checked.append((path, loaded if isinstance(loaded, Deck) else None))
    problems += id_clashes(
        [(path, deck) for path, deck in checked if deck is not None], deck_sources(args)
    )
    for problem in problems:
        output.out.line(one_line(problem))
    output.out.line(summary(problems, len(checked)))
    return EXIT_INVALID if problems else EXIT_OK


def summary(problems: list[Problem], checked: int) -> str:
    if not problems:
        return f"{plural(checked, 'file')} valid"
    count = plural(len(problems), "problem")
    if not checked:
        return f"{count}; no deck file checked"
    bad_files = len({problem.path for problem in problems})
    return f"{count} in {bad_files} of {plural(checked, 'file')}"


def id_clashes(decks: Iterable[tuple[Path, Deck]], sources: list[Path]) -> list[Problem]:
    """A deck id used by another file given, or by a bundled or user deck the game also loads.

    The game keeps the first deck with an id and skips the rest, so each is a problem here.
    """
    first = {deck.id: deck.source for deck in load_library(sources).decks}
    problems = []
    for path, deck in decks:
        other = first.setdefault(deck.id, path)
        if other is not None and not _same_file(other, path):
            message = f"deck id '{deck.id}' is already used by {other}"
            problems.append(Problem(str(path), message=message))
    return problems


def _same_file(one: Path, other: Path) -> bool:
    try:
        return one.samefile(other)
    except OSError:
        return one.absolute() == other.absolute()


# ---------------------------------------------------------------- decks


def deck_rows(decks: Iterable[Deck]) -> list[dict]:
    """What `decks --json` prints, one mapping a deck."""
    return [
        {
            "id": deck.id,
            "name": deck.name,
            "strategy": deck.strategy,
            "cards": len(deck.cards),
            "levels": list(deck.levels),
            "audience": list(deck.audience),
            "cards_per_audience": {
                audience: sum(audience in card.audience for card in deck.cards)
                for audience in deck.audience
            },
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
