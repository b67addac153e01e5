"""The session's services: favourites set as seen, undo in place, preferences, one deck name."""

from __future__ import annotations

import itertools
import json
import sqlite3
from pathlib import Path

import pytest
from helpers.app import TEST_DECKS
from helpers.engine import FakeClock

import cardgame.store.core as store_core
from cardgame.decks import load_library
from cardgame.engine import GameSettings
from cardgame.engine.settings import ALL_CARDS, OPTIONS
from cardgame.session import FAVOURITES_DECK_ID, Preferences, Session, TableChoice
from cardgame.store import MIGRATIONS, Store
from cardgame.store.schema import apply_step


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch):
    ticks = itertools.count(1_700_000_000)
    monkeypatch.setattr(store_core, "_now", lambda: float(next(ticks)))


def session_on(store: Store) -> Session:
    library = load_library([TEST_DECKS / "table-talk.yaml"])
    return Session(store, FakeClock(), seed=5, _library=library)


def cards(session: Session, count: int):
    return session.library.deck("table-talk").cards[:count]


def two_player_game(session: Session):
    return session.new_game(
        GameSettings(players=("Ana", "Ben"), deck_ids=("table-talk",), rounds=1, reflect="off")
    )


def test_set_is_idempotent_and_never_toggles(tmp_path: Path):
    """Issue 9 item 11: copy B (no heart shown) pressing f adds; it never removes A's heart."""
    db = tmp_path / "cardgame.sqlite3"
    copy_a, copy_b = session_on(Store.open(db)), session_on(Store.open(db))
    [card] = cards(copy_a, 1)
    shown_in_b = copy_b.favourites.is_favourite(card)  # B draws its card: no heart yet
    assert copy_a.favourites.set(card, True) is True  # A hearts it
    assert copy_b.favourites.set(card, not shown_in_b) is True  # B's f: "I want it"
    assert copy_a.favourites.is_favourite(card)
    assert copy_b.favourites.set(card, True) is True  # again: still one heart
    assert len(copy_a.favourites.all()) == 1
    assert copy_b.favourites.set(card, False) is False
    assert copy_b.favourites.set(card, False) is False
    assert not copy_a.favourites.is_favourite(card)
    copy_a.close()
    copy_b.close()


def test_set_later_reports_once_written():
    session = session_on(Store.memory())
    [card] = cards(session, 1)
    results: list[bool] = []
    session.favourites.set_later(card, True, results.append)
    assert session.wait_for_writes(5)
    assert results == [True] and session.favourites.is_favourite(card)


def test_undo_puts_the_card_back_where_it_was(clock):
    """Issue 11 item 13: same added time, so the same place in the list."""
    session = session_on(Store.memory())
    for card in cards(session, 3):
        session.favourites.set(card, True)
    before = session.favourites.all()
    middle = before[1]
    removed = session.favourites.remove(middle.deck_id, middle.card_id)
    assert removed == middle
    assert session.favourites.all() == [before[0], before[2]]
    assert session.favourites.restore(removed) is True
    assert session.favourites.all() == before
    assert session.favourites.remove("table-talk", "no-such-card") is None


def test_added_this_game_comes_from_the_store(clock):
    session = session_on(Store.memory())
    first, second, third = cards(session, 3)
    session.favourites.set(first, True)  # before the game: not counted
    two_player_game(session)
    session.favourites.set(second, True)
    session.favourites.set(third, True)
    session.favourites.set(third, False)  # given then removed: not counted
    assert [f.key for f in session.favourites.added_this_game()] == [second.key]
    two_player_game(session)
    assert session.favourites.added_this_game() == []


def test_a_memory_only_heart_is_counted_and_flagged(tmp_path: Path, clock):
    blocker = tmp_path / "afile"
    blocker.write_text("not a folder")
    session = session_on(Store.open(blocker / "db.sqlite3"))
    two_player_game(session)
    [card] = cards(session, 1)
    assert session.favourites.set(card, True) is True
    [added] = session.favourites.added_this_game()
    assert added.key == card.key and not session.favourites.is_saved(added)
    assert any("can't be saved" in notice for notice in session.notices())


def test_a_failing_write_flags_only_the_hearts_not_on_disk(tmp_path: Path):
    db = tmp_path / "cardgame.sqlite3"
    session = session_on(Store.open(db))
    first, second = cards(session, 2)
    session.favourites.set(first, True)
    store = session.store
    store._conn.close()
    store._conn = sqlite3.connect(f"{db.as_uri()}?mode=ro", uri=True, isolation_level=None)
    session.favourites.set(second, True)
    saved = {f.key: session.favourites.is_saved(f) for f in session.favourites.all()}
    assert saved == {first.key: True, second.key: False}


def test_one_deck_name_also_for_favourites():
    session = session_on(Store.memory())
    assert session.deck_name("table-talk") == session.library.deck("table-talk").name
    assert session.deck_name(FAVOURITES_DECK_ID) == "Favourites"
    assert session.deck_name("gone") == "gone"
    assert session.deck(FAVOURITES_DECK_ID) is None  # no favourites yet
    [card] = cards(session, 1)
    session.favourites.set(card, True)
    deck = session.deck(FAVOURITES_DECK_ID)
    assert deck.name == "Favourites" and deck.cards == (card,)
    assert session.favourites.deck() == deck
    assert session.card(*card.key) is card


