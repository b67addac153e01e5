""" "Last seen by this table": the per-table summary kept as deals are written (issue 13)."""

from __future__ import annotations

import itertools
import json
import random
import sqlite3
from pathlib import Path

import pytest
from helpers.profiles import examples
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import cardgame.store.core as store_core
import cardgame.store.schema as store_schema
from cardgame.decks import Card
from cardgame.engine.dealer import Dealer, LastSeen, seen_stamps, unseen_first
from cardgame.session import Session
from cardgame.store import MIGRATIONS, SCHEMA_VERSION, TABLES_KEPT, Favourite, Store
from cardgame.store.seen import read_last_seen, table_key
from cardgame.store.seen_tables import pack_ids, unpack

PLAYERS = ["Ana", "Bo", "Cy", "Dee", "Eve", "Fay", "Gus", "Hal", "Ivy", "Jo", "Kim", "Lu"]


def by_definition(store: Store, asking: list[str]) -> dict[tuple[str, str], float]:
    """Last seen, from a scan of every deal: the latest deal in a game sharing a player."""
    asked = set(table_key(asking))
    players: dict[int, set[str]] = {}
    for game_id, key in store._conn.execute("SELECT game_id, player_key FROM game_players"):
        players.setdefault(game_id, set()).add(key)
    seen: dict[tuple[str, str], float] = {}
    for game_id, deck_id, card_id, at in store._conn.execute(
        "SELECT game_id, deck_id, card_id, at FROM deals"
    ):
        if players.get(game_id, set()) & asked:
            seen[(deck_id, card_id)] = max(at, seen.get((deck_id, card_id), at))
    return seen


def as_stamps(seen: dict[tuple[str, str], float]) -> dict[str, dict[str, float]]:
    """``seen`` by deck, then card: what ``seen_by_deck`` answers."""
    by_deck: dict[str, dict[str, float]] = {}
    for (deck_id, card_id), at in seen.items():
        by_deck.setdefault(deck_id, {})[card_id] = at
    return by_deck


@pytest.fixture
def clock_store(monkeypatch: pytest.MonkeyPatch):
    """A store in memory whose clock moves one second each time it is read."""
    ticks = itertools.count(1_700_000_000)
    monkeypatch.setattr(store_core, "_now", lambda: float(next(ticks)))
    store = Store.memory()
    yield store
    store.close()


TABLES = st.lists(st.sampled_from(PLAYERS[:6]), min_size=1, max_size=3, unique=True)
GAMES = st.lists(
    st.tuples(
        TABLES,
        # Card ids a deck never has but the store keeps: each summary row picks a separator.
        st.lists(st.tuples(st.sampled_from(["d", "e"]), st.sampled_from(["c1", "c2", "a\nb"]))),
    ),
    min_size=1,
    max_size=TABLES_KEPT + 4,  # more tables than are kept: some summaries are dropped
)


