"""Which tables' "last seen" summaries are kept, how each is stored, building and dropping them.

A kept table's summary (see ``seen``) is one ``table_seen`` row per deck it has seen: the ids
of the deck's cards it has seen, packed into one string (``pack_ids``), and when it last saw
each, as little-endian float64s in one blob, in the same order. A game start reads a row per
deck in play and decodes it with ``str.split`` and ``array`` (C speed) instead of a row per card,
and builds no object per card but the dict the dealer looks cards up in. A deal rewrites its
deck's row for each kept table sharing a player with its game: a small row (the cards of that
one deck the table has seen), on the store's writer thread.

Plain SQL on a connection inside a write transaction: the schema's migration uses it too.
"""

from __future__ import annotations

import json
import sqlite3
import sys
from array import array
from collections.abc import Iterable, Sequence
from itertools import chain, groupby
from operator import itemgetter

TABLES_KEPT = 8  # tables whose summary is kept (the most recent to start a game)
SEPARATORS = "\n\x1f\x1e\x1d\x1c"  # tried in turn: the first that no card id contains
DAMAGED = (TypeError, ValueError, IndexError)  # what decoding a damaged row raises
_SWAP = sys.byteorder != "little"  # times are stored little-endian whatever the machine

Times = array  # array("d"): epoch seconds

# The kept tables that share a player with game ?.
KEPT_TABLES_OF_GAME = """SELECT DISTINCT kept.table_id FROM game_players AS game
    JOIN seen_table_players AS kept ON kept.player_key = game.player_key
    WHERE game.game_id = ?"""
_WRITE = """INSERT INTO table_seen (table_id, deck_id, cards, times) VALUES (?, ?, ?, ?)
    ON CONFLICT (table_id, deck_id) DO UPDATE SET cards = excluded.cards, times = excluded.times"""


def marks(values: Sequence[object]) -> str:
    return ", ".join("?" * len(values))


# ---------------------------------------------------------------- one deck's row


def pack_ids(ids: Sequence[str]) -> str:
    """``ids`` as one string: a separator that no id contains, then the ids joined by it.

    Card ids from decks never hold a newline, but the store keeps whatever it is given, so the
    separator is chosen per row and stored as its first character ("" for no ids)."""
    if not ids:
        return ""
    joined = "".join(ids)
    candidates = chain(SEPARATORS, map(chr, range(0xE000, 0x110000)))
    separator = next(char for char in candidates if char not in joined)
    return separator + separator.join(ids)


def pack_times(times: Times) -> bytes:
    if _SWAP:  # pragma: no cover - big-endian machines
        times = array("d", times)
        times.byteswap()
    return times.tobytes()


def unpack(cards: str, times: bytes) -> tuple[list[str], Times]:
    """A ``table_seen`` row's ids and times; raises one of ``DAMAGED`` if it is damaged."""
    ids = cards[1:].split(cards[0]) if cards else []
    when = array("d")
    when.frombytes(times)
    if _SWAP:  # pragma: no cover - big-endian machines
        when.byteswap()
    if len(ids) != len(when):
        raise ValueError("a last-seen summary whose ids and times differ in number")
    return ids, when


def write_decks(
    conn: sqlite3.Connection, table_id: int, rows: Iterable[tuple[str, str, float]]
) -> None:
    """Write ``table_id``'s rows from ``(deck_id, card_id, at)`` rows grouped by deck."""
    conn.executemany(
        _WRITE,
        (
            (table_id, deck_id, pack_ids(ids), pack_times(array("d", times)))
            for deck_id, group in groupby(rows, key=itemgetter(0))
            for _, ids, times in [zip(*group, strict=True)]
        ),
    )


def _merged(table_players: str) -> str:
    """The latest time each card was seen by any of the players named by ``table_players``."""
    return (
        "SELECT deck_id, card_id, CAST(MAX(at) AS REAL) FROM card_last_seen"
        f" WHERE player_key IN ({table_players}) {{where}} GROUP BY deck_id, card_id"
        " ORDER BY deck_id, card_id"
    )