def test_preferences_round_trip(tmp_path: Path):
    db = tmp_path / "cardgame.sqlite3"
    session = session_on(Store.open(db))
    assert session.preferences == Preferences()
    chosen = Preferences(
        last_table=TableChoice(("Ana", "Ben"), ("table-talk",), {"depth": "light", "length": "3"}),
        bell=False,
        theme="textual-light",
    )
    session.save_preferences(chosen)
    assert session.preferences == chosen
    session.close()
    with Store.open(db) as again:
        assert again.preferences() == chosen


def test_each_scope_keeps_its_own_preferences(tmp_path: Path):
    """``cardgame serve``: two tables on one machine, one data folder, their own last table."""
    db = tmp_path / "cardgame.sqlite3"
    home, served = session_on(Store.open(db)), session_on(Store.open(db))
    served.preferences_scope = "browser-1"
    home.save_preferences(Preferences(last_table=TableChoice(("Ana", "Ben"))))
    served.save_preferences(Preferences(last_table=TableChoice(("Mum", "Sam")), bell=False))
    home.close()
    served.close()
    with Store.open(db) as store:
        assert store.preferences().last_table.players == ("Ana", "Ben")
        assert store.preferences("browser-1").last_table.players == ("Mum", "Sam")
        assert store.preferences("browser-2") == Preferences()


def test_notes_are_kept_per_scope_and_read_once(tmp_path: Path):
    """What a served table leaves for its next page (say, "your game was interrupted")."""
    db = tmp_path / "cardgame.sqlite3"
    smiths, joneses, home = (session_on(Store.open(db)) for _ in range(3))
    smiths.preferences_scope, joneses.preferences_scope = "table:Smiths", "table:Joneses"
    smiths.set_note("left", {"cards": 3})
    assert joneses.take_note("left") is None and home.take_note("left") is None
    assert smiths.take_note("left") == {"cards": 3}
    assert smiths.take_note("left") is None  # once
    home.set_note("left", [1])
    assert smiths.take_note("left") is None
    assert home.take_note("left") == [1]
    for session in (smiths, joneses, home):
        session.close()


def _old_format(path: Path, settings: dict[str, str]) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    for steps in MIGRATIONS[:2]:
        for step in steps:
            apply_step(conn, step)
    conn.execute("PRAGMA user_version = 2")
    conn.executemany("INSERT INTO settings VALUES (?, ?)", settings.items())
    conn.close()


def test_old_json_settings_are_migrated_keeping_what_players_saved(tmp_path: Path):
    db = tmp_path / "old.sqlite3"
    last_table = {  # every key the setup screen saved before TABLE_OPTIONS
        "players": ["Mum", "Dad", "Lily"],
        "decks": ["around-our-table"],
        "audience": "",
        "depth": "light",
        "rounds": 0,
        "turn": 60,
        "passes": -1,
        "reflect": "every",
        "reflect_time": 90,
        "speaker_picks": True,
        "fresh_first": False,
        "bell": False,
    }
    _old_format(
        db,
        {
            "last_table": json.dumps(last_table),
            "bell": "false",
            "theme": '"textual-light"',
            "timer": "45",
        },
    )
    with Store.open(db) as store:
        assert store.notice is None
        prefs = store.preferences()
        keys = {row[0] for row in store._conn.execute("SELECT key FROM settings")}
    assert prefs.bell is False and prefs.theme == "textual-light"
    table = prefs.last_table
    assert table.players == ("Mum", "Dad", "Lily") and table.decks == ("around-our-table",)
    assert dict(table.options) == {
        "audience": "everyone",
        "depth": "light",
        "length": ALL_CARDS,
        "turn_seconds": 60,
        "passes": None,
        "reflect": "every",
        "reflect_seconds": 90,
        "speaker_picks": True,
        "unseen_first": False,
        "bell": False,
    }
    for name, value in table.options.items():  # each one a value setup offers today
        assert value in OPTIONS[name].values, name
    assert keys == {"preferences", "timer"}  # one record now; other settings untouched


def test_an_old_table_with_rounds_and_children_in_one_line_migrates(tmp_path: Path):
    """Setup once kept the children as one newline-joined value and rounds as a number."""
    db = tmp_path / "old.sqlite3"
    old_table = {"rounds": 7, "passes": 2, "players": ["A", "B"], "children": "B"}
    _old_format(db, {"last_table": json.dumps(old_table)})
    with Store.open(db) as store:
        table = store.preferences().last_table
    assert (table.option("length"), table.option("passes"), table.players) == ("7", 2, ("A", "B"))
    assert table.children == ("B",)


def test_the_preferences_keys_are_not_loose_settings_any_more():
    """``last_table``, ``bell`` and ``theme`` live in the one typed record: a loose write of
    one would be read by nobody, so the store refuses it."""
    store = Store.memory()
    for key in ("last_table", "bell", "theme", "preferences", "preferences@table:Smiths"):
        with pytest.raises(ValueError, match="Preferences"):
            store.set_setting(key, 1)
        with pytest.raises(ValueError, match="Preferences"):
            store.get_setting(key)
    store.set_setting("web_interrupted@table:Smiths", {"cards": 1})  # anything else is plain
    assert store.get_setting("web_interrupted@table:Smiths") == {"cards": 1}
    assert store.preferences() == Preferences()


def test_broken_old_settings_migrate_to_defaults(tmp_path: Path):
    db = tmp_path / "old.sqlite3"
    _old_format(db, {"last_table": "{not json", "bell": '"loud"', "theme": "7"})
    with Store.open(db) as store:
        assert store.notice is None and store.can_save
        assert store.preferences() == Preferences()
