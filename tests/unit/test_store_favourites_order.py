"""The favourites list is read along an index in its own order (schema 5, issue 13)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from helpers.profiles import examples
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import cardgame.store.schema as store_schema
from cardgame.store import MIGRATIONS, SCHEMA_VERSION, Favourite, Store
from cardgame.store.favourites import _SELECT

NAMES = st.sampled_from(["Alpha", "alpha", "Beta", "beta", "Émile", "émile", "Zed", "_x", ""])
FAVOURITES = st.lists(
    st.tuples(NAMES, st.integers(0, 3), st.sampled_from(["d", "e"]), st.integers(0, 9)),
    unique_by=lambda row: (row[2], row[3]),
    max_size=25,
)


@settings(max_examples=examples(60), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(FAVOURITES, st.integers(0, 30))
def test_the_list_and_its_first_rows_come_in_the_order_it_is_shown(rows, limit):
    """By deck name (case ignored the SQLite way, then exactly), then time added, then key:
    the index gives the order the sort gave (``NOT INDEXED`` below), and a first screenful is
    its beginning."""
    store = Store.memory()
    for name, added, deck_id, card in rows:
        store.put_favourite(Favourite(deck_id, f"c{card}", "Q?", 1, "question", name, added))
    everything = store.favourites()
    expected = [
        Favourite(*row)
        for row in store._conn.execute(
            "SELECT deck_id, card_id, text, level, kind, deck_name, added_at FROM favourites"
            " NOT INDEXED ORDER BY deck_name COLLATE NOCASE, deck_name, added_at, deck_id, card_id"
        )
    ]
    assert everything == expected
    assert store.favourites(limit) == everything[:limit]
    assert store.favourite_count() == len(everything)
    store.close()


def test_the_list_is_read_along_its_index_without_a_sort():
    store = Store.memory()
    plan = " ".join(
        str(row[-1]) for row in store._conn.execute(f"EXPLAIN QUERY PLAN {_SELECT} LIMIT 5")
    ).upper()
    assert "FAVOURITES_IN_ORDER" in plan and "TEMP B-TREE" not in plan
    store.close()


def test_a_version_4_file_gets_the_index_and_keeps_its_favourites(tmp_path: Path):
    path = tmp_path / "v4.sqlite3"
    conn = sqlite3.connect(path, isolation_level=None)
    for steps in MIGRATIONS[:4]:
        for step in steps:
            store_schema.apply_step(conn, step)
    conn.execute("PRAGMA user_version = 4")
    conn.execute("INSERT INTO favourites VALUES ('d', 'c', 'Kept', 2, 'question', 'D', 5.0)")
    conn.close()
    with Store.open(path) as opened:
        assert opened.can_save and opened.notice is None
        assert opened.favourites() == [Favourite("d", "c", "Kept", 2, "question", "D", 5.0)]
        names = {row[0] for row in opened._conn.execute("SELECT name FROM sqlite_master")}
        assert "favourites_in_order" in names
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    conn.close()
