"""The SQLite store (favourites, settings, history); its commands are tested in test_cli_*."""

from __future__ import annotations

import itertools
import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from helpers.profiles import examples
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import cardgame.paths
import cardgame.store.core as store_core
import cardgame.store.opening as store_opening
import cardgame.store.schema as store_schema
from cardgame.decks import Kind, Wildcard
from cardgame.decks.model import Card
from cardgame.store import (
    BUSY_TIMEOUT_MS,
    MIGRATIONS,
    SCHEMA_VERSION,
    Favourite,
    GameSummaryRow,
    Store,
    migrate,
    open_store,
)

ROOT = Path(__file__).resolve().parents[2]
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def card(deck_id: str = "deck", card_id: str = "c1", text: str = "What made you smile?", **kw):
    return Card(deck_id, card_id, text, **kw)


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch):
    """A clock that moves one second each time the store reads it."""
    ticks = itertools.count(1_700_000_000)
    monkeypatch.setattr(store_core, "_now", lambda: float(next(ticks)))


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "data" / "cardgame.sqlite3"


@pytest.fixture
def store(db: Path):
    opened = Store.open(db)
    yield opened
    opened.close()


def _pragma(path: Path, name: str):
    conn = sqlite3.connect(path)
    try:
        return conn.execute(f"PRAGMA {name}").fetchone()[0]
    finally:
        conn.close()


# ---------------------------------------------------------------- opening and settings


def test_open_creates_a_wal_file_with_full_sync_and_current_schema(store: Store, db: Path):
    assert store.can_save and store.notice is None and store.path == db
    assert db.is_file()
    conn = store._conn
    assert conn is not None
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    # Short, so a read never waits long behind a lock; locked writes are retried (test_store_lock).
    assert conn.execute("PRAGMA busy_timeout").fetchone()[0] == BUSY_TIMEOUT_MS <= 50
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == len(MIGRATIONS)
    assert _pragma(db, "journal_mode") == "wal"  # persistent, seen by other connections


def test_open_store_defaults_to_the_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("CARDGAME_DATA_DIR", str(tmp_path / "where"))
    with open_store() as opened:
        assert opened.path == tmp_path / "where" / "cardgame.sqlite3"
        assert opened.can_save
    with open_store(tmp_path / "x.sqlite3") as other:
        assert other.path == tmp_path / "x.sqlite3"


def test_reopening_keeps_everything(db: Path):
    with Store.open(db) as first:
        assert first.add_favourite(card(), "Deck")
        first.set_setting("timer", 90)
        game = first.start_game(["Ana"], {})
        first.record_deal(game, "deck", "c1", "Ana", "answered", 4.0)
    with Store.open(db) as second:
        assert second.notice is None
        assert second.is_favourite("deck", "c1")
        assert second.get_setting("timer") == 90
        assert second.games()[0].cards_answered == 1


def test_settings_round_trip_json_values(store: Store, db: Path):
    assert store.get_setting("missing") is None
    assert store.get_setting("missing", "fallback") == "fallback"
    value = {"players": ["Ana", "Bo"], "timer": 60, "sound": False, "ratio": 0.5, "none": None}
    store.set_setting("game", value)
    assert store.get_setting("game") == value
    store.set_setting("game", [1, 2])
    assert store.get_setting("game") == [1, 2]
    store.set_setting("nothing", None)
    assert store.get_setting("nothing", "fallback") is None  # a stored null is a value
    with pytest.raises(TypeError):
        store.set_setting("bad", object())


def test_a_setting_that_is_not_json_reads_as_default(store: Store):
    store._conn.execute("INSERT INTO settings (key, value) VALUES ('odd', '{not json')")
    assert store.get_setting("odd", 7) == 7


def test_close_is_idempotent_and_later_calls_are_harmless(store: Store):
    store.close()
    store.close()
    assert store.add_favourite(card(), "Deck") is False
    assert store.remove_favourite("deck", "c1") is False
    assert store.is_favourite("deck", "c1") is False
    assert store.favourites() == [] and store.favourite_keys() == set()
    assert store.start_game(["A"], {}) is None
    store.record_deal(1, "d", "c", "A", "answered", 1.0)
    store.finish_game(1)
    assert store.games() == [] and store.last_seen(["A"]) == {}
    assert store.get_setting("x", 3) == 3
    store.set_setting("x", 1)


