"""Favourites, preferences and game history in one SQLite file (stdlib ``sqlite3``; no Textual).

The rules, from issue 6 ("a SQLite store that never loses a heart") and issue 9:

* One database file in WAL mode with ``synchronous=FULL``, so a heart that ``add_favourite``
  reported as saved survives the process being killed (or the machine losing power).
* Every write is its own short ``BEGIN IMMEDIATE`` transaction; a lock held by another process
  is waited out off the UI thread, and reported only if it lasts (``core``).
* The schema is versioned with ``PRAGMA user_version`` (``schema``).
* Damaged, unreachable or newer files are handled when opening (``opening``); no method raises
  for I/O reasons, and every problem becomes a notice (``Store.notices()``).

One module per job: ``opening`` (open and recover), ``schema`` (migrations), ``favourites``,
``history``, ``seen`` and ``seen_tables`` ("last seen by this table"), ``settings`` and
``preferences``, on top of ``core`` (connection and retries).
"""

from __future__ import annotations

from pathlib import Path

from .core import BUSY_TIMEOUT_MS, COMMAND_PATIENCE, PATIENCE
from .favourites import Favourite, FavouritesTable
from .history import DEAL_OUTCOMES, REFLECTION_OUTCOMES, GameSummaryRow, HistoryTables
from .opening import Opening
from .preferences import Preferences, TableChoice
from .schema import MIGRATIONS, SCHEMA_VERSION, migrate, player_key
from .seen_tables import TABLES_KEPT
from .settings import SettingsTable

__all__ = [
    "BUSY_TIMEOUT_MS",
    "COMMAND_PATIENCE",
    "DEAL_OUTCOMES",
    "MIGRATIONS",
    "PATIENCE",
    "REFLECTION_OUTCOMES",
    "SCHEMA_VERSION",
    "TABLES_KEPT",
    "Favourite",
    "GameSummaryRow",
    "Preferences",
    "Store",
    "TableChoice",
    "migrate",
    "open_store",
    "player_key",
]


class Store(Opening, FavouritesTable, HistoryTables, SettingsTable):
    """The game's favourites, preferences and history. Use ``Store.open`` or ``open_store``."""


def open_store(path: Path | None = None) -> Store:
    """Open the game's store (by default at ``paths.database_path()``). Never raises for I/O."""
    if path is None:
        try:
            from .. import paths  # platformdirs is only needed to find the default place

            path = paths.database_path()
        except Exception as error:  # platformdirs can fail on an odd environment
            return Store.memory(f"Favourites can't be saved: no data folder ({error}).")
    return Store.open(path)
