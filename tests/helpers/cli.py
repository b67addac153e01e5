"""Running ``cardgame`` in tests: in-process for logic, as a real process for exit codes.

Both use the folders the autouse ``isolated_dirs`` fixture points ``CARDGAME_DATA_DIR`` and
``CARDGAME_CONFIG_DIR`` at, so a test never touches the user's real favourites or decks.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from cardgame.cli import main

ROOT = Path(__file__).resolve().parents[2]
TEST_DECKS = ROOT / "tests" / "data" / "decks"


@dataclass(frozen=True)
class Ran:
    code: int
    out: str
    err: str

    @property
    def returncode(self) -> int:
        return self.code

    @property
    def stdout(self) -> str:
        return self.out

    @property
    def stderr(self) -> str:
        return self.err


def run_main(*argv: str | Path) -> Ran:
    """``cardgame ARGV`` in this process, its output captured."""
    out, err = io.StringIO(), io.StringIO()
    code = main([str(arg) for arg in argv], out, err)
    return Ran(code, out.getvalue(), err.getvalue())


def run_process(*argv: str | Path, timeout: float = 60, **env: str) -> Ran:
    """``python -m cardgame ARGV`` as a user runs it; stdout and stderr kept as bytes-true text."""
    assert "CARDGAME_DATA_DIR" in os.environ and "CARDGAME_CONFIG_DIR" in os.environ
    result = subprocess.run(
        [sys.executable, "-m", "cardgame", *map(str, argv)],
        capture_output=True,
        env={**os.environ, "PYTHONIOENCODING": "utf-8", "COLUMNS": "100", **env},
        cwd=ROOT,
        timeout=timeout,
    )
    return Ran(
        result.returncode,
        result.stdout.decode("utf-8", "surrogateescape"),
        result.stderr.decode("utf-8", "surrogateescape"),
    )


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def record_use_cache(monkeypatch) -> list[bool]:
    """Every ``load_library`` call's ``use_cache`` from now on, in order (the call still runs)."""
    import cardgame.decks.library as library

    seen: list[bool] = []
    real = library.load_library

    def spy(paths, *, use_cache=True, progress=None):
        seen.append(use_cache)
        return real(paths, use_cache=use_cache, progress=progress)

    monkeypatch.setattr(library, "load_library", spy)
    return seen
