"""The built wheel works on its own: bundled decks and the schema ship inside it.

Builds the wheel from the repository, installs it into a fresh virtual environment (pip fetches
Textual, PyYAML and platformdirs), and runs the installed ``cardgame`` there. Slow, so it is
marked ``slow``; it still runs by default (deselect with ``-m "not slow"``), and tests/conftest.py
schedules it first so it overlaps the rest of the suite. To stay cheap the venv is made without
pip of its own (this interpreter's pip installs into it with ``--python``) and nothing is
byte-compiled; the dependencies are still resolved and installed from scratch.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from cardgame import __version__
from cardgame.decks import load_library

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str | Path, **kwargs) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [str(arg) for arg in args], capture_output=True, text=True, timeout=600, **kwargs
    )
    assert result.returncode == 0, f"{args}\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}"
    return result


@pytest.mark.slow
def test_wheel_installs_and_lists_its_bundled_decks(tmp_path):
    wheels = tmp_path / "wheels"
    build = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--disable-pip-version-check"]
    if importlib.util.find_spec("hatchling"):
        build.append("--no-build-isolation")  # use the installed backend: quicker, works offline
    run(*build, "-w", wheels, ROOT)
    (wheel,) = wheels.glob("cardgame-*.whl")
    assert f"-{__version__}-" in wheel.name

    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=False, clear=True)
    bin_dir = env_dir / ("Scripts" if os.name == "nt" else "bin")
    python = bin_dir / "python"
    install = [sys.executable, "-m", "pip", "--python", python, "install", "--no-compile"]
    run(*install, "--quiet", "--disable-pip-version-check", wheel)

    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV"}
    }
    env["CARDGAME_CONFIG_DIR"] = str(tmp_path / "config")
    env["CARDGAME_DATA_DIR"] = str(tmp_path / "data")
    cardgame = bin_dir / "cardgame"

    listed = run(cardgame, "decks", "--json", env=env, cwd=tmp_path)
    rows = {row["id"]: row for row in json.loads(listed.stdout)}
    expected = load_library([ROOT / "decks"])
    assert expected.decks and not expected.problems
    installed = env_dir.resolve()
    for deck in expected.decks:
        row = rows[deck.id]
        source = Path(row["source"]).resolve()
        assert source.is_relative_to(installed), source
        assert source.parent.name == "bundled_decks"
        assert row["cards"] == len(deck.cards)
    assert (source.parent / "table-prompts.yaml").is_file()
    assert listed.stderr == ""

    schema = run(cardgame, "schema", env=env, cwd=tmp_path).stdout
    assert schema == (ROOT / "cardgame" / "decks" / "deck.schema.json").read_text(encoding="utf-8")
    version = run(cardgame, "--version", env=env, cwd=tmp_path).stdout
    assert version.strip() == f"cardgame {__version__}"
