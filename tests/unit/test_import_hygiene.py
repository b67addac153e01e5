"""The domain (decks, engine, store, session) and the quick commands never import Textual."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "cardgame"
TEXTUAL_COMMANDS = {"play.py"}  # the only command modules allowed to reach Textual (and serve)


def python_files(*names: str) -> list[Path]:
    """Every module under ``cardgame/<name>`` (a package) or the file ``cardgame/<name>``."""
    found: list[Path] = []
    for name in names:
        path = PACKAGE / name
        found += sorted(path.rglob("*.py")) if path.is_dir() else [path] if path.exists() else []
    return found


DOMAIN = python_files("decks", "engine", "store", "store.py", "session", "session.py", "paths.py")
QUICK_CLI = [path for path in python_files("cli") if path.name not in TEXTUAL_COMMANDS]


def imported_modules(path: Path) -> set[str]:
    """Absolute names of every module ``path`` imports, relative imports resolved."""
    package = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts[:-1])
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package.split(".")
            if node.level:
                base = base[: len(base) - node.level + 1]
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module or ""
            names.add(module)
            names.update(f"{module}.{alias.name}" for alias in node.names)
    return names


def test_the_lists_are_not_empty():
    assert len(DOMAIN) > 10 and len(QUICK_CLI) >= 8


@pytest.mark.parametrize("path", DOMAIN + QUICK_CLI, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_module_does_not_import_textual_or_the_app(path):
    imported = imported_modules(path)
    textual = {name for name in imported if name.split(".")[0] in ("textual", "rich")}
    assert not textual, f"{path.name} imports {textual}"
    ui = {
        name
        for name in imported
        if name.startswith(("cardgame.app", "cardgame.screens", "cardgame.widgets"))
    }
    assert not ui, f"{path.name} imports {ui}"


def test_the_import_check_sees_relative_imports():
    play = PACKAGE / "cli" / "play.py"
    assert "cardgame.app.CardGameApp" in imported_modules(play)


QUICK_COMMANDS = [
    ["validate", "decks"],
    ["decks"],
    ["decks", "--json"],
    ["decks", "--markdown"],
    ["schema"],
    ["draw"],
    ["favourites"],
    ["favourites", "--json"],
    ["history"],
    ["history", "--json"],
    ["cache", "clear"],
    ["--no-cache", "decks"],
    ["play", "--players", "Ana,,Ben"],
    ["play", "--players", "Ana,Ben", "--deck", "no-such-deck"],
    ["--help"],
    ["--version"],
]
# Neither the server's event loop nor TLS: building the serve command's options (done for every
# command) once pulled in asyncio, ssl and logging, the biggest part of every command's start.
SERVER_ONLY = ("asyncio", "ssl", "logging")

NO_TEXTUAL = """\
import io, sys
from cardgame.cli import main
for argv in COMMANDS:
    try:
        main(argv, out=io.StringIO(), err=io.StringIO())
    except SystemExit:  # --version and --help end as argparse ends them
        pass
    loaded = sorted(m for m in sys.modules if m.split(".")[0] in ("textual", "rich", *SERVER))
    assert not loaded, (argv, loaded[:5])
print("ok")
"""


def test_quick_commands_never_load_textual():
    """One process runs every quick command in turn and checks after each one."""
    code = f"COMMANDS = {QUICK_COMMANDS!r}\nSERVER = {SERVER_ONLY!r}\n{NO_TEXTUAL}"
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=PACKAGE.parent,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == "ok\n"


WARM_LISTING = """\
import io, sys
from cardgame.cli import main
out = io.StringIO()
assert main(["decks", "--json"], out=out, err=io.StringIO()) == 0
loaded = sorted(m for m in sys.modules if m.split(".")[0] == "yaml" or m in (
    "cardgame.decks.loader", "cardgame.decks.validate"))
assert not loaded, loaded
print("ok" if '"cards_per_audience"' in out.getvalue() else out.getvalue())
"""


def test_listing_an_unchanged_library_reads_no_yaml(tmp_path):
    """`cardgame decks` on a warm parsed-deck cache: no YAML parser, no validator (regression:
    the command module imported the deck reader at import, and counted every card)."""
    env = {**os.environ, "CARDGAME_CACHE_DIR": str(tmp_path / "cache")}
    run = {"cwd": PACKAGE.parent, "capture_output": True, "text": True, "timeout": 60, "env": env}
    warm = subprocess.run([sys.executable, "-m", "cardgame", "decks"], **run)
    assert warm.returncode == 0, warm.stderr
    result = subprocess.run([sys.executable, "-c", WARM_LISTING], **run)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "ok\n"
