"""Shared fixtures: every test gets its own data and config folders, and a clock it controls."""

from __future__ import annotations

import gc

import pytest
from helpers import css_cache, idle
from helpers.engine import FakeClock
from helpers.profiles import register_profiles

register_profiles()
css_cache.install()  # every app in a worker shares one parse of each stylesheet
idle.install()  # Pilot's idle wait samples every 5 ms, not 20

# Garbage collection: an app test allocates millions of objects and many of them live on in
# Textual's caches, so with CPython's default thresholds the collector ran thousands of times per
# worker and took a fifth of an app test's CPU. Collecting less often (a young collection every
# 5,000 allocations, not 700) and freezing what the imports built (below) cut that to a few
# percent; a full collection still comes, so each worker's memory stays flat.
GC_THRESHOLDS = (5_000, 50, 10)
gc.set_threshold(*GC_THRESHOLDS)


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


def pytest_collection_finish(session: pytest.Session) -> None:
    """Freeze what importing the test modules built: later collections skip it."""
    gc.collect()
    gc.freeze()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Run the tests marked ``slow`` first, so under xdist they overlap the rest of the suite."""
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)  # stable: order kept
