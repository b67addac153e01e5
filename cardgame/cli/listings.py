"""``cardgame favourites`` and ``cardgame history``: the store's contents as text or JSON.

Everything listed came from deck files or player names: each cell is made one-line and safe
(``format.one_line``) and long ones are cut with an ellipsis; nothing goes through markup.
"""

from __future__ import annotations

import argparse
import dataclasses
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING

from .context import load_decks, open_store
from .dispatch import EXIT_OK, EXIT_USAGE
from .format import WIDTH, cut, level_label, one_line, pad, plural, text_width, when
from .output import Output, SafeStream

if TYPE_CHECKING:
    from ..store import Favourite, GameSummaryRow

NO_FAVOURITES = "No favourites yet. Press the heart on a card during a game to keep it here."
NO_GAMES = "No games played yet."


def favourites(args: argparse.Namespace, output: Output) -> int:
    """List the favourites (a table, or JSON), or export them as a deck file."""
    if args.export is None and (args.id or args.force):
        output.err.line("cardgame favourites: --id and --force go with --export FILE")
        return EXIT_USAGE
    with open_store(args, output) as store:
        saved = store.favourites()
    if args.export is not None:
        from .export import export

        loaded = load_decks(args).decks
        return export(saved, args.export, output, deck_id=args.id, force=args.force, loaded=loaded)
    return listing(saved, args.json, output.out, NO_FAVOURITES, favourites_table)


def history(args: argparse.Namespace, output: Output) -> int:
    """Past games that dealt at least one card, newest first; a game left early is marked."""
    with open_store(args, output) as store:
        games = store.games()  # only games that dealt a card
    return listing(games, args.json, output.out, NO_GAMES, history_table)


def listing(
    rows: Sequence, as_json: bool, out: SafeStream, empty: str, table: Callable[..., str]
) -> int:
    """Write ``rows`` as JSON, as a table, or say there are none."""
    if as_json:
        out.json([dataclasses.asdict(row) for row in rows])
    else:
        out.write(table(rows) if rows else empty + "\n")
    return EXIT_OK


def favourites_table(saved: Iterable[Favourite], width: int = WIDTH) -> str:
    """The favourites grouped under their deck names, one card a line, cut to ``width``."""
    lines: list[str] = []
    groups: dict[str, list[Favourite]] = {}
    for favourite in saved:
        groups.setdefault(favourite.deck_name, []).append(favourite)
    for deck_name, group in groups.items():
        if lines:
            lines.append("")
        lines.append(cut(f"{one_line(deck_name)} ({plural(len(group), 'card')})", width))
        for favourite in group:
            kind = cut(one_line(favourite.kind), 9)
            front = f"  {pad(level_label(favourite.level), 10)} {pad(kind, 9)} "
            lines.append(front + cut(one_line(favourite.text), width - text_width(front)))
    return "\n".join(lines) + "\n"


def history_table(games: Iterable[GameSummaryRow], width: int = WIDTH) -> str:
    header = f"{pad('Date', 16)}  {'Answered':>8}  {'Passed':>6}  {'Reflections':>11}  Players"
    lines = [header]
    for game in games:
        front = (
            f"{pad(when(game.started_at), 16)}  {game.cards_answered:>8}  "
            f"{game.cards_passed:>6}  {game.reflections:>11}  "
        )
        players = ", ".join(one_line(player) for player in game.players) or "-"
        mark = "" if game.finished else " (unfinished)"
        lines.append(front + cut(players, width - text_width(front) - len(mark)) + mark)
    return "\n".join(lines) + "\n"
