"""Shared fixtures: every test gets its own data and config folders, and a clock it controls."""

from __future__ import annotations

from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
TEST_DECKS = TESTS / "data" / "decks"


class FakeClock:
    """A monotonic clock that moves only when told to."""

    def __init__(self, start: float = 1000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture(autouse=True)
def isolated_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """Point the game's data and config folders at fresh temporary ones."""
    root = tmp_path_factory.mktemp("cardgame-home")
    monkeypatch.setenv("CARDGAME_DATA_DIR", str(root / "data"))
    monkeypatch.setenv("CARDGAME_CONFIG_DIR", str(root / "config"))
    return root


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()
