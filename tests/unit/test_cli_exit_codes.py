"""Each exit code of ``cardgame`` as a real process: 0, 1 and 2 are in the command tests (one
each per family); here the ones that need a process of their own."""

from __future__ import annotations

import os
import subprocess
import sys

from helpers.cli import ROOT, run_main

INTERRUPTED = """\
import sys
import cardgame.cli.deck_commands as commands
from cardgame.cli import main

def interrupted(args, output):
    raise KeyboardInterrupt

commands.schema = interrupted
sys.exit(main(["schema"]))
"""

BROKEN_PIPE = """\
import sys
import cardgame.cli.deck_commands as commands
from cardgame.cli import main

def endless(args, output):
    for number in range(1_000_000):
        output.out.line(f"line {number}")
    return 0

commands.schema = endless
sys.exit(main(["schema"]))
"""


def python(code: str, **kwargs) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, text=True, env=dict(os.environ), timeout=120,
        **kwargs,
    )  # fmt: skip


def test_interrupted_exits_130():
    result = python(INTERRUPTED, capture_output=True)
    assert result.returncode == 130
    assert "Traceback" not in result.stderr


def test_a_reader_that_stops_early_is_no_error():
    process = subprocess.Popen(
        [sys.executable, "-c", BROKEN_PIPE], cwd=ROOT, env=dict(os.environ),
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    assert process.stdout is not None and process.stderr is not None
    process.stdout.read(100)
    process.stdout.close()
    error = process.stderr.read().decode()
    assert process.wait(timeout=120) == 0, error
    assert error == ""


def test_a_bug_in_a_command_exits_1_with_a_safe_traceback(monkeypatch):
    import cardgame.cli.deck_commands as commands

    def broken(args, output):
        raise ValueError("bad \x1b]0;title\x07")

    monkeypatch.setattr(commands, "schema", broken)
    result = run_main("schema")
    assert result.code == 1
    assert "ValueError: bad \\x1b]0;title\\x07" in result.err
    assert "\x1b" not in result.err
    assert result.err.endswith(
        "cardgame: schema stopped because of an error in cardgame (details above)\n"
    )


def test_serve_is_wired_when_the_web_package_provides_it(monkeypatch):
    """The hook the web package fills: its subparser, run with the CLI's safe streams."""
    import argparse
    import importlib.util
    import types

    calls = []
    fake = types.ModuleType("cardgame.web.command")

    def add_serve_command(subparsers, parents=()):
        serve = subparsers.add_parser("serve", parents=list(parents), help="play in a browser")
        serve.add_argument("--port", type=int, default=8000)
        return serve

    def run_serve(args: argparse.Namespace, out, err) -> int:
        calls.append(args.port)
        out.write("serving \x1b]0;x\x07\n")
        return 0

    fake.add_serve_command, fake.run_serve = add_serve_command, run_serve
    web = types.ModuleType("cardgame.web")
    web.__path__ = []
    monkeypatch.setitem(sys.modules, "cardgame.web", web)
    monkeypatch.setitem(sys.modules, "cardgame.web.command", fake)
    real_find_spec = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util,
        "find_spec",
        lambda name, *a: True if name.startswith("cardgame.web") else real_find_spec(name, *a),
    )
    assert "serve" in run_main("--help").out
    result = run_main("serve", "--port", "9")
    assert (result.code, result.out, calls) == (0, "serving \\x1b]0;x\\x07\n", [9])
