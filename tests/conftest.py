"""Shared fixtures: every test gets its own data and config folders, and a clock it controls."""

from __future__ import annotations

import pytest
from helpers.engine import FakeClock
from helpers.profiles import register_profiles

register_profiles()


@pytest.fixture(autouse=True)
def isolated_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """Point the game's data, config and cache folders at fresh temporary ones."""
    root = tmp_path_factory.mktemp("cardgame-home")
    monkeypatch.setenv("CARDGAME_DATA_DIR", str(root / "data"))
    monkeypatch.setenv("CARDGAME_CONFIG_DIR", str(root / "config"))
    monkeypatch.setenv("CARDGAME_CACHE_DIR", str(root / "cache"))
    return root


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Run the tests marked ``slow`` first, so under xdist they overlap the rest of the suite."""
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)  # stable: order kept
