"""Issue 9 item 10: a lock held by another process is waited out, never the end of saving.

The other process is a second connection holding ``BEGIN EXCLUSIVE``; the store's clock and its
pause between tries are injected, so "30 seconds" pass without any real waiting.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

import pytest

import cardgame.store.opening as store_opening
from cardgame.decks.model import Card
from cardgame.store import PATIENCE, Store


class Holder:
    """Another program holding the database's write lock until ``release``."""

    def __init__(self, db: Path) -> None:
        self.conn = sqlite3.connect(db, isolation_level=None, timeout=0)
        self.conn.execute("BEGIN EXCLUSIVE")

    def release(self) -> None:
        if self.conn.in_transaction:
            self.conn.execute("COMMIT")
        self.conn.close()


class FakeTime:
    """The store's clock and pause: each pause moves the clock on by ``step`` seconds."""

    def __init__(self, step: float, on_pause=None) -> None:
        self.now, self.step, self.pauses, self.on_pause = 0.0, step, 0, on_pause

    def monotonic(self) -> float:
        return self.now

    def pause(self, seconds: float) -> None:
        self.pauses += 1
        self.now += self.step
        if self.on_pause:
            self.on_pause(self)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "cardgame.sqlite3"
    Store.open(path).close()
    return path


def card(card_id: str = "c1") -> Card:
    return Card("deck", card_id, "What made you smile?")


def open_with(db: Path, fake: FakeTime) -> Store:
    store = Store.open(db)
    store.monotonic, store.pause = fake.monotonic, fake.pause
    return store


def test_a_short_lock_is_waited_out_without_a_notice(db: Path):
    holder = Holder(db)

    def release_after_two(fake: FakeTime) -> None:
        if fake.pauses == 2:
            holder.release()

    store = open_with(db, FakeTime(1.0, release_after_two))
    assert store.add_favourite(card(), "Deck") is True  # landed once the lock was gone
    assert store.can_save and store.notices() == []
    store.close()
    with Store.open(db) as again:
        assert again.is_favourite("deck", "c1")


def test_a_long_lock_is_reported_then_the_file_is_used_again(db: Path):
    holder = Holder(db)
    seen: list[list[str]] = []

    def release_after_patience(fake: FakeTime) -> None:
        if fake.now >= PATIENCE + 10:
            seen.append(store.notices())
            holder.release()

    store = open_with(db, FakeTime(5.0, release_after_patience))
    calls: list[int] = []
    store.on_notice(lambda: calls.append(1))
    assert store.add_favourite(card(), "Deck") is True
    assert len(calls) == 2  # told when it got stuck, and again when it landed
    [[locked]] = seen
    assert "Can't save right now" in locked and str(db) in locked and "Still trying" in locked
    [again] = store.notices()
    assert again.startswith("Saving again")
    assert store.can_save  # never switched to memory
    assert store.add_favourite(card("c2"), "Deck") is True
    store.close()
    with Store.open(db) as reopened:
        assert reopened.favourite_keys() == {("deck", "c1"), ("deck", "c2")}


def test_reads_do_not_wait_for_a_locked_write(db: Path):
    store = Store.open(db)
    store.add_favourite(card(), "Deck")
    holder = Holder(db)
    try:
        started = time.perf_counter()
        assert store.is_favourite("deck", "c1")  # WAL: readers pass the writer's lock
        assert [f.card_id for f in store.favourites()] == ["c1"]
        assert time.perf_counter() - started < 1.0  # generous: a frame is the aim, not a test
    finally:
        holder.release()
        store.close()


def test_history_written_from_the_ui_thread_never_blocks_it(db: Path):
    """``later`` returns at once; the writer thread waits for the lock, then writes in order."""
    holder = Holder(db)
    store = Store.open(db)
    waiting = threading.Event()
    original_pause = store.pause

    def pause(seconds: float) -> None:
        waiting.set()
        original_pause(0.001)

    store.pause = pause
    game: dict[str, int | None] = {}
    store.later(lambda: game.update(id=store.start_game(["Ana", "Ben"], {})))
    store.later(lambda: store.record_deal(game["id"], "d", "c1", "Ana", "answered", 1.0))
    assert waiting.wait(10)  # the writer met the lock; this thread went on
    assert store.games() == []
    holder.release()
    assert store.flush(10)
    [row] = store.games()
    assert row.cards_answered == 1
    store.close()


