"""Opening the store's file, and recovering when it is damaged, locked away or from the future.

* A file from a newer cardgame is not touched at all: it is opened read-only first and its
  ``user_version`` checked before anything (even the journal mode) could change it.
* The full ``quick_check`` runs only when there is reason to doubt the file: a ``-wal`` left
  beside it (the last run did not close cleanly, or another copy is running), a header that
  promises more pages than the file holds, or an error while opening. A clean file opens fast.
* A damaged file, or one that is not SQLite, is moved aside (never deleted) to
  ``<name>.corrupt-YYYYmmdd-HHMMSS`` with its ``-wal``/``-shm`` files, and a fresh file is started.
* When nothing can be saved the store carries on in memory, seeded with whatever favourites
  can still be read, and says so in a notice.
* A new file is built whole beside its place (no journal: nobody can see it yet), flushed to
  disk, then linked into place, which never replaces a file another copy made meanwhile; the
  folder is flushed after. That costs two flushes instead of SQLite's nine, and no journal file
  written then deleted (each deletion of a written file is milliseconds on ext4). Where links
  are not possible the file is created in place, as before.
"""

from __future__ import annotations

import errno
import os
import sqlite3
import threading
import time
from contextlib import suppress
from pathlib import Path

from . import schema
from .core import RETRY_PAUSE, StoreCore, connect, is_busy, memory_connection
from .favourites import Favourite, copy_favourites, select_favourites
from .problems import cant_save, is_damage, reason

SQLITE_MAGIC = b"SQLite format 3\x00"
HEADER_BYTES = 100
OPEN_PATIENCE = 5.0  # seconds opening waits for another copy's lock before playing unsaved
_pause = time.sleep  # tests replace it


class Damaged(Exception):
    """The file is not a healthy SQLite database."""

    def __init__(self, why: str) -> None:
        super().__init__(why)
        self.reason = why


class Opening(StoreCore):
    """How a ``Store`` comes to be: ``Store.open(path)`` or ``Store.memory()``."""

    @classmethod
    def memory(cls, notice: str | None = None):
        """A store that keeps everything in memory for this session only."""
        return cls(memory_connection(), None, can_save=False, notice=notice)

    @classmethod
    def open(cls, path: Path):
        """Open (creating if need be) the store at ``path``; never raises for a bad file/folder."""
        path = Path(path)
        folder = path.parent
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            return cls._unsaved(path, cant_save(folder, error))
        try:
            conn = open_file_when_free(path)
        except schema.NewerSchema as newer:
            message = (
                f"Favourites can't be saved: {path} was written by a newer cardgame "
                f"(schema {newer.version}; this one knows {schema.SCHEMA_VERSION}). "
                "Hearts will be kept until you quit."
            )
            return cls._unsaved(path, message)
        except sqlite3.Error as error:
            if not is_damage(error):
                return cls._unsaved(path, cant_save(folder, error))
            return cls._start_fresh(path, reason(error))
        except Damaged as damaged:
            return cls._start_fresh(path, damaged.reason)
        except OSError as error:
            return cls._unsaved(path, cant_save(folder, error))
        return cls(conn, path, can_save=True)

    @classmethod
    def _start_fresh(cls, path: Path, why: str):
        try:
            moved = move_aside(path)
        except OSError as error:
            message = (
                f"The favourites file {path} is damaged ({why}) and could not be moved "
                f"aside ({reason(error)}). Favourites can't be saved; "
                "hearts will be kept until you quit."
            )
            return cls.memory(message)
        notice = (
            f"The favourites file {path} was damaged ({why}); it was moved aside to {moved} "
            "and a fresh one was started."
        )
        try:
            conn = open_file_when_free(path)
        except (sqlite3.Error, Damaged, schema.NewerSchema, OSError) as error:
            return cls._unsaved(path, f"{notice} {cant_save(path.parent, error)}")
        return cls(conn, path, can_save=True, notice=notice)

    @classmethod
    def _unsaved(cls, path: Path, notice: str):
        """An in-memory store seeded with whatever favourites can still be read from ``path``."""
        store = cls.memory(notice)
        store.path = path
        with store._lock:
            copy_favourites(store._conn, read_favourites(path))
        return store


def open_file_when_free(path: Path, patience: float = OPEN_PATIENCE) -> sqlite3.Connection:
    """``open_file``, waiting up to ``patience`` seconds for a lock held elsewhere.

    Another copy may be creating or migrating the file at this moment: that is no reason to
    play without saving.
    """
    deadline = time.monotonic() + patience
    while True:
        try:
            return open_file(path)
        except sqlite3.OperationalError as error:
            if not is_busy(error) or time.monotonic() >= deadline:
                raise
        _pause(RETRY_PAUSE)


def open_file(path: Path) -> sqlite3.Connection:
    """A read-write connection to a healthy file at the current schema; raises otherwise."""
    if path.exists() and not path.is_file():
        raise IsADirectoryError(errno.EISDIR, "not a file", str(path))
    # Cheap checks first (they do not stop root, whom SQLite will then let write anyway).
    for needed in (path.parent, path):
        if needed.exists() and not os.access(needed, os.W_OK):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(needed))
    built = not path.exists() and build_new_file(path)
    if not built and path.exists():
        look_before_opening(path)
    conn = connect(path)
    try:
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if str(mode).lower() != "wal":
            raise sqlite3.OperationalError(f"could not switch to WAL (got {mode})")
        conn.execute("PRAGMA synchronous = FULL")
        schema.migrate(conn)
    except BaseException:
        conn.close()
        raise
    return conn


