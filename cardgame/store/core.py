"""The store's plumbing: one connection shared by threads, writes that wait out a lock, notices.

* The connection is used from any thread (``check_same_thread=False``) under one lock, with a
  short busy timeout, so a read on the UI thread never waits long behind a write.
* A write that meets another process's lock is retried (each try is short, with a pause
  outside the lock) until it lands. Only when it has waited ``patience`` seconds does the store
  say so (a notice), and it keeps trying; the file is used again as soon as the lock is gone.
* A short-lived command (the CLI) sets ``give_up_after``: a write still locked out after that
  many seconds is abandoned with a notice saying what was not saved, so the command ends.
* A write that fails for any other reason (read-only, disk full, damaged) moves the store to
  memory for the session, keeping the favourites it can still read; a notice says so.
* Nothing raises for I/O or for odd data: every problem becomes a notice (``notices()``).
* ``later(job)`` runs a job on the store's writer thread, in order, so code on the UI thread
  (history written as the game goes) never waits for the disk. A write made on ``ui_thread``
  that meets a lock is handed to the writer thread the same way, after one short try, and
  reports ``saved=False`` (the write still lands once the lock is gone).
"""

from __future__ import annotations

import queue
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TypeVar

from . import schema
from .problems import cant_save, is_damage, reason

T = TypeVar("T")

BUSY_TIMEOUT_MS = 10  # each try waits at most this long for another process's lock
RETRY_PAUSE = 0.05  # seconds between tries, outside the lock
PATIENCE = 30.0  # seconds a write may wait for a lock before the table is told
COMMAND_PATIENCE = 5.0  # seconds a CLI command's write waits for a lock before giving up
CLOSE_WAIT = 3.0  # seconds ``close`` gives queued writes to land
SQLITE_BUSY, SQLITE_LOCKED = 5, 6


def _now() -> float:
    """The clock every record is stamped with (epoch seconds); tests replace it."""
    return time.time()


def connect(target: str | Path, *, uri: bool = False) -> sqlite3.Connection:
    conn = sqlite3.connect(
        target,
        timeout=BUSY_TIMEOUT_MS / 1000,
        isolation_level=None,
        uri=uri,
        check_same_thread=False,
    )
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS:d}")
    return conn


def memory_connection() -> sqlite3.Connection:
    conn = connect(":memory:")
    schema.migrate(conn)
    return conn