def test_a_write_from_a_worker_thread_lands(db: Path):
    """The connection is shared by threads: ``favourites.set`` may run in a Textual worker."""
    store = Store.open(db)
    results: list[bool] = []
    worker = threading.Thread(target=lambda: results.append(store.add_favourite(card(), "D")))
    worker.start()
    worker.join(10)
    assert results == [True] and store.is_favourite("deck", "c1")
    store.close()


def test_the_ui_thread_never_waits_for_a_lock(db: Path):
    """On the event loop's thread a locked write is handed to the writer thread at once."""
    holder = Holder(db)
    store = Store.open(db)
    store.ui_thread = threading.current_thread()
    started = time.perf_counter()
    assert store.add_favourite(card(), "Deck") is False  # not saved yet...
    assert time.perf_counter() - started < 1.0  # (one short try: a frame is the aim)
    assert store.can_save
    holder.release()
    assert store.flush(10)
    assert store.is_favourite("deck", "c1")  # ...and saved once the lock went
    store.close()
    with Store.open(db) as again:
        assert again.is_favourite("deck", "c1")


def test_opening_waits_for_another_copy_that_holds_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """Two copies starting together: one migrating the file is no reason to play unsaved."""
    db = tmp_path / "fresh.sqlite3"
    sqlite3.connect(db).close()
    holder = Holder(db)
    pauses: list[float] = []

    def pause(seconds: float) -> None:
        pauses.append(seconds)
        holder.release()

    monkeypatch.setattr(store_opening, "_pause", pause)
    with Store.open(db) as opened:
        assert opened.can_save and opened.notice is None
        assert opened.add_favourite(card(), "Deck")
    assert len(pauses) == 1


def test_close_gives_up_on_a_lock_that_never_goes_and_says_so(db: Path):
    holder = Holder(db)
    store = Store.open(db)
    store.later(lambda: store.start_game(["Ana", "Ben"], {}))
    store.close(wait=0.2)
    assert any("could not be saved" in notice for notice in store.notices())
    holder.release()


def test_a_command_gives_up_on_a_lock_that_lasts_and_says_what_was_not_saved(db: Path):
    """A short-lived command (``give_up_after``) ends instead of waiting forever."""
    holder = Holder(db)

    def never_forever(fake: FakeTime) -> None:
        assert fake.pauses < 50, "the write is still waiting for the lock"

    store = open_with(db, FakeTime(1.0, never_forever))
    store.give_up_after = 5.0
    try:
        assert store.add_favourite(card(), "Deck") is False
        [notice] = store.notices()
        assert notice.startswith("Not saved:") and str(db) in notice and "5 seconds" in notice
    finally:
        holder.release()
        store.close()
    with Store.open(db) as reopened:
        assert not reopened.is_favourite("deck", "c1")  # honest: it said it was not saved


def test_cardgame_draw_ends_while_another_program_holds_the_store(
    db: Path, monkeypatch: pytest.MonkeyPatch
):
    """Regression: ``cardgame draw`` hung for as long as another process held the lock."""
    from helpers.cli import run_main

    import cardgame.store

    monkeypatch.setattr(cardgame.store, "COMMAND_PATIENCE", 0.2)
    holder = Holder(db)
    ran: list = []
    drawing = threading.Thread(
        target=lambda: ran.append(run_main("draw", "--data-dir", db.parent)), daemon=True
    )
    try:
        drawing.start()
        drawing.join(timeout=20)
        assert not drawing.is_alive(), "cardgame draw is still waiting for the lock"
    finally:
        holder.release()
    [result] = ran
    assert result.code == 0 and result.out.strip()  # the card is still shown
    assert "Not saved: another program held" in result.err and str(db) in result.err
