"""Which tables' "last seen" summaries are kept, and building and dropping them (see ``seen``).

Plain SQL on a connection inside a write transaction: the schema's migration uses it too.
"""

from __future__ import annotations

import json
import sqlite3

TABLES_KEPT = 8  # tables whose summary is kept (the most recent to start a game)

# Every kept table sharing a player with game ? has now seen the card.
SEEN_BY_KEPT_TABLES = """INSERT INTO table_last_seen (table_id, deck_id, card_id, at)
    SELECT DISTINCT kept.table_id, ?, ?, ? FROM game_players AS game
    JOIN seen_table_players AS kept ON kept.player_key = game.player_key
    WHERE game.game_id = ?
    ON CONFLICT (table_id, deck_id, card_id) DO UPDATE SET at = MAX(at, excluded.at)"""


def marks(values: list[str]) -> str:
    return ", ".join("?" * len(values))


def kept_table(conn: sqlite3.Connection, keys: list[str]) -> int | None:
    row = conn.execute(
        "SELECT id FROM seen_tables WHERE players = ?", (json.dumps(keys),)
    ).fetchone()
    return None if row is None else int(row[0])


def latest_table(conn: sqlite3.Connection) -> list[str]:
    """The kept table that started a game last (none: an empty list)."""
    row = conn.execute("SELECT players FROM seen_tables ORDER BY used_at DESC, id DESC").fetchone()
    return [] if row is None else [str(key) for key in json.loads(row[0])]


def keep_table(conn: sqlite3.Connection, keys: list[str], now: float) -> int | None:
    """Keep ``keys``' summary from now on (built from ``card_last_seen`` if it is new); drop
    the summaries of the tables that have not started a game for longest, past ``TABLES_KEPT``.
    Call inside a write transaction."""
    if not keys:
        return None
    table_id = kept_table(conn, keys)
    if table_id is not None:
        conn.execute("UPDATE seen_tables SET used_at = ? WHERE id = ?", (now, table_id))
        return table_id
    cursor = conn.execute(
        "INSERT INTO seen_tables (players, used_at) VALUES (?, ?)", (json.dumps(keys), now)
    )
    table_id = int(cursor.lastrowid or 0)
    conn.executemany(
        "INSERT INTO seen_table_players (player_key, table_id) VALUES (?, ?)",
        [(key, table_id) for key in keys],
    )
    conn.execute(
        "INSERT INTO table_last_seen (table_id, deck_id, card_id, at)"
        " SELECT ?, deck_id, card_id, MAX(at) FROM card_last_seen"
        f" WHERE player_key IN ({marks(keys)}) GROUP BY deck_id, card_id",
        [table_id, *keys],
    )
    dropped = [
        row[0]
        for row in conn.execute(
            "SELECT id FROM seen_tables ORDER BY used_at DESC, id DESC LIMIT -1 OFFSET ?",
            (TABLES_KEPT,),
        )
    ]
    for old in dropped:
        for table in ("table_last_seen", "seen_table_players"):
            conn.execute(f"DELETE FROM {table} WHERE table_id = ?", (old,))
        conn.execute("DELETE FROM seen_tables WHERE id = ?", (old,))
    return table_id


def keep_recent_tables(conn: sqlite3.Connection, count: int = TABLES_KEPT // 2) -> None:
    """Migration: summarise the tables of the latest games, so they start fast at once."""
    tables: list[list[str]] = []
    for game_id, started_at in conn.execute(
        "SELECT id, started_at FROM games ORDER BY started_at DESC, id DESC LIMIT 200"
    ).fetchall():
        keys = sorted(
            row[0]
            for row in conn.execute(
                "SELECT player_key FROM game_players WHERE game_id = ?", (game_id,)
            )
        )
        if keys and keys not in tables:
            tables.append(keys)
            keep_table(conn, keys, started_at)
        if len(tables) >= count:
            return