@settings(max_examples=examples(60), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(GAMES, TABLES, st.sampled_from([None, ["d"], ["e", "x"], []]), st.integers(0, 6))
def test_every_table_is_answered_as_a_scan_of_every_deal_would(games, asking, decks, when):
    """Kept or not, summarised before, during or after its deals (and dropped when too many
    tables followed it), a table's answer is the definition's."""
    store = Store.memory()
    for n, (players, deals) in enumerate(games):
        if n == when:
            store.start_game(asking, {})  # kept from here on, while other tables play
        game = store.start_game(players, {})
        for deck_id, card_id in deals:
            store.record_deal(game, deck_id, card_id, players[0], "answered", 1.0)
    expected = {
        key: at
        for key, at in by_definition(store, asking).items()
        if decks is None or key[0] in decks
    }
    assert store.last_seen(asking, decks) == expected
    assert store.seen_by_deck(asking, decks) == as_stamps(expected)
    store.start_game(asking, {})  # surely kept now: answered from its own summary
    assert store.last_seen(asking, decks) == expected
    assert store.seen_by_deck(asking, decks) == as_stamps(expected)
    kept = store._conn.execute("SELECT COUNT(*) FROM seen_tables").fetchone()[0]
    assert kept <= TABLES_KEPT
    store.close()


def test_a_kept_table_is_read_from_its_summary_without_a_merge():
    store = Store.memory()
    game = store.start_game(["Ana", "Bo"], {})
    store.record_deal(game, "d", "c1", "Ana", "answered", 1.0)
    keys = table_key(["bo", "ANA "])
    plans = []
    store._conn.set_trace_callback(plans.append)
    assert store.last_seen(["bo", "ANA "], ["d"]).keys() == {("d", "c1")}
    store._conn.set_trace_callback(None)
    read = next(sql for sql in plans if "deck_id" in sql)
    plan = " ".join(
        str(row[-1]) for row in store._conn.execute(f"EXPLAIN QUERY PLAN {read}")
    ).upper()
    assert "TABLE_SEEN" in plan and "INDEX" in plan  # a row per deck, found by its key
    assert "TEMP B-TREE" not in plan and "CARD_LAST_SEEN" not in plan
    assert read_last_seen(store._conn, keys, None) == store.last_seen(["Ana", "Bo"])
    store.close()


def test_only_the_latest_tables_are_kept(clock_store: Store):
    for n in range(TABLES_KEPT + 2):
        clock_store.start_game([f"Player {n}"], {})
    tables = [row[0] for row in clock_store._conn.execute("SELECT players FROM seen_tables")]
    assert len(tables) == TABLES_KEPT
    assert '["player 0"]' not in tables and '["player 1"]' not in tables
    orphans = clock_store._conn.execute(
        "SELECT COUNT(*) FROM seen_table_players WHERE table_id NOT IN (SELECT id FROM seen_tables)"
    ).fetchone()[0]
    assert orphans == 0


def _version_3_file(path: Path) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    for steps in MIGRATIONS[:3]:
        for step in steps:
            store_schema.apply_step(conn, step)
    conn.execute("PRAGMA user_version = 3")
    conn.close()


def test_a_version_3_file_keeps_everything_and_its_latest_tables_start_fast(tmp_path: Path):
    path = tmp_path / "v3.sqlite3"
    _version_3_file(path)
    conn = sqlite3.connect(path, isolation_level=None)
    rng = random.Random(4)
    for n in range(12):  # written as version 3 wrote them: deals and players' summaries
        players = rng.sample(PLAYERS[:6], 3)
        game = conn.execute(
            "INSERT INTO games (players, settings, started_at) VALUES ('[]', '{}', ?)", (n,)
        ).lastrowid
        for key in table_key(players):
            conn.execute("INSERT INTO game_players VALUES (?, ?)", (key, game))
        for card in rng.sample(range(20), 5):
            at = n * 100.0 + card
            conn.execute(
                "INSERT INTO deals (game_id, deck_id, card_id, player, outcome, seconds, at)"
                " VALUES (?, 'd', ?, ?, 'answered', 1.0, ?)",
                (game, f"c{card}", players[0], at),
            )
            conn.execute(
                "INSERT INTO card_last_seen SELECT player_key, 'd', ?, ? FROM game_players"
                " WHERE game_id = ? ON CONFLICT DO UPDATE SET at = MAX(at, excluded.at)",
                (f"c{card}", at, game),
            )
    conn.execute("INSERT INTO favourites VALUES ('d', 'c1', 'Kept', 1, 'question', 'D', 1.0)")
    counts = [conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in ("games", "deals")]
    latest = conn.execute(
        "SELECT player_key FROM game_players WHERE game_id = 12 ORDER BY player_key"
    ).fetchall()
    conn.close()
    with Store.open(path) as opened:
        assert opened.can_save and opened.notice is None
        assert opened.favourites() == [Favourite("d", "c1", "Kept", 1, "question", "D", 1.0)]
        for table in (["Ana"], PLAYERS[:3], PLAYERS[3:6], ["Zed"]):
            assert opened.last_seen(table) == by_definition(opened, table)
        for n, table in enumerate(("games", "deals")):
            assert opened._conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0] == counts[n]
        kept = [row[0] for row in opened._conn.execute("SELECT players FROM seen_tables")]
        assert 0 < len(kept) <= TABLES_KEPT
        assert json.dumps([key for (key,) in latest]) in kept  # the last table played
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    conn.close()