def is_busy(error: BaseException) -> bool:
    """True for "another connection holds the lock": wait and try again, nothing is wrong."""
    if not isinstance(error, sqlite3.OperationalError):
        return False
    code = getattr(error, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in (SQLITE_BUSY, SQLITE_LOCKED)
    text = str(error)
    return "locked" in text or "busy" in text


def storable(text: str) -> str:
    """``text`` as SQLite can hold it: undecodable bytes (surrogate escapes) become U+FFFD."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        try:
            raw = text.encode("utf-8", "surrogateescape")
        except UnicodeEncodeError:
            raw = text.encode("utf-8", "replace")
        return raw.decode("utf-8", "replace")
    return text


class _Stop:
    """Tells the writer thread to finish."""


class StoreCore:
    """Connection, lock, retries, notices and the writer thread; the tables live in mixins."""

    path: Path | None
    can_save: bool
    notice: str | None

    def __init__(
        self,
        conn: sqlite3.Connection,
        path: Path | None,
        *,
        can_save: bool,
        notice: str | None = None,
    ) -> None:
        self._conn: sqlite3.Connection | None = conn
        self.path = path
        self.can_save = can_save
        self.notice = None
        self._lock = threading.RLock()
        self._told: list[str] = []
        self._listeners: list[Callable[[], object]] = []
        self._memory_only: set[tuple[str, str]] = set()
        self._jobs: queue.Queue[Callable[[], object] | _Stop] = queue.Queue()
        self._writer: threading.Thread | None = None
        self._closing = threading.Event()
        self._waiting = False
        # Injected in tests: the clock deadlines are measured with, and the pause between tries.
        self.monotonic: Callable[[], float] = time.monotonic
        self.pause: Callable[[float], object] = self._closing.wait
        self.patience = PATIENCE
        # None: a write waits out any lock (the game). A number: give up after that many seconds.
        self.give_up_after: float | None = None
        # The thread running the event loop, if any (``Session.open`` sets it): a write made
        # there that meets a lock is handed to the writer thread after one short try.
        self.ui_thread: threading.Thread | None = None
        if notice:
            self.tell(notice)

    # ---------------------------------------------------------------- notices

    def tell(self, notice: str, *, standing: bool = True) -> None:
        """Queue ``notice`` for the table; a standing one is also kept in ``self.notice``."""
        if standing:
            self.notice = notice
        self._told.append(notice)
        for listener in tuple(self._listeners):
            with suppress(Exception):  # a listener's failure must not stop a write
                listener()

    def on_notice(self, listener: Callable[[], object]) -> None:
        """Call ``listener()`` whenever a notice is queued (from whichever thread queued it)."""
        self._listeners.append(listener)

    def notices(self) -> list[str]:
        """The notices not yet handed out, oldest first; each is handed out once."""
        told, self._told = self._told, []
        return told

    def now(self) -> float:
        return _now()

    # ---------------------------------------------------------------- reading and writing

    @contextmanager
    def _transaction(self, conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                with suppress(sqlite3.Error):
                    conn.execute("ROLLBACK")
            raise

    def _write(self, work: Callable[[sqlite3.Connection], T]) -> tuple[bool, T | None]:
        """Run ``work`` in one committed transaction: ``(saved to disk, result)``.

        A lock held elsewhere is waited out (see the module notes); any other failure of the
        file moves the store to memory and ``work`` is done there, so ``saved`` is False.
        """
        waited_since: float | None = None
        while True:
            with self._lock:
                conn = self._conn
                if conn is None:
                    return False, None
                try:
                    with self._transaction(conn):
                        result = work(conn)
                except sqlite3.Error as error:
                    if not (self.can_save and is_busy(error)):
                        return self._failed_write(error, work)
                except Exception as error:  # odd data: say so rather than lose it silently
                    self.tell(f"Could not save that: {reason(error)}", standing=False)
                    return False, None
                else:
                    self._landed()
                    return self.can_save, result
            if self.ui_thread is threading.current_thread():
                # The event loop never waits for another program: the writer thread takes over.
                self.later(lambda: self._write(work))
                return False, None
            if waited_since is None:
                waited_since = self.monotonic()
            elif self._out_of_time(waited_since):
                self.tell(self._gave_up_notice(), standing=False)
                return False, None
            elif not self._waiting and self.monotonic() - waited_since >= self.patience:
                self._waiting = True
                self.tell(self._locked_notice(), standing=False)
            if self._closing.is_set():
                return False, None
            self.pause(RETRY_PAUSE)

    def _locked_notice(self) -> str:
        return (
            f"Can't save right now: another program is holding {self.path}. "
            "Still trying; everything will be saved once it lets go."
        )

    def _out_of_time(self, waited_since: float) -> bool:
        limit = self.give_up_after
        return limit is not None and self.monotonic() - waited_since >= limit

    def _gave_up_notice(self) -> str:
        return (
            f"Not saved: another program held {self.path} for {self.give_up_after:g} seconds. "
            "Try again once it has finished."
        )

    def _landed(self) -> None:
        if self._waiting:
            self._waiting = False
            self.tell("Saving again: everything waiting has been saved.", standing=False)

    def _failed_write(
        self, error: sqlite3.Error, work: Callable[[sqlite3.Connection], T]
    ) -> tuple[bool, T | None]:
        if not self.can_save:  # pragma: no cover - memory databases do not fail
            self.tell(f"Could not record that: {reason(error)}", standing=False)
            return False, None
        self._degrade(error)
        return self._write(work)

    def _read(self, work: Callable[[sqlite3.Connection], T], default: T) -> T:
        with self._lock:
            conn = self._conn
            if conn is None:
                return default
            try:
                return work(conn)
            except sqlite3.Error as error:
                if is_busy(error) or not self.can_save:
                    self.tell(f"Could not read the store just now: {reason(error)}", standing=False)
                    return default
                self._degrade(error)
            except Exception as error:
                self.tell(f"Could not read the store: {reason(error)}", standing=False)
                return default
            try:
                return work(self._conn)
            except Exception:  # pragma: no cover - memory databases do not fail
                return default

    def _degrade(self, error: BaseException) -> None:
        """A write failed: carry on in memory, keeping the favourites we can still read."""
        old = self._conn
        rescue: Callable[[sqlite3.Connection], None] = _keep_nothing
        if old is not None:
            with suppress(sqlite3.Error):
                rescue = self._rescue_before_degrading(old)
            with suppress(sqlite3.Error):
                old.close()
        if isinstance(error, sqlite3.Error) and is_damage(error):
            notice = (
                f"The favourites file {self.path} is damaged ({reason(error)}). Favourites "
                "can't be saved; hearts will be kept until you quit."
            )
        else:
            notice = cant_save(self.path.parent if self.path else Path("."), error)
        self._conn = memory_connection()
        self.can_save = False
        rescue(self._conn)
        self.tell(notice)

    def _rescue_before_degrading(
        self, old: sqlite3.Connection
    ) -> Callable[[sqlite3.Connection], None]:
        """Read what must outlive a failed file from ``old``; return how to put it in memory.

        The favourites table overrides this, so the core never imports the tables built on it.
        """
        return _keep_nothing

    # ---------------------------------------------------------------- the writer thread

    def later(self, job: Callable[[], object]) -> None:
        """Run ``job`` on the writer thread, after every job queued before it."""
        with self._lock:
            if self._conn is None:
                return
            if self._writer is None:
                self._writer = threading.Thread(
                    target=self._run_jobs, name="cardgame-store-writer", daemon=True
                )
                self._writer.start()
            self._jobs.put(job)

    def _run_jobs(self) -> None:
        while True:
            job = self._jobs.get()
            try:
                if isinstance(job, _Stop):
                    return
                job()
            except Exception as error:  # a job must never kill the writer
                self.tell(f"Could not record that: {reason(error)}", standing=False)
            finally:
                self._jobs.task_done()

    def flush(self, timeout: float | None = None) -> bool:
        """Wait until every queued job has run; False if ``timeout`` passed first."""
        if self._writer is None:
            return True
        deadline = None if timeout is None else time.monotonic() + timeout
        while self._jobs.unfinished_tasks:
            if deadline is not None and time.monotonic() >= deadline:
                return False
            with self._jobs.all_tasks_done:
                self._jobs.all_tasks_done.wait(0.05)
        return True

    # ---------------------------------------------------------------- closing

    def close(self, wait: float = CLOSE_WAIT) -> None:
        """Let queued writes land (up to ``wait`` seconds), then close; later calls do nothing."""
        writer = self._writer
        if writer is not None and self._conn is not None:
            self._jobs.put(_Stop())
            writer.join(wait)
            if writer.is_alive():
                self._closing.set()  # the pending write gives up at its next try
                writer.join(1.0)
                self.tell("Some of this game's history could not be saved before quitting.")
        self._closing.set()
        with self._lock:
            conn, self._conn = self._conn, None
        if conn is not None:
            with suppress(sqlite3.Error):
                conn.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def _keep_nothing(conn: sqlite3.Connection) -> None:
    """What a store with nothing to rescue puts in its memory database."""