def test_store_modules_do_not_import_textual():
    code = (
        "import sys, cardgame.store\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')]\n"
        "assert not bad, bad\n"
    )
    path = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
    env = {**os.environ, "PYTHONPATH": path}
    subprocess.run([sys.executable, "-c", code], check=True, env=env, timeout=60)


# ---------------------------------------------------------------- favourites


def test_add_is_favourite_keys_remove(store: Store):
    assert not store.is_favourite("deck", "c1")
    assert store.add_favourite(card(), "Deck") is True
    assert store.is_favourite("deck", "c1")
    assert not store.is_favourite("deck", "c2")
    assert not store.is_favourite("other", "c1")
    assert store.favourite_keys() == {("deck", "c1")}
    assert store.remove_favourite("deck", "c1") is True
    assert not store.is_favourite("deck", "c1")
    assert store.favourite_keys() == set()
    assert store.remove_favourite("deck", "c1") is True  # removing what is gone is fine


def test_adding_twice_is_idempotent_and_keeps_the_first_copy(store: Store, clock):
    assert store.add_favourite(card(text="First wording"), "Deck")
    assert store.add_favourite(card(text="Second wording"), "Deck renamed")
    [only] = store.favourites()
    assert only.text == "First wording" and only.deck_name == "Deck"
    assert only.added_at == 1_700_000_000.0


def test_favourite_keeps_a_copy_of_the_card(store: Store, db: Path, clock):
    wild = card("party", "w1", 'Everyone: "quotes", ünïcödé ✨\nand a newline', level=3)
    wild = Card(wild.deck_id, wild.id, wild.text, 3, Kind.WILDCARD, wildcard=Wildcard.EVERYONE)
    store.add_favourite(wild, "Party Deck")
    store.close()
    # The deck can change or vanish: the favourite needs nothing but the store.
    with Store.open(db) as again:
        [favourite] = again.favourites()
    assert favourite == Favourite(
        deck_id="party",
        card_id="w1",
        text=wild.text,
        level=3,
        kind="wildcard",
        deck_name="Party Deck",
        added_at=1_700_000_000.0,
    )
    assert type(favourite.kind) is str


def test_favourites_are_ordered_by_deck_name_then_added_at(store: Store, clock):
    store.add_favourite(card("zeta", "z2"), "Zeta")
    store.add_favourite(card("alpha", "a2"), "Alpha")
    store.add_favourite(card("zeta", "z1"), "Zeta")
    store.add_favourite(card("alpha", "a1"), "Alpha")
    order = [(f.deck_name, f.card_id) for f in store.favourites()]
    assert order == [("Alpha", "a2"), ("Alpha", "a1"), ("Zeta", "z2"), ("Zeta", "z1")]
    assert all(isinstance(f, Favourite) for f in store.favourites())


def test_two_stores_on_one_file_see_each_other(db: Path):
    with Store.open(db) as one, Store.open(db) as two:
        assert one.add_favourite(card(card_id="from-one"), "Deck")
        assert two.add_favourite(card(card_id="from-two"), "Deck")
        assert (
            one.favourite_keys()
            == two.favourite_keys()
            == {
                ("deck", "from-one"),
                ("deck", "from-two"),
            }
        )
        assert two.remove_favourite("deck", "from-one")
        assert not one.is_favourite("deck", "from-one")


OPS = st.lists(
    st.tuples(st.booleans(), st.sampled_from(["a", "b"]), st.sampled_from(["1", "2", "3"])),
    max_size=25,
)


