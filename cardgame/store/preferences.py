"""What a player chose last time, as one typed record (``Preferences``) kept in the settings table.

Older files kept three loose JSON settings: ``last_table`` (a dict of the setup form),
``bell`` and ``theme``. Migration 3 folds them into the ``preferences`` row, keeping every
value a player saved (old option names are read in their new names). Those keys are the
record's now: ``get_setting``/``set_setting`` refuse them.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

PREFERENCES_KEY = "preferences"
LAST_TABLE_KEY, BELL_KEY, THEME_KEY = "last_table", "bell", "theme"
LEGACY_KEYS = (LAST_TABLE_KEY, BELL_KEY, THEME_KEY)
_SCALAR = (str, int, float, bool, type(None))


# The setup form's old names for its options (before one declaration, ``TABLE_OPTIONS`` in
# ``cardgame.engine.settings``), each with the way its old value reads in the new name.
OLD_OPTION_NAMES: dict[str, tuple[str, Callable[[Any], Any]]] = {
    "audience": ("audience", lambda value: value or "everyone"),
    "rounds": ("length", lambda value: "all" if value in (0, None) else str(value)),
    "turn": ("turn_seconds", lambda value: value),
    "passes": ("passes", lambda value: None if value == -1 else value),
    "reflect_time": ("reflect_seconds", lambda value: value),
    "fresh_first": ("unseen_first", lambda value: value),
}
_LISTS = ("players", "decks", "children")


@dataclass(frozen=True)
class TableChoice:
    """The table set last time: players, children, deck picks and each option by its name.

    ``options`` maps a ``TABLE_OPTIONS`` name (``depth``, ``length``, ``turn_seconds``...) to
    the value chosen; setup checks each against what it offers, so an odd value from an older
    version is simply not restored. Deck picks are kept whatever the audience filter showed.
    """

    players: tuple[str, ...] = ()
    decks: tuple[str, ...] = ()
    options: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))
    children: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        for name in _LISTS:
            object.__setattr__(self, name, tuple(str(item) for item in getattr(self, name)))
        object.__setattr__(self, "options", MappingProxyType(dict(self.options)))

    def option(self, name: str, default: Any = None) -> Any:
        return self.options.get(name, default)

    def to_json(self) -> dict[str, Any]:
        return {**self.options, **{name: list(getattr(self, name)) for name in _LISTS}}

    @classmethod
    def from_json(cls, data: object) -> TableChoice:
        """Whatever was stored, read tolerantly: old option names are translated, anything
        malformed is left out, nothing raises."""
        if not isinstance(data, Mapping):
            return cls()
        options: dict[str, Any] = {}
        for key, value in data.items():
            if key in _LISTS or not isinstance(value, _SCALAR):
                continue
            name, convert = OLD_OPTION_NAMES.get(str(key), (str(key), lambda same: same))
            if name in options and name != key:
                continue  # the new name, if also present, wins over the old one
            options[name] = convert(value)
        lists = {name: _strings(data.get(name)) for name in _LISTS}
        return cls(options=options, **lists)


@dataclass(frozen=True)
class Preferences:
    """Everything remembered between runs. ``theme`` "" means the app's own default."""

    last_table: TableChoice = field(default_factory=TableChoice)
    bell: bool = True
    theme: str = ""

    def to_json(self) -> dict[str, Any]:
        return {"last_table": self.last_table.to_json(), "bell": self.bell, "theme": self.theme}

    @classmethod
    def from_json(cls, data: object) -> Preferences:
        if not isinstance(data, Mapping):
            return cls()
        bell = data.get("bell")
        theme = data.get("theme")
        return cls(
            last_table=TableChoice.from_json(data.get("last_table")),
            bell=bell if isinstance(bell, bool) else True,
            theme=theme if isinstance(theme, str) else "",
        )


def _strings(value: object) -> tuple[str, ...]:
    """A stored list of names; one newline-joined string (as setup once kept children) too."""
    if isinstance(value, str):
        return tuple(line for line in value.split("\n") if line)
    return tuple(str(item) for item in value) if isinstance(value, list | tuple) else ()


def _json_or_none(text: object) -> Any:
    try:
        return json.loads(text) if isinstance(text, str) else None
    except ValueError:
        return None


def preferences_key(scope: str = "") -> str:
    """Where a scope's preferences live: one record per served table, say ("" is the game's)."""
    return f"{PREFERENCES_KEY}@{scope}" if scope else PREFERENCES_KEY


def read_preferences(conn: sqlite3.Connection, scope: str = "") -> Preferences:
    key = preferences_key(scope)
    row = conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
    return Preferences.from_json(_json_or_none(row[0]) if row else None)


def write_preferences(conn: sqlite3.Connection, preferences: Preferences, scope: str = "") -> None:
    encoded = json.dumps(preferences.to_json(), ensure_ascii=False, sort_keys=True)
    conn.execute(
        "INSERT INTO settings (key, value) VALUES (?, ?)"
        " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (preferences_key(scope), encoded),
    )


def migrate_legacy_settings(conn: sqlite3.Connection) -> None:
    """Schema step 3: fold ``last_table``, ``bell`` and ``theme`` into one preferences row."""
    marks = ", ".join("?" * len(LEGACY_KEYS))
    old = {
        key: _json_or_none(value)
        for key, value in conn.execute(
            f"SELECT key, value FROM settings WHERE key IN ({marks})", LEGACY_KEYS
        )
    }
    if not old:
        return
    table = old.get(LAST_TABLE_KEY)
    bell = old.get(BELL_KEY)
    if not isinstance(bell, bool):  # the table's own bell choice, as setup saved it
        bell = table.get("bell") if isinstance(table, Mapping) else None
    migrated = {"last_table": table, "bell": bell, "theme": old.get(THEME_KEY)}
    write_preferences(conn, Preferences.from_json(migrated))
    conn.execute(f"DELETE FROM settings WHERE key IN ({marks})", LEGACY_KEYS)
