"""Odd names, newer files and when the store checks itself (issue 9 items 5 and 14, issue 13)."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

import cardgame.store.opening as store_opening
from cardgame.decks.model import Card
from cardgame.store import SCHEMA_VERSION, Store

ROOT = Path(__file__).resolve().parents[2]
SURROGATE_NAME = b"\xff\xfe".decode("utf-8", "surrogateescape")  # what argv gives for $'\xff\xfe'


def test_a_surrogate_escaped_player_name_never_crashes_the_store(tmp_path: Path):
    with Store.open(tmp_path / "db.sqlite3") as store:
        game = store.start_game([SURROGATE_NAME, "Ben"], {"players": [SURROGATE_NAME]})
        store.record_deal(game, "d", "c1", SURROGATE_NAME, "answered", 1.0)
        store.record_reflection(game, "d", "c1", SURROGATE_NAME, "Ben", 1, "yes")
        store.set_setting("name", SURROGATE_NAME)
        store.add_favourite(Card("d\udcff", "c\ud800", "text \udcfe"), "Deck \udcff")
        [row] = store.games()
        assert row.players == ["\N{REPLACEMENT CHARACTER}" * 2, "Ben"]
        assert row.cards_answered == 1 and row.reflections == 1
        assert ("d", "c1") in store.last_seen([SURROGATE_NAME])
        assert store.get_setting("name") == "\N{REPLACEMENT CHARACTER}" * 2
        [favourite] = store.favourites()
        assert favourite.text == "text \N{REPLACEMENT CHARACTER}"
        assert store.can_save and store.notices() == []


def test_players_given_as_raw_bytes_on_the_command_line_play(tmp_path: Path):
    """``--players $'\\xff\\xfe,Ben'``: the whole path from argv to the store, in a process."""
    code = (
        "import sys\n"
        "from cardgame.store import open_store\n"
        "store = open_store()\n"
        "names = sys.argv[1].split(',')\n"
        "game = store.start_game(names, {})\n"
        "store.record_deal(game, 'd', 'c', names[0], 'passed', 1.0)\n"
        "print(store.games()[0].players == ['\\ufffd\\ufffd', 'Ben'], store.notices())\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT), "CARDGAME_DATA_DIR": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-c", code, b"\xff\xfe,Ben"], env=env, capture_output=True, timeout=60
    )
    assert result.returncode == 0, result.stderr.decode(errors="replace")
    assert result.stdout.decode() == "True []\n"


def test_a_non_sqlite_error_inside_a_write_is_a_notice_not_a_crash(tmp_path: Path):
    with Store.open(tmp_path / "db.sqlite3") as store:
        game = store.start_game(["Ana", "Ben"], {})
        store.record_deal(game, "d", "c1", "Ana", "answered", "not a number")  # type: ignore[arg-type]
        [notice] = store.notices()
        assert notice.startswith("Could not save that")
        assert store.can_save  # the file is fine: nothing moved to memory
        store.record_deal(game, "d", "c1", "Ana", "answered", 2.0)
        assert store.games()[0].cards_answered == 1


def test_a_non_sqlite_error_inside_a_read_is_a_notice_not_a_crash(tmp_path: Path):
    with Store.open(tmp_path / "db.sqlite3") as store:

        def broken(conn):
            raise UnicodeDecodeError("utf-8", b"\xff", 0, 1, "invalid start byte")

        assert store._read(broken, "fallback") == "fallback"
        assert store.notices()[0].startswith("Could not read the store")


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_newer_file_is_not_touched_before_the_version_check(tmp_path: Path):
    """Issue 9 item 14: no journal-mode switch, no -wal or -shm, not a byte changed."""
    path = tmp_path / "newer.sqlite3"
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute(
        "CREATE TABLE favourites (deck_id, card_id, text, level, kind, deck_name, added_at)"
    )
    conn.execute("INSERT INTO favourites VALUES ('d', 'c', 'Kept', 1, 'question', 'D', 1.0)")
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    before = _digest(path)
    with Store.open(path) as opened:
        assert not opened.can_save and "newer cardgame" in opened.notice
        assert opened.is_favourite("d", "c")
    assert _digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["newer.sqlite3"]
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    conn.close()


@pytest.fixture
def checks(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the full integrity checks the store runs."""
    calls: list[int] = []
    real = store_opening._full_check

    def counted(conn):
        calls.append(1)
        return real(conn)

    monkeypatch.setattr(store_opening, "_full_check", counted)
    return calls


def test_a_cleanly_closed_file_opens_without_a_full_check(tmp_path: Path, checks: list[int]):
    """Issue 13: ``quick_check`` over the whole file only when there is reason to doubt it."""
    path = tmp_path / "db.sqlite3"
    with Store.open(path) as first:
        first.add_favourite(Card("d", "c", "t"), "D")
    assert not Path(f"{path}-wal").exists()
    with Store.open(path) as again:
        assert again.notice is None
    assert checks == []


def test_a_file_left_by_a_killed_run_gets_a_full_check(tmp_path: Path, checks: list[int]):
    path = tmp_path / "db.sqlite3"
    first = Store.open(path)
    first.add_favourite(Card("d", "c", "t"), "D")  # first is never closed: its -wal stays
    assert Path(f"{path}-wal").stat().st_size > 0
    with Store.open(path) as second:
        assert second.notice is None and second.is_favourite("d", "c")
    assert checks == [1]
    first.close()