@settings(max_examples=examples(40), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(OPS)
def test_favourites_match_a_model_set(ops):
    store = Store.memory()
    model: set[tuple[str, str]] = set()
    for add, deck_id, card_id in ops:
        if add:
            store.add_favourite(card(deck_id, card_id), deck_id.upper())
            model.add((deck_id, card_id))
        else:
            store.remove_favourite(deck_id, card_id)
            model.discard((deck_id, card_id))
        assert store.is_favourite(deck_id, card_id) == add
    assert store.favourite_keys() == model
    assert {(f.deck_id, f.card_id) for f in store.favourites()} == model


# ---------------------------------------------------------------- history


def test_game_history_counts_and_order(store: Store, clock):
    first = store.start_game(["Ana", "Bo"], {"timer": 60, "decks": ["a"]})
    assert isinstance(first, int)
    store.record_deal(first, "a", "c1", "Ana", "answered", 12.5)
    store.record_deal(first, "a", "c2", "Bo", "passed", 3.0)
    store.record_deal(first, "a", "c3", "Ana", "answered", 8.0)
    store.record_reflection(first, "a", "c1", "Ana", "Bo", 2, "partly")
    store.finish_game(first)
    second = store.start_game(["Cy"], {})
    assert second != first
    store.record_deal(second, "a", "c4", "Cy", "passed", 1.0)
    games = store.games()
    assert [g.game_id for g in games] == [second, first]  # newest first
    newest, oldest = games
    assert oldest == GameSummaryRow(
        game_id=first,
        players=["Ana", "Bo"],
        settings={"timer": 60, "decks": ["a"]},
        started_at=1_700_000_000.0,
        ended_at=oldest.ended_at,
        cards_answered=2,
        cards_passed=1,
        reflections=1,
        finished=True,
    )
    assert oldest.ended_at is not None and oldest.ended_at > oldest.started_at
    assert newest.ended_at is None and newest.cards_answered == 0 and newest.reflections == 0
    assert not newest.finished


def test_a_game_that_dealt_nothing_is_not_listed(store: Store):
    """Issue 11 item 19: a game that dealt no card is not history."""
    empty = store.start_game(["Ana", "Bo"], {})
    store.finish_game(empty)
    played = store.start_game(["Ana", "Bo"], {})
    store.record_deal(played, "d", "c1", "Ana", "passed", 1.0)
    assert [row.game_id for row in store.games()] == [played]


def test_a_game_left_before_its_end_is_marked_unfinished(store: Store):
    """Issue 11 item 19: the row says whether the game was played to its end."""
    left = store.start_game(["Ana", "Bo"], {})
    store.record_deal(left, "d", "c1", "Ana", "answered", 1.0)
    ended = store.start_game(["Ana", "Bo"], {})
    store.record_deal(ended, "d", "c2", "Ana", "answered", 1.0)
    store.finish_game(ended, "rounds")
    finished = {row.game_id: row.finished for row in store.games()}
    assert finished == {left: False, ended: True}
    reason = store._conn.execute("SELECT end_reason FROM games WHERE id = ?", (ended,))
    assert reason.fetchone() == ("rounds",)


def test_history_rows_hold_what_was_recorded(store: Store):
    game = store.start_game(["Ana"], {})
    store.record_deal(game, "a", "c1", "Ana", "passed", 2.25)
    store.record_reflection(game, "a", "c1", "Ana", "Bo", 3, "not_quite")
    deal = store._conn.execute(
        "SELECT game_id, deck_id, card_id, player, outcome, seconds FROM deals"
    ).fetchone()
    assert deal == (game, "a", "c1", "Ana", "passed", 2.25)
    reflection = store._conn.execute(
        "SELECT game_id, deck_id, card_id, speaker, listener, attempts, outcome FROM reflections"
    ).fetchone()
    assert reflection == (game, "a", "c1", "Ana", "Bo", 3, "not_quite")


def test_finish_game_keeps_the_first_end(store: Store, clock):
    game = store.start_game(["A"], {})
    store.record_deal(game, "d", "c", "A", "answered", 1.0)
    store.finish_game(game)
    ended = store.games()[0].ended_at
    store.finish_game(game)
    assert store.games()[0].ended_at == ended


def test_bad_outcomes_are_refused(store: Store):
    game = store.start_game(["A"], {})
    store.record_deal(game, "d", "c", "A", "answered", 1.0)
    with pytest.raises(ValueError):
        store.record_deal(game, "d", "c", "A", "skipped", 1.0)
    with pytest.raises(ValueError):
        store.record_reflection(game, "d", "c", "A", "B", 1, "maybe")
    for outcome in ("yes", "partly", "not_quite", "declined"):
        store.record_reflection(game, "d", "c", "A", "B", 1, outcome)
    assert store.games()[0].reflections == 4


def test_a_game_that_could_not_start_records_nothing(store: Store):
    store.record_deal(None, "d", "c", "A", "answered", 1.0)
    store.record_reflection(None, "d", "c", "A", "B", 1, "yes")
    store.finish_game(None)
    assert store.games() == []


def test_last_seen_is_per_table(store: Store, clock):
    one = store.start_game(["Ana", "Bo"], {})
    store.record_deal(one, "d", "c1", "Ana", "answered", 1.0)  # at ...001
    store.record_deal(one, "d", "c2", "Bo", "passed", 1.0)  # at ...002
    two = store.start_game(["  bo ", "Cy"], {})  # shares Bo (spacing and case differ)
    store.record_deal(two, "d", "c1", "Cy", "answered", 1.0)  # at ...004
    three = store.start_game(["Dee"], {})  # another table entirely
    store.record_deal(three, "d", "c9", "Dee", "answered", 1.0)
    base = 1_700_000_000.0
    assert store.last_seen(["Ana"]) == {("d", "c1"): base + 1, ("d", "c2"): base + 2}
    assert store.last_seen(["BO"]) == {("d", "c1"): base + 4, ("d", "c2"): base + 2}
    assert store.last_seen(["Cy", "Zed"]) == {("d", "c1"): base + 4}
    assert store.last_seen(["Zed"]) == {}
    assert store.last_seen([]) == {}
    assert ("d", "c9") in store.last_seen(["dee"])
    store.record_deal(one, "e", "c1", "Ana", "answered", 1.0)
    assert store.last_seen(["Ana"], ["e"]) == {("e", "c1"): base + 7}
    assert store.last_seen(["Ana"], []) == {}


DEALS = st.lists(
    st.tuples(
        st.integers(0, 3),  # which game
        st.sampled_from(["d", "e"]),
        st.sampled_from(["c1", "c2", "c3"]),
    ),
    max_size=30,
)
TABLES = [["Ana", "Bo"], ["bo", "Cy"], ["Dee", "Eve"], ["ANA", "Eve", "Fay"]]


@settings(max_examples=examples(40), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(DEALS, st.sampled_from([["Ana"], ["Bo"], ["Eve", "Cy"], ["Zed"], ["fay"]]))
def test_last_seen_summary_matches_its_definition(deals, asking):
    """The summary kept as deals are written answers as a scan of every deal would."""
    store = Store.memory()
    game_ids = [store.start_game(players, {}) for players in TABLES]
    for game, deck_id, card_id in deals:
        store.record_deal(game_ids[game], deck_id, card_id, TABLES[game][0], "answered", 1.0)
    asked = {" ".join(name.split()).casefold() for name in asking}
    expected: dict[tuple[str, str], float] = {}
    rows = store._conn.execute("SELECT game_id, deck_id, card_id, at FROM deals ORDER BY id")
    for game_id, deck_id, card_id, at in rows:
        players = {name.casefold() for name in TABLES[game_ids.index(game_id)]}
        if players & asked:
            expected[(deck_id, card_id)] = max(at, expected.get((deck_id, card_id), at))
    assert store.last_seen(asking) == expected
    store.close()


# ---------------------------------------------------------------- migrations


def _make_version(path: Path, version: int) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None)
    for steps in MIGRATIONS[:version]:
        for step in steps:
            store_schema.apply_step(conn, step)
    conn.execute(f"PRAGMA user_version = {version}")
    return conn


def test_an_old_version_file_is_migrated_and_keeps_its_favourites(tmp_path: Path):
    path = tmp_path / "old.sqlite3"
    conn = _make_version(path, 1)
    conn.execute(
        "INSERT INTO favourites VALUES ('d', 'c', 'Old heart', 2, 'question', 'Old Deck', 5.0)"
    )
    conn.execute("INSERT INTO settings VALUES ('timer', '45')")
    conn.close()
    assert _pragma(path, "user_version") == 1
    with Store.open(path) as opened:
        assert opened.notice is None and opened.can_save
        assert opened.favourites() == [
            Favourite("d", "c", "Old heart", 2, "question", "Old Deck", 5.0)
        ]
        assert opened.get_setting("timer") == 45
        game = opened.start_game(["A"], {})
        opened.record_deal(game, "d", "c", "A", "answered", 1.0)
        assert opened.games()[0].cards_answered == 1
    assert _pragma(path, "user_version") == SCHEMA_VERSION


def test_an_empty_file_gets_the_whole_schema(tmp_path: Path):
    path = tmp_path / "empty.sqlite3"
    path.touch()  # zero bytes is a valid, empty SQLite database
    with Store.open(path) as opened:
        assert opened.notice is None and opened.can_save
        assert opened.add_favourite(card(), "Deck")
    assert _pragma(path, "user_version") == SCHEMA_VERSION


def test_migrations_run_in_one_transaction(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    broken = (*MIGRATIONS, ("CREATE TABLE extra (x)", "THIS IS NOT SQL"))
    monkeypatch.setattr(store_schema, "MIGRATIONS", broken)
    monkeypatch.setattr(store_schema, "SCHEMA_VERSION", len(broken))
    conn = sqlite3.connect(tmp_path / "m.sqlite3", isolation_level=None)
    with pytest.raises(sqlite3.OperationalError):
        migrate(conn)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 0
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
    assert tables == set()  # nothing half-done
    assert not conn.in_transaction
    conn.close()


def test_migrations_apply_in_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    extra = (
        *MIGRATIONS,
        ("CREATE TABLE extra (x)",),
        ("INSERT INTO extra VALUES (1)",),  # needs the one before
    )
    monkeypatch.setattr(store_schema, "MIGRATIONS", extra)
    monkeypatch.setattr(store_schema, "SCHEMA_VERSION", len(extra))
    path = tmp_path / "m.sqlite3"
    _make_version(path, len(MIGRATIONS)).close()
    with Store.open(path) as opened:
        assert opened.can_save and opened.notice is None
        assert opened._conn.execute("SELECT x FROM extra").fetchall() == [(1,)]
    assert _pragma(path, "user_version") == len(extra)


def test_a_file_from_a_newer_game_is_left_alone(tmp_path: Path):
    path = tmp_path / "new.sqlite3"
    conn = _make_version(path, SCHEMA_VERSION)
    conn.execute("INSERT INTO favourites VALUES ('d', 'c', 'Kept', 1, 'question', 'D', 1.0)")
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with Store.open(path) as opened:
        assert not opened.can_save
        assert "newer cardgame" in opened.notice
        assert opened.is_favourite("d", "c")  # still shown this session
        assert opened.add_favourite(card(), "Deck") is False
        assert opened.is_favourite("deck", "c1")
    assert _pragma(path, "user_version") == SCHEMA_VERSION + 1
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT COUNT(*) FROM favourites").fetchone()[0] == 1
    conn.close()


# ---------------------------------------------------------------- damaged files


def _siblings(path: Path) -> list[Path]:
    """The moved-aside main files (not their -wal/-shm)."""
    return sorted(
        p
        for p in path.parent.iterdir()
        if p.name.startswith(path.name + ".corrupt-") and not p.name.endswith(("-wal", "-shm"))
    )


def test_a_file_that_is_not_sqlite_is_moved_aside(db: Path):
    db.parent.mkdir(parents=True)
    garbage = b"this is not a database \x00\xff" * 200
    db.write_bytes(garbage)
    with Store.open(db) as opened:
        [moved] = _siblings(db)
        assert re.fullmatch(r"cardgame\.sqlite3\.corrupt-\d{8}-\d{6}", moved.name)
        assert moved.read_bytes() == garbage  # nothing is ever deleted
        assert opened.can_save
        assert str(db) in opened.notice and str(moved) in opened.notice
        assert "damaged" in opened.notice
        assert opened.favourites() == []
        assert opened.add_favourite(card(), "Deck")
    with Store.open(db) as again:
        assert again.notice is None and again.is_favourite("deck", "c1")


def test_wal_and_shm_beside_a_damaged_file_move_with_it(db: Path):
    db.parent.mkdir(parents=True)
    db.write_bytes(b"\x01" * 4096)
    Path(f"{db}-wal").write_bytes(b"old wal")
    Path(f"{db}-shm").write_bytes(b"old shm")
    with Store.open(db) as opened:
        assert opened.can_save
    [moved] = _siblings(db)
    assert Path(f"{moved}-wal").read_bytes() == b"old wal"
    assert Path(f"{moved}-shm").read_bytes() == b"old shm"


def test_a_truncated_database_is_moved_aside(db: Path):
    with Store.open(db) as first:
        for number in range(200):
            first.add_favourite(card(card_id=f"c{number}", text="x" * 300), "Deck")
    whole = db.read_bytes()
    assert not Path(f"{db}-wal").exists()  # checkpointed on close: all in the main file
    db.write_bytes(whole[: len(whole) // 2])
    with Store.open(db) as opened:
        assert opened.can_save and opened.notice and "damaged" in opened.notice
        assert opened.favourites() == []
    [moved] = _siblings(db)
    assert moved.read_bytes() == whole[: len(whole) // 2]


def test_a_damaged_file_keeps_its_unsaved_wal(tmp_path: Path, db: Path):
    """A crash leaves pages in the -wal; damage to the main file must not cost the -wal."""
    db.parent.mkdir(parents=True)
    live = tmp_path / "live.sqlite3"
    conn = sqlite3.connect(live, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA wal_autocheckpoint = 0")
    conn.execute("CREATE TABLE t (x)")
    for _ in range(300):
        conn.execute("INSERT INTO t VALUES (?)", ("x" * 300,))
    conn.execute("PRAGMA wal_checkpoint")  # the main file now has pages to damage...
    conn.execute("INSERT INTO t VALUES ('only in the wal')")  # ...and the wal has news
    for suffix in ("", "-wal", "-shm"):  # a snapshot, as if the process had been killed
        Path(f"{db}{suffix}").write_bytes(Path(f"{live}{suffix}").read_bytes())
    conn.close()
    main = bytearray(db.read_bytes())
    main[4096 : 4096 * 3] = b"\xee" * (4096 * 2)  # scribble over btree pages
    db.write_bytes(bytes(main))
    wal = Path(f"{db}-wal").read_bytes()
    with Store.open(db) as opened:
        assert opened.can_save and opened.notice and "damaged" in opened.notice
    [moved] = _siblings(db)
    assert moved.read_bytes() == bytes(main)
    assert Path(f"{moved}-wal").read_bytes() == wal


def test_a_healthy_file_is_never_called_damaged(tmp_path: Path):
    """Some SQLite builds (3.40) flag WITHOUT ROWID tables in quick_check by mistake."""
    path = tmp_path / "ok.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (a INTEGER NOT NULL, b TEXT NOT NULL, PRIMARY KEY (b, a))"
                 " WITHOUT ROWID")  # fmt: skip
    conn.execute("INSERT INTO t VALUES (1, 'x')")
    conn.commit()
    conn.close()
    with Store.open(path) as opened:
        assert opened.notice is None and opened.can_save
    assert _siblings(path) == []


def test_two_damaged_files_in_one_second_get_different_names(
    db: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr(store_opening, "_stamp", lambda: "20240101-120000")
    db.parent.mkdir(parents=True)
    for attempt in range(3):
        db.write_bytes(b"garbage %d" % attempt * 100)
        Store.open(db).close()
    moved = _siblings(db)
    assert [p.name for p in moved] == [
        "cardgame.sqlite3.corrupt-20240101-120000",
        "cardgame.sqlite3.corrupt-20240101-120000-1",
        "cardgame.sqlite3.corrupt-20240101-120000-2",
    ]
    assert {p.read_bytes()[:9] for p in moved} == {b"garbage 0", b"garbage 1", b"garbage 2"}


# ---------------------------------------------------------------- nowhere to save


def _assert_plays_in_memory(opened: Store) -> None:
    assert not opened.can_save
    assert opened.notice and opened.notice.startswith("Favourites can't be saved:")
    assert opened.add_favourite(card(), "Deck") is False
    assert opened.is_favourite("deck", "c1")  # the heart still toggles this session
    assert opened.favourite_keys() == {("deck", "c1")}
    assert opened.remove_favourite("deck", "c1") is False
    assert not opened.is_favourite("deck", "c1")
    game = opened.start_game(["Ana"], {})
    opened.record_deal(game, "deck", "c1", "Ana", "answered", 1.0)
    opened.record_reflection(game, "deck", "c1", "Ana", "Bo", 1, "yes")
    opened.finish_game(game)
    assert opened.games()[0].cards_answered == 1
    opened.set_setting("timer", 30)
    assert opened.get_setting("timer") == 30
    opened.close()


def test_a_path_under_a_regular_file_plays_in_memory(tmp_path: Path):
    blocker = tmp_path / "afile"
    blocker.write_text("not a folder")
    opened = Store.open(blocker / "db.sqlite3")
    assert str(blocker) in opened.notice
    _assert_plays_in_memory(opened)
    assert blocker.read_text() == "not a folder"
    deeper = Store.open(blocker / "more" / "db.sqlite3")
    _assert_plays_in_memory(deeper)


def test_a_folder_where_the_file_should_be_plays_in_memory(tmp_path: Path):
    folder = tmp_path / "cardgame.sqlite3"
    folder.mkdir()
    opened = Store.open(folder)
    assert str(folder) in opened.notice
    _assert_plays_in_memory(opened)
    assert folder.is_dir()


@pytest.mark.skipif(IS_ROOT, reason="root ignores folder permissions; see the under-a-file test")
def test_a_read_only_folder_plays_in_memory(tmp_path: Path):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        opened = Store.open(folder / "cardgame.sqlite3")
        assert "read-only" in opened.notice and str(folder) in opened.notice
        _assert_plays_in_memory(opened)
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o700)


@pytest.mark.skipif(IS_ROOT, reason="root ignores folder permissions; see the under-a-file test")
def test_a_read_only_folder_with_favourites_still_shows_them(tmp_path: Path):
    folder = tmp_path / "ro"
    with Store.open(folder / "cardgame.sqlite3") as first:
        first.add_favourite(card(), "Deck")
    folder.chmod(0o500)
    try:
        with Store.open(folder / "cardgame.sqlite3") as opened:
            assert not opened.can_save and "read-only" in opened.notice
            assert opened.is_favourite("deck", "c1")
    finally:
        folder.chmod(0o700)


@pytest.mark.skipif(IS_ROOT, reason="root ignores file permissions")
def test_a_read_only_file_plays_in_memory_with_its_favourites(db: Path):
    with Store.open(db) as first:
        first.add_favourite(card(), "Deck")
    db.chmod(0o400)
    try:
        with Store.open(db) as opened:
            assert not opened.can_save and "read-only" in opened.notice
            assert opened.is_favourite("deck", "c1")
    finally:
        db.chmod(0o600)


def test_a_failing_write_mid_session_carries_on_in_memory(store: Store, db: Path):
    assert store.add_favourite(card(card_id="saved"), "Deck")
    # Swap in a read-only connection: every write now fails as a full or read-only disk would.
    store._conn.close()
    store._conn = sqlite3.connect(f"{db.as_uri()}?mode=ro", uri=True, isolation_level=None)
    assert store.add_favourite(card(card_id="unsaved"), "Deck") is False
    assert not store.can_save
    assert store.notice and store.notice.startswith("Favourites can't be saved:")
    assert store.favourite_keys() == {("deck", "saved"), ("deck", "unsaved")}
    assert store.remove_favourite("deck", "saved") is False
    assert store.favourite_keys() == {("deck", "unsaved")}
    assert isinstance(store.start_game(["A"], {}), int)
    store.close()
    with Store.open(db) as again:  # the file still holds what was saved
        assert again.favourite_keys() == {("deck", "saved")}


def test_open_store_never_raises_without_a_data_dir(monkeypatch: pytest.MonkeyPatch):
    def broken(override=None):
        raise RuntimeError("no home")

    monkeypatch.setattr(cardgame.paths, "database_path", broken)
    opened = open_store()
    assert not opened.can_save and "no home" in opened.notice
    assert opened.add_favourite(card(), "Deck") is False and opened.is_favourite("deck", "c1")
