"""Settings: the typed ``Preferences`` record, and plain JSON values by key."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from .core import StoreCore, storable
from .preferences import (
    LEGACY_KEYS,
    PREFERENCES_KEY,
    Preferences,
    read_preferences,
    write_preferences,
)


class SettingsTable(StoreCore):
    """The store's settings: ``preferences()`` for what the game remembers."""

    def preferences(self, scope: str = "") -> Preferences:
        """What is remembered (for ``scope``: each served table keeps its own)."""
        return self._read(lambda conn: read_preferences(conn, storable(scope)), Preferences())

    def save_preferences(self, preferences: Preferences, scope: str = "") -> bool:
        """Keep ``preferences``; True once on disk."""
        scope = storable(scope)
        return self._write(lambda conn: write_preferences(conn, preferences, scope))[0]

    def get_setting(self, key: str, default: Any = None) -> Any:
        _plain(key)

        def query(conn: sqlite3.Connection) -> Any:
            row = conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
            if row is None:
                return default
            try:
                return json.loads(row[0])
            except ValueError:
                return default

        return self._read(query, default)

    def set_setting(self, key: str, value: Any) -> None:
        """Store ``value`` as JSON (a TypeError for values JSON cannot hold)."""
        _plain(key)
        encoded = storable(json.dumps(value, ensure_ascii=False))

        def upsert(conn: sqlite3.Connection) -> None:
            conn.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?)"
                " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (key, encoded),
            )

        self._write(upsert)


def _plain(key: str) -> None:
    """Refuse the keys the ``Preferences`` record owns: they are read and written typed."""
    if key in LEGACY_KEYS or key.partition("@")[0] == PREFERENCES_KEY:
        raise ValueError(f"{key!r} is kept in Preferences: use preferences()/save_preferences()")
