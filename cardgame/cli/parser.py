"""The command line: every command, option and argument check, and nothing else.

Each command names its handler as ``"module:function"`` inside this package, imported only when
that command runs: parsing loads the deck model and the engine's table options (plain Python),
never the YAML loader, the store or Textual; only ``play`` (and ``serve``) load Textual.
"""

from __future__ import annotations

import argparse
import importlib.util
from collections.abc import Callable
from pathlib import Path

from .. import __version__
from ..decks.model import AUDIENCES, LEVEL_NAMES
from ..engine.settings import DEFAULT_LENGTH, EVERYONE, OPTIONS, TABLE_OPTIONS, Length

MAX_ROUNDS = 100
MAX_PASSES = 99


# ---------------------------------------------------------------- argument types


def decks_source(text: str) -> Path:
    """``--decks-dir``: a folder (or one deck file) that exists; anything else is a usage error.

    Only a path that is not a folder is looked at here (a FIFO or a device is named from its
    ``stat``, never opened); a folder's contents are the loader's to report.
    """
    path = Path(text)
    if not path.is_dir():
        from ..decks import find_deck_files

        problems = find_deck_files(path).problems
        if problems:
            raise argparse.ArgumentTypeError(f"{text}: {problems[0].message}")
    return path


def bounded(low: int, high: int) -> Callable[[str], int]:
    """An integer argument type accepting ``low`` to ``high``."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"{value} is not between {low} and {high}")
        return value

    parse.__name__ = "number"
    return parse


def repaired(text: str) -> str:
    """Undecodable bytes from the command line (lone surrogates) become U+FFFD."""
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def player_names(text: str) -> tuple[str, ...]:
    """``--players "Ana,Ben"``: cleaned and checked as the engine checks a typed list."""
    from ..engine import SettingsError, parse_player_list

    try:
        return parse_player_list(repaired(text))
    except SettingsError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


# ---------------------------------------------------------------- the parser


def _common_options() -> argparse.ArgumentParser:
    """Options every command takes, before or after its name."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--decks-dir",
        action="append",
        type=decks_source,
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
    common.add_argument(
        "--no-cache",
        action="store_true",
        default=argparse.SUPPRESS,
        help="read every deck file afresh, without the parsed-deck cache",
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

    def command(name: str, run: str, help: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, parents=[common], help=help, description=help)
        sub.set_defaults(run=run)
        return sub

    add_play_options(
        command("play", "play:run", "play: open setup, or deal at once with --players")
    )

    validate = command("validate", "deck_commands:validate", "check deck files: PATH:LINE:COL")
    validate.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="files or folders")

    decks = command("decks", "deck_commands:decks", "list every deck that loads, and where from")
    decks_format = decks.add_mutually_exclusive_group()
    decks_format.add_argument("--json", action="store_true", help="print a JSON list")
    decks_format.add_argument("--markdown", action="store_true", help="print a Markdown table")

    command("schema", "deck_commands:schema", "print the deck format's JSON Schema")

    draw = command("draw", "draw:run", "print one card, one you have not seen lately")
    draw.add_argument("--deck", metavar="ID", help="draw from this deck only")
    draw.add_argument("--audience", choices=(*AUDIENCES, EVERYONE), default=EVERYONE)
    draw.add_argument("--level", type=int, choices=sorted(LEVEL_NAMES), help="1, 2 or 3")
    draw.add_argument("--seed", type=int, default=None, help="make the draw repeatable")
    draw.add_argument("--json", action="store_true", help="print the card as JSON")

    favourites = command(
        "favourites", "listings:favourites", "list saved favourite cards, or export them as a deck"
    )
    favourites.add_argument("--json", action="store_true", help="print a JSON list")
    favourites.add_argument("--export", type=Path, metavar="FILE", help="write a deck file")
    favourites.add_argument(
        "--id", metavar="ID", help="the exported deck's id (default: my-favourites)"
    )
    favourites.add_argument("--force", action="store_true", help="replace FILE if it exists")

    history = command("history", "listings:history", "list past games, newest first")
    history.add_argument("--json", action="store_true", help="print a JSON list")

    cache = command("cache", "deck_commands:cache", "the parsed-deck cache: cache clear")
    cache.add_argument("action", choices=("clear",), help="clear: remove the cached decks")

    add_serve_command(commands, common)
    return parser


