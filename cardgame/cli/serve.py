"""``cardgame serve``: the web package's command, run with this package's safe streams."""

from __future__ import annotations

import argparse

from .output import Output


def run(args: argparse.Namespace, output: Output) -> int:
    from ..web.command import run_serve

    return run_serve(args, output.out, output.err)