def build_new_file(path: Path) -> bool:
    """Put a new store file at ``path`` (see the module notes); False if it was not put there
    (another copy made one first, or the folder cannot take it this way)."""
    aside = path.with_name(f".{path.name}.new-{os.getpid()}-{threading.get_ident()}")
    try:
        with suppress(FileNotFoundError):
            os.unlink(aside)  # left by a copy that died building it
        conn = sqlite3.connect(aside, isolation_level=None)
        try:
            conn.execute("PRAGMA journal_mode = OFF")
            conn.execute("PRAGMA synchronous = OFF")
            schema.migrate(conn)
            conn.execute("PRAGMA journal_mode = WAL")  # written in the file's header
        finally:
            conn.close()
        _flush(aside)
        os.link(aside, path)
    except (OSError, sqlite3.Error):
        return False
    finally:
        with suppress(OSError):
            os.unlink(aside)
    with suppress(OSError):  # the new name survives a crash (not possible everywhere)
        _flush(path.parent)
    return True


def _flush(target: Path) -> None:
    handle = os.open(target, os.O_RDONLY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


def look_before_opening(path: Path) -> None:
    """Check an existing file without changing it: ``Damaged`` or ``NewerSchema`` if need be.

    The header is read by hand; the rest through a read-only connection, because SQLite closing
    a read-write connection to a damaged file can delete the ``-wal`` and ``-shm`` beside it,
    and nothing may ever be deleted. A ``quick_check`` failure is confirmed with the fuller
    ``integrity_check`` before the file is called damaged (some SQLite versions give false
    alarms in ``quick_check``). A read-only open that fails (locked, say) is left for the
    read-write open to meet or get past.
    """
    with path.open("rb") as handle:
        head = handle.read(HEADER_BYTES)
    if not head:
        return  # an empty file is a valid, empty database
    if len(head) < HEADER_BYTES or not head.startswith(SQLITE_MAGIC):
        raise Damaged("not an SQLite database")
    doubtful = _left_unclean(path) or _shorter_than_its_header(path, head)
    try:
        conn = connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.OperationalError:
        return
    try:
        version = schema.user_version(conn)
        if version > schema.SCHEMA_VERSION:
            raise schema.NewerSchema(version)
        conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
        if doubtful:
            _full_check(conn)
    except sqlite3.OperationalError:
        return
    except sqlite3.DatabaseError as error:
        raise Damaged(reason(error)) from None
    finally:
        conn.close()


def _left_unclean(path: Path) -> bool:
    """A non-empty ``-wal`` means the last run was killed, or another copy has the file open."""
    with suppress(OSError):
        return Path(f"{path}-wal").stat().st_size > 0
    return False


def _shorter_than_its_header(path: Path, head: bytes) -> bool:
    """True when the header's page count (if trustworthy) needs more bytes than the file has."""
    page_size = int.from_bytes(head[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    change_counter, valid_for = head[24:28], head[92:96]
    pages = int.from_bytes(head[28:32], "big")
    if change_counter != valid_for or pages == 0:
        return False  # SQLite itself then goes by the file's size
    with suppress(OSError):
        return path.stat().st_size < pages * page_size
    return False


def _full_check(conn: sqlite3.Connection) -> None:
    for check in ("quick_check", "integrity_check"):
        rows = conn.execute(f"PRAGMA {check}").fetchall()
        if [tuple(row) for row in rows] == [("ok",)]:
            return
    raise Damaged("; ".join(str(row[0]) for row in rows[:3]))


def _stamp() -> str:
    return time.strftime("%Y%m%d-%H%M%S")


def move_aside(path: Path) -> Path:
    """Rename ``path`` (and its ``-wal``/``-shm``) to ``<name>.corrupt-<stamp>``; never delete."""
    base = path.with_name(f"{path.name}.corrupt-{_stamp()}")
    target = base
    number = 1
    while any(
        Path(f"{target}{suffix}").exists() or Path(f"{target}{suffix}").is_symlink()
        for suffix in ("", "-wal", "-shm")
    ):
        target = base.with_name(f"{base.name}-{number}")
        number += 1
    os.rename(path, target)
    for suffix in ("-wal", "-shm"):
        side = Path(f"{path}{suffix}")
        if side.exists() or side.is_symlink():
            # A stale -wal left beside a fresh file would be replayed into it, so a failure
            # here must stop the fresh start (the caller falls back to memory).
            os.rename(side, Path(f"{target}{suffix}"))
    return target


def read_favourites(path: Path) -> list[Favourite]:
    """Best effort: the favourites in a file we cannot write to, read without changing it."""
    if not path.is_file():
        return []
    try:
        uri = path.resolve().as_uri()
    except (OSError, ValueError):
        return []
    for query in ("?mode=ro", "?mode=ro&immutable=1"):
        try:
            conn = connect(uri + query, uri=True)
        except sqlite3.Error:
            continue
        try:
            return select_favourites(conn)
        except sqlite3.Error:
            continue
        finally:
            conn.close()
    return []
