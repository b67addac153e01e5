"""The command line: every command, option and argument check, and nothing else.

Each command names its handler as ``"module:function"`` inside this package (or as a callable, for
a command added by a hook), so parsing never imports what a command needs: ``cardgame schema``
does not load the engine, and only ``play`` (and ``serve``) load Textual.
"""

from __future__ import annotations

import argparse
import importlib.util
import stat
from collections.abc import Callable
from pathlib import Path

from .. import __version__
from ..decks.model import AUDIENCES, LEVEL_NAMES
from ..text import clean

EVERYONE = "everyone"  # --audience everyone: no audience filter
MAX_ROUNDS = 100
MAX_PASSES = 99
REFLECT_SECONDS = (10, 600)  # the reflection timer's bounds, like --turn's choices


# ---------------------------------------------------------------- argument types


def path_kind(path: Path) -> str | None:
    """None for a folder or a regular file (following symlinks); else what it is, for a message.

    Uses ``stat`` only, so a FIFO or a device is named without ever being opened.
    """
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return "does not exist"
    except OSError as error:
        return f"cannot be read ({error.strerror or error})"
    if stat.S_ISDIR(mode) or stat.S_ISREG(mode):
        return None
    if stat.S_ISFIFO(mode):
        return "is a FIFO (named pipe), not a deck file or folder"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "is a device, not a deck file or folder"
    if stat.S_ISSOCK(mode):
        return "is a socket, not a deck file or folder"
    return "is not a regular file or folder"


def decks_source(text: str) -> Path:
    """``--decks-dir``: a folder (or one deck file) that exists; anything else is a usage error."""
    path = Path(text)
    problem = path_kind(path)
    if problem:
        raise argparse.ArgumentTypeError(f"{text} {problem}")
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
    """``--players "Ana,Ben"``: names cleaned as setup cleans them; an empty name is an error."""
    from ..engine.settings import MAX_NAME, SettingsError, clean_names

    names = [" ".join(clean(repaired(name)).split()) for name in text.split(",")]
    if any(not name for name in names):
        raise argparse.ArgumentTypeError(
            f"{text!r} has an empty name; separate names with single commas"
        )
    long = next((name for name in names if len(name) > MAX_NAME), None)
    if long:
        raise argparse.ArgumentTypeError(f"names are at most {MAX_NAME} characters: {long!r}")
    try:
        return clean_names(names)
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

    add_serve_command(commands)
    return parser


def add_play_options(parser: argparse.ArgumentParser) -> None:
    """``play``'s options; defaults are the engine's (``GameSettings``), never restated here."""
    import dataclasses

    from ..engine.settings import DEPTHS, REFLECT_MODES, TURN_CHOICES, GameSettings

    default = {field.name: field.default for field in dataclasses.fields(GameSettings)}
    parser.add_argument(
        "--players", type=player_names, metavar="NAMES", help='comma-separated, e.g. "Ana,Ben"'
    )
    parser.add_argument("--deck", action="append", metavar="ID", help="deck id (repeatable)")
    parser.add_argument("--depth", choices=DEPTHS, default=default["depth"])
    parser.add_argument(
        "--turn",
        type=int,
        choices=TURN_CHOICES,
        default=default["turn_seconds"],
        help="seconds a turn; 0 is off",
    )
    parser.add_argument(
        "--rounds",
        type=bounded(0, MAX_ROUNDS),
        default=default["rounds"],
        help="rounds per player; 0 until cards run out",
    )
    parser.add_argument(
        "--passes",
        type=bounded(0, MAX_PASSES),
        default=default["passes"],
        help="passes per player (default unlimited)",
    )
    parser.add_argument(
        "--audience",
        choices=(*AUDIENCES, EVERYONE),
        default=default["audience"] or EVERYONE,
        help="only cards for this table (default: everyone, no filter)",
    )
    parser.add_argument("--seed", type=int, default=None, help="make the deal repeatable")
    parser.add_argument("--reflect", choices=REFLECT_MODES, default=default["reflect"])
    parser.add_argument(
        "--reflect-time",
        type=bounded(*REFLECT_SECONDS),
        default=default["reflect_seconds"],
        metavar="SECONDS",
        help=f"seconds for a reflection ({REFLECT_SECONDS[0]} to {REFLECT_SECONDS[1]})",
    )
    parser.add_argument(
        "--speaker-picks",
        action="store_true",
        default=default["speaker_picks_listener"],
        help="the speaker picks who reflects (default: the next player)",
    )
    parser.add_argument(
        "--unseen-first",
        action=argparse.BooleanOptionalAction,
        default=default["fresh_first"],
        help="deal cards this table has not seen first",
    )


# ---------------------------------------------------------------- the serve hook

SERVE_MODULE = "cardgame.web.command"


def add_serve_command(commands: argparse._SubParsersAction) -> None:
    """``serve``, when the web package is there: ``cardgame.web.command.add_serve_command``
    adds its subparser (that module must stay light: no Textual, no server, at import);
    ``cli/serve.py`` runs it with the safe streams."""
    if importlib.util.find_spec("cardgame.web") is None:
        return
    if importlib.util.find_spec(SERVE_MODULE) is None:
        return
    from importlib import import_module

    serve = import_module(SERVE_MODULE).add_serve_command(commands)
    serve.set_defaults(run="serve:run")