# Each table option's flag; its values and default come from the engine's TABLE_OPTIONS.
PLAY_FLAGS = {
    "audience": ("--audience", "only cards for this table (everyone: no filter)"),
    "depth": ("--depth", "how deep the cards go; escalate rises as the game goes"),
    "turn_seconds": ("--turn", "seconds a turn; 0 is off"),
    "passes": ("--passes", "passes per player (default unlimited)"),
    "reflect": ("--reflect", "when a listener reflects back what they heard"),
    "reflect_seconds": ("--reflect-time", "seconds for a reflection"),
    "speaker_picks": (
        "--speaker-picks",
        "the speaker picks who reflects back (default: the next player)",
    ),
    "unseen_first": ("--unseen-first", "deal cards this table has not seen first"),
    "bell": ("--bell", "ring the terminal bell when a turn's time is up"),
}


def add_play_options(parser: argparse.ArgumentParser) -> None:
    """``play``'s options: one flag per table option, values and defaults from the engine."""
    parser.add_argument(
        "--players", type=player_names, metavar="NAMES", help='comma-separated, e.g. "Ana,Ben"'
    )
    parser.add_argument("--deck", action="append", metavar="ID", help="deck id (repeatable)")
    parser.add_argument(
        "--child",
        action="append",
        default=[],
        metavar="NAME",
        help="a player who is a child: dealt only kids cards (repeatable)",
    )
    for option in TABLE_OPTIONS:
        if option.name in PLAY_FLAGS:
            flag, help = PLAY_FLAGS[option.name]
            _add_option_flag(parser, option, flag, help)
    minutes = [m for m in (Length.parse(v).minutes for v in OPTIONS["length"].values) if m]
    length = parser.add_mutually_exclusive_group()
    length.add_argument(
        "--rounds",
        type=bounded(0, MAX_ROUNDS),
        default=DEFAULT_LENGTH.rounds or 0,
        help=f"rounds per player; 0 until the cards run out (default {DEFAULT_LENGTH.token})",
    )
    length.add_argument(
        "--minutes",
        type=int,
        choices=minutes,
        help="play for about this long: the round in progress finishes once time is up",
    )
    parser.add_argument("--seed", type=int, default=None, help="make the deal repeatable")


def _add_option_flag(parser: argparse.ArgumentParser, option, flag: str, help: str) -> None:
    """One table option as a flag: on/off options get ``--x/--no-x``, the rest a choice."""
    if set(option.values) == {True, False}:
        parser.add_argument(
            flag,
            dest=option.name,
            action=argparse.BooleanOptionalAction,
            default=option.default,
            help=help,
        )
    elif option.name == "passes":  # any small number, not just setup's picks
        parser.add_argument(
            flag, dest=option.name, type=bounded(0, MAX_PASSES), default=option.default, help=help
        )
    else:
        kind = type(option.default)
        parser.add_argument(
            flag,
            dest=option.name,
            type=int if kind is int else str,
            choices=option.values,
            default=option.default,
            help=f"{help} (default {option.default})",
        )


# ---------------------------------------------------------------- the serve hook

SERVE_MODULE = "cardgame.web.command"


def add_serve_command(
    commands: argparse._SubParsersAction, common: argparse.ArgumentParser
) -> None:
    """``serve``, when the web package is there: ``cardgame.web.command.add_serve_command``
    adds its subparser (that module must stay light: no Textual, no server, at import);
    ``cli/serve.py`` runs it with the safe streams."""
    if importlib.util.find_spec("cardgame.web") is None:
        return
    if importlib.util.find_spec(SERVE_MODULE) is None:
        return
    from importlib import import_module

    serve = import_module(SERVE_MODULE).add_serve_command(commands, [common])
    serve.set_defaults(run="serve:run")
