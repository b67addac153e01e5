"""The ``cardgame`` command. ``validate``, ``decks``, ``schema``, ``favourites`` and ``history``
never import Textual, so they start instantly; only playing loads the app."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from . import __version__, paths
from .decks import AUDIENCES, DeckError, Problem, deck_files, load_file, load_library
from .web.command import add_serve_command, run_serve

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


def _common_options() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--decks-dir",
        action="append",
        type=Path,
        default=argparse.SUPPRESS,
        metavar="DIR",
        help="also load decks from DIR (repeatable)",
    )
    common.add_argument(
        "--data-dir",
        type=Path,
        default=argparse.SUPPRESS,
        metavar="DIR",
        help="keep favourites and history in DIR (or set CARDGAME_DATA_DIR)",
    )
    return common


def build_parser() -> argparse.ArgumentParser:
    common = _common_options()
    parser = argparse.ArgumentParser(
        prog="cardgame",
        description="A conversation-card game for the terminal. Run with no command to play.",
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"cardgame {__version__}")
    commands = parser.add_subparsers(dest="command", title="commands", metavar="COMMAND")

    play = commands.add_parser(
        "play", parents=[common], help="play: open setup, or deal at once with --players"
    )
    add_play_options(play)

    validate = commands.add_parser(
        "validate", parents=[common], help="check deck files: PATH:LINE:COL: message"
    )
    validate.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="files or folders")

    decks = commands.add_parser(
        "decks", parents=[common], help="list every deck that loads, and where from"
    )
    decks.add_argument("--json", action="store_true", help="print a JSON list")
    decks.add_argument("--markdown", action="store_true", help="print a Markdown table")

    commands.add_parser("schema", parents=[common], help="print the deck format's JSON Schema")

    favourites = commands.add_parser(
        "favourites", parents=[common], help="list saved favourite cards, or export them as a deck"
    )
    favourites.add_argument("--json", action="store_true", help="print a JSON list")
    favourites.add_argument("--export", type=Path, metavar="FILE", help="write a deck file")

    history = commands.add_parser("history", parents=[common], help="list past games, newest first")
    history.add_argument("--json", action="store_true", help="print a JSON list")
    add_serve_command(commands)
    return parser


def add_play_options(parser: argparse.ArgumentParser) -> None:
    from .engine.settings import DEPTHS, REFLECT_MODES, TURN_CHOICES

    parser.add_argument("--players", metavar="NAMES", help='comma-separated, e.g. "Ana,Ben"')
    parser.add_argument("--deck", action="append", metavar="ID", help="deck id (repeatable)")
    parser.add_argument("--depth", choices=DEPTHS, default="escalate")
    parser.add_argument(
        "--turn", type=int, choices=TURN_CHOICES, default=90, help="seconds a turn; 0 is off"
    )
    parser.add_argument(
        "--rounds", type=int, default=5, help="rounds per player; 0 until cards run out"
    )
    parser.add_argument(
        "--passes", type=int, default=None, help="passes per player (default unlimited)"
    )
    parser.add_argument("--audience", choices=AUDIENCES, default=None)
    parser.add_argument("--seed", type=int, default=None, help="make the deal repeatable")
    parser.add_argument("--reflect", choices=REFLECT_MODES, default="deeper")
    parser.add_argument("--reflect-time", type=int, default=60, metavar="SECONDS")


def _sources(args: argparse.Namespace) -> list[Path]:
    return paths.deck_sources(tuple(getattr(args, "decks_dir", ())))


def cmd_validate(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    problems: list[Problem] = []
    checked = 0
    for root in args.paths:
        if not root.exists():
            problems.append(Problem(str(root), message="no such file or folder"))
            continue
        for path in deck_files(root):
            checked += 1
            try:
                load_file(path)
            except DeckError as error:
                problems.extend(error.problems)
    for problem in problems:
        print(problem, file=out)
    bad_files = len({problem.path for problem in problems})
    if problems:
        print(f"{len(problems)} problem(s) in {bad_files} of {checked} file(s)", file=out)
        return EXIT_INVALID
    print(f"{checked} file(s) valid", file=out)
    return EXIT_OK


def cmd_decks(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    library = load_library(_sources(args))
    for problem in library.problems:
        print(f"skipped: {problem}", file=err)
    rows = [
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
        for deck in library.decks
    ]
    if args.json:
        print(json.dumps(rows, indent=2, ensure_ascii=False), file=out)
        return EXIT_OK
    if args.markdown:
        print(markdown_table(rows), file=out)
        return EXIT_OK
    print(f"Your own decks go in: {paths.user_decks_dir()}", file=out)
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
    widths = [max(len(line[i]) for line in table) for i in range(5)]
    for line in table:
        print(
            "  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=False))
            + "  "
            + line[5],
            file=out,
        )
    print(f"{len(rows)} deck(s), {sum(r['cards'] for r in rows)} card(s)", file=out)
    return EXIT_OK


def markdown_table(rows: list[dict]) -> str:
    """The bundled-decks table for the README: name, skill, cards, levels, audiences."""
    lines = ["| Deck | Skill | Cards | Levels | Cards per audience |", "|---|---|---:|---|---|"]
    for row in rows:
        cells = (
            row["name"],
            row["strategy"],
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


def cmd_schema(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from .decks.schema import schema_text

    print(schema_text(), file=out, end="")
    return EXIT_OK


def _store(args: argparse.Namespace, err: TextIO):
    from .store import open_store

    store = open_store(paths.database_path(getattr(args, "data_dir", None)))
    if store.notice:
        print(store.notice, file=err)
    return store


def cmd_favourites(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from .favourites_cli import run_favourites

    store = _store(args, err)
    try:
        return run_favourites(store, as_json=args.json, export=args.export, out=out, err=err)
    finally:
        store.close()


def cmd_history(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from .favourites_cli import run_history

    store = _store(args, err)
    try:
        return run_history(store, as_json=args.json, out=out)
    finally:
        store.close()


def cmd_play(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from .launch import launch

    return launch(args, err)


COMMANDS = {
    "validate": cmd_validate,
    "decks": cmd_decks,
    "schema": cmd_schema,
    "favourites": cmd_favourites,
    "history": cmd_history,
    "play": cmd_play,
    "serve": run_serve,
}


def main(
    argv: Sequence[str] | None = None, out: TextIO | None = None, err: TextIO | None = None
) -> int:
    out = out or sys.stdout
    err = err or sys.stderr
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        return int(exit_.code or 0)
    if args.command is None:
        args = parser.parse_args([*(argv if argv is not None else sys.argv[1:]), "play"])
    try:
        return COMMANDS[args.command](args, out, err)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK
