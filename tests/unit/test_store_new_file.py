"""A new store file is built whole beside its place, then linked in (``opening.build_new_file``)."""

from __future__ import annotations

import os
import sqlite3
import threading
from pathlib import Path

import pytest

import cardgame.store.opening as opening
from cardgame.decks import Card
from cardgame.store import SCHEMA_VERSION, Store

CARD = Card("d", "c1", "What made you laugh this week?")


def _left_beside(path: Path) -> list[str]:
    return sorted(name for name in os.listdir(path.parent) if name != path.name)


def test_a_new_file_is_whole_in_wal_mode_and_nothing_is_left_beside_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    path = tmp_path / "data" / "cardgame.sqlite3"
    links = []
    link = os.link
    monkeypatch.setattr(opening.os, "link", lambda *paths: links.append(link(*paths)))
    with Store.open(path) as store:
        assert links == [None]  # built aside, then linked into place
        assert store.can_save and store.notice is None
        assert store._conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert store.add_favourite(CARD, "Deck")
    assert _left_beside(path) == []
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    with Store.open(path) as again:
        assert [f.card_id for f in again.favourites()] == ["c1"]


def test_a_file_another_copy_made_meanwhile_is_opened_never_replaced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    path = tmp_path / "cardgame.sqlite3"
    link = os.link

    def other_copy_first(source, target) -> None:
        monkeypatch.setattr(opening.os, "link", link)
        with Store.open(path) as other:  # another copy starts, and a heart is saved
            assert other.add_favourite(CARD, "Deck")
        link(source, target)

    monkeypatch.setattr(opening.os, "link", other_copy_first)
    with Store.open(path) as store:
        assert store.can_save and store.notice is None
        assert [f.card_id for f in store.favourites()] == ["c1"]
    assert _left_beside(path) == []


@pytest.mark.parametrize("error", [PermissionError("not here"), OSError(95, "no links")])
def test_where_links_cannot_be_made_the_file_is_created_in_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error: OSError
):
    def no_links(source, target) -> None:
        raise error

    monkeypatch.setattr(opening.os, "link", no_links)
    path = tmp_path / "cardgame.sqlite3"
    with Store.open(path) as store:
        assert store.can_save and store.notice is None
        assert store.add_favourite(CARD, "Deck")
    assert _left_beside(path) == []
    with Store.open(path) as again:
        assert [f.card_id for f in again.favourites()] == ["c1"]


def test_a_half_built_file_left_by_a_copy_that_died_is_replaced(tmp_path: Path):
    path = tmp_path / "cardgame.sqlite3"
    aside = tmp_path / f".{path.name}.new-{os.getpid()}-{threading.get_ident()}"
    aside.write_bytes(b"SQLite format 3\x00 half written")
    with Store.open(path) as store:
        assert store.can_save and store.notice is None
    assert _left_beside(path) == []