def test_the_dealer_reads_a_store_answer_by_deck_as_it_reads_any_mapping():
    cards = [Card(f"d{d}", f"c{c}", f"Q{c}?", 1 + c % 3) for d in range(5) for c in range(30)]
    rng = random.Random(2)
    flat = {card.key: rng.randrange(10) for card in rng.sample(cards, 90)}  # ties on purpose
    by_deck = LastSeen(as_stamps(flat))
    assert dict(by_deck) == flat
    assert seen_stamps(cards, by_deck) == seen_stamps(cards, dict(by_deck))
    for seed in range(5):
        one = Dealer(cards, random.Random(seed), by_deck)
        other = Dealer(cards, random.Random(seed), dict(by_deck))
        assert one._pool == other._pool
        shuffled = list(cards)
        random.Random(seed).shuffle(shuffled)  # what the dealer did before it sorted positions
        unseen = [card for card in shuffled if card.key not in by_deck]
        seen = sorted(
            (card for card in shuffled if card.key in by_deck), key=lambda card: by_deck[card.key]
        )
        assert one._pool == unseen + seen == unseen_first(shuffled, by_deck)
        unseen = len(cards) - len(flat)
        assert all(card.key not in flat for card in one._pool[:unseen])


def test_a_game_of_favourites_asks_only_for_the_decks_its_cards_come_from(tmp_path: Path):
    """Regression: with the favourites deck in play the session asked for every deck's cards."""
    from cardgame.decks import Deck, Library
    from cardgame.engine import GameSettings

    decks = [
        Deck(id=f"deck-{d}", name=f"Deck {d}", cards=(Card(f"deck-{d}", "c1", "Q?"),))
        for d in range(4)
    ]
    store = Store.open(tmp_path / "s.sqlite3")
    session = Session(store, _library=Library(decks=decks))
    store.add_favourite(decks[2].cards[0], "Deck 2")
    asked = []
    for name in ("last_seen", "seen_by_deck"):  # however the session asks
        real = getattr(store, name)

        def spy(players, deck_ids=None, real=real):
            asked.append(None if deck_ids is None else set(deck_ids) - {"favourites"})
            return real(players, deck_ids)

        setattr(store, name, spy)
    session.new_game(GameSettings(players=("Ana", "Bo"), deck_ids=("favourites", "deck-0")))
    assert asked == [{"deck-0", "deck-2"}]
    session.close()


def _reads_of_the_summary(store: Store, work) -> list[str]:
    statements: list[str] = []
    store._conn.set_trace_callback(statements.append)
    try:
        work()
    finally:
        store._conn.set_trace_callback(None)
    return [sql for sql in statements if "last_seen" in sql]


def test_a_table_read_ahead_starts_from_memory_until_a_deal_is_written(tmp_path: Path):
    path = tmp_path / "s.sqlite3"
    store = Store.open(path)
    game = store.start_game(["Ana", "Bo"], {})
    store.record_deal(game, "d", "c1", "Ana", "answered", 1.0)
    store.finish_game(game)  # reads the table ahead, for "play again"
    expected = as_stamps(by_definition(store, ["Ana", "Bo"]))
    answers = []
    reads = _reads_of_the_summary(
        store, lambda: answers.append(store.seen_by_deck(["bo", "ana"], ["d", "e"]))
    )
    assert reads == [] and answers == [expected]
    assert _reads_of_the_summary(store, lambda: store.seen_by_deck(["Ana"]))  # another table
    # This copy deals: the read ahead is stale.
    store.record_deal(game, "d", "c2", "Bo", "answered", 1.0)
    assert store.seen_by_deck(["Ana", "Bo"]) == as_stamps(by_definition(store, ["Ana", "Bo"]))
    store.read_ahead(["Ana", "Bo"])
    # Another copy of the game deals: the read ahead is stale too.
    other = Store.open(path)
    later = other.start_game(["Bo"], {})
    other.record_deal(later, "e", "c9", "Bo", "answered", 1.0)
    other.close()
    seen = store.seen_by_deck(["Ana", "Bo"])
    assert "e" in seen and seen == as_stamps(by_definition(store, ["Ana", "Bo"]))
    store.close()


def test_only_a_kept_table_is_read_ahead():
    store = Store.memory()
    store.read_ahead()  # nothing has been played
    store.read_ahead(["Ana"])
    assert store._ahead is None
    store.start_game(["Ana"], {})
    store.read_ahead()  # the table that started a game last
    assert store._ahead is not None and store._ahead.keys == ["ana"]
    store.close()


def test_the_game_reads_the_table_that_played_last_ahead_when_it_opens(tmp_path: Path):
    store = Store.open(tmp_path / "s.sqlite3")
    game = store.start_game(["Ana", "Bo"], {})
    store.record_deal(game, "d", "c1", "Ana", "answered", 1.0)
    store.close()
    session = Session.open(data_dir=tmp_path, store=Store.open(tmp_path / "s.sqlite3"))
    session.wait_for_writes()
    assert session.store._ahead is not None and session.store._ahead.keys == ["ana", "bo"]
    session.close()


