"""Where cardgame keeps things: the one module that resolves paths.

``CARDGAME_DATA_DIR``, ``CARDGAME_CONFIG_DIR`` and ``CARDGAME_CACHE_DIR`` override the platform
folders, so tests and second copies of the game can be pointed at a folder of their own.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "cardgame"
PACKAGE_DIR = Path(__file__).resolve().parent


def bundled_decks_dir() -> Path:
    """The decks that ship with the game: inside the wheel, or the source tree's ``decks/``."""
    packaged = PACKAGE_DIR / "bundled_decks"
    return packaged if packaged.is_dir() else PACKAGE_DIR.parent / "decks"


def config_dir() -> Path:
    override = os.environ.get("CARDGAME_CONFIG_DIR")
    return Path(override) if override else platformdirs.user_config_path(APP_NAME)


def cache_dir() -> Path:
    """Where things that can be rebuilt at any time go (the parsed-deck cache)."""
    override = os.environ.get("CARDGAME_CACHE_DIR")
    return Path(override) if override else platformdirs.user_cache_path(APP_NAME)


def user_decks_dir() -> Path:
    """Where a player's own decks go."""
    return config_dir() / "decks"


def data_dir(override: Path | str | None = None) -> Path:
    if override:
        return Path(override)
    env = os.environ.get("CARDGAME_DATA_DIR")
    return Path(env) if env else platformdirs.user_data_path(APP_NAME)


def database_path(override: Path | str | None = None) -> Path:
    return data_dir(override) / "cardgame.sqlite3"


def deck_sources(extra: list[Path] | tuple[Path, ...] = ()) -> list[Path]:
    """Every folder decks load from, in order: bundled, the user's, then ``--decks-dir`` ones."""
    return [bundled_decks_dir(), user_decks_dir(), *extra]
