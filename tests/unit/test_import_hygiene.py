"""The domain (decks, engine, store, session) and the quick commands never import Textual."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "cardgame"
DOMAIN = [
    *sorted((PACKAGE / "decks").glob("*.py")),
    *sorted((PACKAGE / "engine").glob("*.py")),
    *sorted((PACKAGE / "store").glob("*.py")),
    *sorted((PACKAGE / "session").glob("*.py")),
    PACKAGE / "paths.py",
    PACKAGE / "favourites_cli.py",
]


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


@pytest.mark.parametrize("path", DOMAIN, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_domain_module_does_not_import_textual(path):
    textual = {name for name in imported_modules(path) if name.split(".")[0] in ("textual", "rich")}
    assert not textual, f"{path.name} imports {textual}"


@pytest.mark.parametrize(
    "argv",
    [
        ["validate", "decks"],
        ["decks"],
        ["decks", "--json"],
        ["schema"],
        ["favourites"],
        ["history"],
    ],
)
def test_quick_commands_never_load_textual(argv, tmp_path):
    code = (
        "import sys, io\n"
        "from cardgame.cli import main\n"
        f"main({argv!r}, out=io.StringIO(), err=io.StringIO())\n"
        "import cardgame.engine, cardgame.store, cardgame.session\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))\n"
        "assert not loaded, loaded\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=PACKAGE.parent,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