@settings(max_examples=examples(200), deadline=None)
@given(st.lists(st.text(max_size=6)), st.data())
def test_a_summary_row_gives_back_any_ids_and_times_exactly(ids, data):
    from array import array

    from cardgame.store.seen_tables import pack_times

    times = [data.draw(st.floats(allow_nan=False)) for _ in ids]
    packed = pack_ids(ids)
    assert unpack(packed, pack_times(array("d", times))) == (ids, array("d", times))


def _damage(store: Store, how: str) -> None:
    values = {"times": "times = x'0102'", "text": "times = 'not bytes'", "ids": "cards = 5"}
    store._conn.execute(f"UPDATE table_seen SET {values[how]}")


@pytest.mark.parametrize("how", ["times", "text", "ids"])
def test_a_damaged_summary_is_never_trusted_and_the_next_deal_mends_it(clock_store, how):
    game = clock_store.start_game(["Ana", "Bo"], {})
    for card in ("c1", "c2", "c3"):
        clock_store.record_deal(game, "d", card, "Ana", "answered", 1.0)
    _damage(clock_store, how)
    expected = by_definition(clock_store, ["Ana", "Bo"])
    assert clock_store.last_seen(["Ana", "Bo"]) == expected
    assert clock_store.seen_by_deck(["Ana", "Bo"]) == as_stamps(expected)
    clock_store.record_deal(game, "d", "c2", "Bo", "answered", 1.0)
    row = clock_store._conn.execute("SELECT cards, times FROM table_seen").fetchone()
    ids, times = unpack(*row)  # mended: whole again
    expected = by_definition(clock_store, ["Ana", "Bo"])
    assert dict(zip(ids, times, strict=True)) == {card: at for (_, card), at in expected.items()}
    assert clock_store.seen_by_deck(["Ana", "Bo"]) == as_stamps(expected)


def test_a_version_5_file_keeps_every_kept_table_and_packs_it(tmp_path: Path):
    """Schema 5 kept a row per card for each kept table; schema 6 packs them, exactly."""
    path = tmp_path / "v5.sqlite3"
    conn = sqlite3.connect(path, isolation_level=None)
    for steps in MIGRATIONS[:5]:
        for step in steps:
            store_schema.apply_step(conn, step)
    conn.execute("PRAGMA user_version = 5")
    rng = random.Random(5)
    tables = {"ana,bo": ["ana", "bo"], "cy": ["cy"]}
    for n, keys in enumerate(tables.values(), start=1):
        conn.execute("INSERT INTO seen_tables VALUES (?, ?, ?)", (n, json.dumps(keys), n))
        for key in keys:
            conn.execute("INSERT INTO seen_table_players VALUES (?, ?)", (key, n))
        game = conn.execute(
            "INSERT INTO games (players, settings, started_at) VALUES ('[]', '{}', ?)", (n,)
        ).lastrowid
        for key in keys:
            conn.execute("INSERT INTO game_players VALUES (?, ?)", (key, game))
        for deck, card in rng.sample([(d, f"c{c}") for d in "de" for c in range(30)], 25):
            at = rng.uniform(1e9, 2e9)
            conn.execute(
                "INSERT INTO deals (game_id, deck_id, card_id, player, outcome, seconds, at)"
                " VALUES (?, ?, ?, 'x', 'answered', 1.0, ?)",
                (game, deck, card, at),
            )
            conn.execute("INSERT INTO table_last_seen VALUES (?, ?, ?, ?)", (n, deck, card, at))
            for key in keys:
                row = (key, deck, card, at)
                conn.execute("INSERT INTO card_last_seen VALUES (?, ?, ?, ?)", row)
    conn.close()
    with Store.open(path) as opened:
        assert opened.can_save and opened.notice is None
        for keys in tables.values():
            assert opened.last_seen(keys) == by_definition(opened, keys)
            assert opened.seen_by_deck(keys, ["d"]) == as_stamps(
                {key: at for key, at in by_definition(opened, keys).items() if key[0] == "d"}
            )
        names = {row[0] for row in opened._conn.execute("SELECT name FROM sqlite_master")}
        assert "table_last_seen" not in names
        assert opened._conn.execute("SELECT COUNT(*) FROM table_seen").fetchone()[0] == 4
