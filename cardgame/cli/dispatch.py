"""``main``: parse the arguments, run the command, turn what happened into an exit code."""

from __future__ import annotations

import argparse
import sys
import traceback
from collections.abc import Callable, Sequence
from importlib import import_module
from typing import TextIO

from .output import Output
from .parser import build_parser

EXIT_OK, EXIT_INVALID, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130

Handler = Callable[[argparse.Namespace, Output], int]


def handler(run: str | Handler) -> Handler:
    """A command's handler: a callable, or ``"module:function"`` in this package, imported now."""
    if callable(run):
        return run
    module, _, function = run.partition(":")
    return getattr(import_module(f"{__package__}.{module}"), function)


def parse(argv: Sequence[str] | None, output: Output) -> argparse.Namespace:
    """The parsed arguments (no command means ``play``). Usage errors raise SystemExit(2)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    with output.as_sys_streams():  # argparse prints help, usage and errors to sys.std*
        args = parser.parse_args(argv)
        if args.command is None:
            args = parser.parse_args([*argv, "play"])
    return args


def main(
    argv: Sequence[str] | None = None, out: TextIO | None = None, err: TextIO | None = None
) -> int:
    output = Output.to(out, err)
    try:
        args = parse(argv, output)
    except SystemExit as exit_:
        return exit_.code if isinstance(exit_.code, int) else EXIT_USAGE
    try:
        return handler(args.run)(args, output)
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # `cardgame decks | head`: the reader had enough
        return EXIT_OK
    except Exception:  # a bug: say so briefly, with the traceback made safe like everything else
        output.err.write(traceback.format_exc())
        output.problem(f"{args.command} stopped because of an error in cardgame (details above)")
        return EXIT_INVALID