def _rebuild_deck(conn: sqlite3.Connection, table_id: int, deck_id: str) -> tuple[list[str], Times]:
    """A damaged row, built again from the players' summaries (what it summarises)."""
    sql = _merged("SELECT player_key FROM seen_table_players WHERE table_id = ?")
    rows = conn.execute(sql.format(where="AND deck_id = ?"), (table_id, deck_id)).fetchall()
    return [row[1] for row in rows], array("d", [row[2] for row in rows])


def seen_by_kept_tables(
    conn: sqlite3.Connection, game_id: int, deck_id: str, card_id: str, at: float
) -> None:
    """Every kept table sharing a player with game ``game_id`` has now seen the card at ``at``.

    Call after the players' own summaries (``card_last_seen``) took the deal."""
    tables = conn.execute(KEPT_TABLES_OF_GAME, (game_id,)).fetchall()
    for (table_id,) in tables:
        row = conn.execute(
            "SELECT cards, times FROM table_seen WHERE table_id = ? AND deck_id = ?",
            (table_id, deck_id),
        ).fetchone()
        changed = row is None
        try:
            ids, times = unpack(*row) if row is not None else ([], array("d"))
        except DAMAGED:
            ids, times = _rebuild_deck(conn, table_id, deck_id)
            changed = True
        try:
            index = ids.index(card_id)
        except ValueError:
            ids.append(card_id)
            times.append(at)
            changed = True
        else:
            if times[index] < at:
                times[index] = at
                changed = True
        if changed:
            conn.execute(_WRITE, (table_id, deck_id, pack_ids(ids), pack_times(times)))


# ---------------------------------------------------------------- which tables are kept


def kept_table(conn: sqlite3.Connection, keys: list[str]) -> int | None:
    row = conn.execute(
        "SELECT id FROM seen_tables WHERE players = ?", (json.dumps(keys),)
    ).fetchone()
    return None if row is None else int(row[0])


def latest_table(conn: sqlite3.Connection) -> list[str]:
    """The kept table that started a game last (none: an empty list)."""
    row = conn.execute("SELECT players FROM seen_tables ORDER BY used_at DESC, id DESC").fetchone()
    return [] if row is None else [str(key) for key in json.loads(row[0])]


def merged_rows(
    conn: sqlite3.Connection, keys: list[str], where: str = "", values: Sequence[object] = ()
) -> list[tuple[str, str, float]]:
    """``(deck_id, card_id, at)``: the latest time any of ``keys`` saw each card, by deck."""
    sql = _merged(marks(keys)).format(where=where)
    return conn.execute(sql, [*keys, *values]).fetchall()


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
    write_decks(conn, table_id, merged_rows(conn, keys))
    dropped = [
        row[0]
        for row in conn.execute(
            "SELECT id FROM seen_tables ORDER BY used_at DESC, id DESC LIMIT -1 OFFSET ?",
            (TABLES_KEPT,),
        )
    ]
    for old in dropped:
        for table in ("table_seen", "seen_table_players"):
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


def pack_kept_tables(conn: sqlite3.Connection) -> None:
    """Migration to schema 6: schema 4's summaries (a row per card) become a row per deck; a
    file without any (older than 4) has the tables of its latest games summarised."""
    if conn.execute("SELECT 1 FROM seen_tables LIMIT 1").fetchone() is None:
        keep_recent_tables(conn)
        return
    rows = conn.execute(
        "SELECT table_id, deck_id, card_id, CAST(at AS REAL) FROM table_last_seen"
        " ORDER BY table_id, deck_id, card_id"
    ).fetchall()
    for table_id, group in groupby(rows, key=itemgetter(0)):
        write_decks(conn, table_id, (row[1:] for row in group))
