"""The store's schema and its migrations: ``PRAGMA user_version`` counts the steps applied.

Each entry of ``MIGRATIONS`` moves the schema from version ``index`` to ``index + 1``; only ever
append (a step may move to a later one when every older file still ends the same: step 4's
summaries are built by step 6, in the form that step keeps). A step is an SQL statement, or a
function given the connection for what SQL alone cannot do safely (reading old JSON settings).
All pending steps run in one transaction, so a half-migrated file never exists.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from .preferences import migrate_legacy_settings
from .seen_tables import pack_kept_tables

Step = str | Callable[[sqlite3.Connection], None]


class NewerSchema(Exception):
    """The file was written by a newer cardgame whose schema this one does not know."""

    def __init__(self, version: int) -> None:
        super().__init__(version)
        self.version = version


def player_key(name: str) -> str:
    """How player names are compared across games: trimmed, spaces collapsed, case folded."""
    return " ".join(name.split()).casefold()


MIGRATIONS: tuple[tuple[Step, ...], ...] = (
    (  # 1: favourites and settings
        """CREATE TABLE favourites (
            deck_id TEXT NOT NULL,
            card_id TEXT NOT NULL,
            text TEXT NOT NULL,
            level INTEGER NOT NULL,
            kind TEXT NOT NULL,
            deck_name TEXT NOT NULL,
            added_at REAL NOT NULL,
            PRIMARY KEY (deck_id, card_id)
        )""",
        """CREATE TABLE settings (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        )""",
    ),
    (  # 2: game history
        """CREATE TABLE games (
            id INTEGER PRIMARY KEY,
            players TEXT NOT NULL,
            settings TEXT NOT NULL,
            started_at REAL NOT NULL,
            ended_at REAL
        )""",
        """CREATE TABLE game_players (
            player_key TEXT NOT NULL,
            game_id INTEGER NOT NULL,
            PRIMARY KEY (player_key, game_id)
        )""",
        """CREATE TABLE deals (
            id INTEGER PRIMARY KEY,
            game_id INTEGER NOT NULL,
            deck_id TEXT NOT NULL,
            card_id TEXT NOT NULL,
            player TEXT NOT NULL,
            outcome TEXT NOT NULL,
            seconds REAL NOT NULL,
            at REAL NOT NULL
        )""",
        "CREATE INDEX deals_by_game ON deals (game_id)",
        """CREATE TABLE reflections (
            id INTEGER PRIMARY KEY,
            game_id INTEGER NOT NULL,
            deck_id TEXT NOT NULL,
            card_id TEXT NOT NULL,
            speaker TEXT NOT NULL,
            listener TEXT NOT NULL,
            attempts INTEGER NOT NULL,
            outcome TEXT NOT NULL,
            at REAL NOT NULL
        )""",
        "CREATE INDEX reflections_by_game ON reflections (game_id)",
    ),
    (  # 3: kept as deals are written: last seen by each player, game counts; preferences
        """CREATE TABLE card_last_seen (
            player_key TEXT NOT NULL,
            deck_id TEXT NOT NULL,
            card_id TEXT NOT NULL,
            at REAL NOT NULL,
            PRIMARY KEY (player_key, deck_id, card_id)
        ) WITHOUT ROWID""",
        """INSERT INTO card_last_seen (player_key, deck_id, card_id, at)
            SELECT p.player_key, d.deck_id, d.card_id, MAX(d.at)
            FROM deals d JOIN game_players p ON p.game_id = d.game_id
            GROUP BY p.player_key, d.deck_id, d.card_id""",
        "ALTER TABLE games ADD COLUMN end_reason TEXT",
        "ALTER TABLE games ADD COLUMN answered INTEGER NOT NULL DEFAULT 0",
        "ALTER TABLE games ADD COLUMN passed INTEGER NOT NULL DEFAULT 0",
        "ALTER TABLE games ADD COLUMN reflections INTEGER NOT NULL DEFAULT 0",
        """UPDATE games SET
            answered = (SELECT COUNT(*) FROM deals d
                WHERE d.game_id = games.id AND d.outcome = 'answered'),
            passed = (SELECT COUNT(*) FROM deals d
                WHERE d.game_id = games.id AND d.outcome = 'passed'),
            reflections = (SELECT COUNT(*) FROM reflections r WHERE r.game_id = games.id)""",
        migrate_legacy_settings,
    ),
    (  # 4: "last seen" kept per table too, for the tables that played last (see ``seen``); a row
        # per card (step 6 packs them, and summarises the latest tables of a file older than 4)
        """CREATE TABLE seen_tables (
            id INTEGER PRIMARY KEY,
            players TEXT NOT NULL UNIQUE,
            used_at REAL NOT NULL
        )""",
        """CREATE TABLE seen_table_players (
            player_key TEXT NOT NULL,
            table_id INTEGER NOT NULL,
            PRIMARY KEY (player_key, table_id)
        ) WITHOUT ROWID""",
        """CREATE TABLE table_last_seen (
            table_id INTEGER NOT NULL,
            deck_id TEXT NOT NULL,
            card_id TEXT NOT NULL,
            at REAL NOT NULL,
            PRIMARY KEY (table_id, deck_id, card_id)
        ) WITHOUT ROWID""",
    ),
    (  # 5: favourites in the order they are listed, so the list is read without a sort
        """CREATE INDEX favourites_in_order ON favourites
            (deck_name COLLATE NOCASE, deck_name, added_at, deck_id, card_id)""",
    ),
    (  # 6: a kept table's summary as one packed row per deck, read at C speed (``seen_tables``)
        """CREATE TABLE table_seen (
            table_id INTEGER NOT NULL,
            deck_id TEXT NOT NULL,
            cards TEXT NOT NULL,
            times BLOB NOT NULL,
            PRIMARY KEY (table_id, deck_id)
        )""",
        pack_kept_tables,
        "DROP TABLE table_last_seen",
    ),
)
SCHEMA_VERSION = len(MIGRATIONS)


def apply_step(conn: sqlite3.Connection, step: Step) -> None:
    if callable(step):
        step(conn)
    else:
        conn.execute(step)


def user_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: sqlite3.Connection) -> int:
    """Bring the schema up to ``SCHEMA_VERSION`` in one transaction; return the version found.

    ``conn`` must be in autocommit mode (``isolation_level=None``). Raises ``NewerSchema`` when
    the file is newer than this code, leaving it untouched.
    """
    current = user_version(conn)
    if current == SCHEMA_VERSION:
        return SCHEMA_VERSION
    if current > SCHEMA_VERSION:
        raise NewerSchema(current)
    conn.execute("BEGIN IMMEDIATE")
    try:
        found = user_version(conn)  # again, now we hold the lock
        if found > SCHEMA_VERSION:
            raise NewerSchema(found)
        for steps in MIGRATIONS[found:]:
            for step in steps:
                apply_step(conn, step)
        if found != SCHEMA_VERSION:
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION:d}")
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    return found
