"""Favourites, settings and game history in one SQLite file (stdlib ``sqlite3``; no Textual).

The rules, from issue 6 ("a SQLite store that never loses a heart"):

* One database file in WAL mode with ``synchronous=FULL``, so a heart that ``add_favourite``
  reported as saved survives the process being killed (or the machine losing power).
* Every write is its own short ``BEGIN IMMEDIATE`` transaction, and ``busy_timeout`` lets two
  copies of the game share the file.
* The schema is versioned with ``PRAGMA user_version``; ``MIGRATIONS`` are applied in order, all
  in one transaction, so a half-migrated file never exists.
* A damaged file, or one that is not SQLite, is moved aside (never deleted) to
  ``<name>.corrupt-YYYYmmdd-HHMMSS`` with its ``-wal``/``-shm`` files, and a fresh file is started.
* When nothing can be saved (read-only or uncreatable folder, a file from a newer cardgame, a
  write failing mid-session) the store carries on in memory for the session, so the game plays
  and the heart toggles, and ``notice`` says what happened. No method raises for I/O reasons.
"""

from __future__ import annotations

import errno
import json
import os
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:  # importing cardgame.decks pulls in YAML; start-up does not need it
    from .decks.model import Card

T = TypeVar("T")

BUSY_TIMEOUT_MS = 5000
DEAL_OUTCOMES = ("answered", "passed")
REFLECTION_OUTCOMES = ("yes", "partly", "not_quite")

# Each entry moves the schema from version ``index`` to ``index + 1``. Only ever append.
MIGRATIONS: tuple[tuple[str, ...], ...] = (
    (  # 1: favourites and settings
        """CREATE TABLE favourites (
            deck_id TEXT NOT NULL,
            card_id TEXT NOT NULL,
            text TEXT NOT NULL,
            level INTEGER NOT NULL,
            kind TEXT NOT NULL,
            deck_name TEXT NOT NULL,
            added_at REAL NOT NULL,
            PRIMARY KEY (deck_id, card_id)
        )""",
        """CREATE TABLE settings (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        )""",
    ),
    (  # 2: game history
        """CREATE TABLE games (
            id INTEGER PRIMARY KEY,
            players TEXT NOT NULL,
            settings TEXT NOT NULL,
            started_at REAL NOT NULL,
            ended_at REAL
        )""",
        """CREATE TABLE game_players (
            player_key TEXT NOT NULL,
            game_id INTEGER NOT NULL,
            PRIMARY KEY (player_key, game_id)
        )""",
        """CREATE TABLE deals (
            id INTEGER PRIMARY KEY,
            game_id INTEGER NOT NULL,
            deck_id TEXT NOT NULL,
            card_id TEXT NOT NULL,
            player TEXT NOT NULL,
            outcome TEXT NOT NULL,
            seconds REAL NOT NULL,
            at REAL NOT NULL
        )""",
        "CREATE INDEX deals_by_game ON deals (game_id)",
        """CREATE TABLE reflections (
            id INTEGER PRIMARY KEY,
            game_id INTEGER NOT NULL,
            deck_id TEXT NOT NULL,
            card_id TEXT NOT NULL,
            speaker TEXT NOT NULL,
            listener TEXT NOT NULL,
            attempts INTEGER NOT NULL,
            outcome TEXT NOT NULL,
            at REAL NOT NULL
        )""",
        "CREATE INDEX reflections_by_game ON reflections (game_id)",
    ),
)
SCHEMA_VERSION = len(MIGRATIONS)


@dataclass(frozen=True)
class Favourite:
    deck_id: str
    card_id: str
    text: str
    level: int
    kind: str
    deck_name: str
    added_at: float  # epoch seconds


@dataclass(frozen=True)
class GameSummaryRow:
    game_id: int
    players: list[str]
    settings: dict
    started_at: float
    ended_at: float | None
    cards_answered: int
    cards_passed: int
    reflections: int


class _NewerSchema(Exception):
    """The file was written by a newer cardgame whose schema this one does not know."""

    def __init__(self, version: int) -> None:
        super().__init__(version)
        self.version = version


def _now() -> float:
    """The clock every record is stamped with (epoch seconds); tests replace it."""
    return time.time()


def player_key(name: str) -> str:
    """How player names are compared across games: trimmed, spaces collapsed, case folded."""
    return " ".join(name.split()).casefold()


def migrate(conn: sqlite3.Connection) -> int:
    """Bring the schema up to ``SCHEMA_VERSION`` in one transaction; return the version found.

    ``conn`` must be in autocommit mode (``isolation_level=None``). Raises ``_NewerSchema`` when
    the file is newer than this code, leaving it untouched.
    """
    if conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION:
        return SCHEMA_VERSION
    conn.execute("BEGIN IMMEDIATE")
    try:
        found = conn.execute("PRAGMA user_version").fetchone()[0]  # again, now we hold the lock
        if found > SCHEMA_VERSION:
            raise _NewerSchema(found)
        for statements in MIGRATIONS[found:]:
            for statement in statements:
                conn.execute(statement)
        if found != SCHEMA_VERSION:
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION:d}")
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    return found


def _connect(target: str | Path, *, uri: bool = False) -> sqlite3.Connection:
    conn = sqlite3.connect(target, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, uri=uri)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS:d}")
    return conn


def _memory_connection() -> sqlite3.Connection:
    conn = _connect(":memory:")
    migrate(conn)
    return conn


def _is_damage(error: sqlite3.Error) -> bool:
    """True for "this file is not a (healthy) database", False for "cannot get at the file".

    ``OperationalError`` covers can't-open, read-only, locked and I/O errors; plain
    ``DatabaseError`` is SQLITE_CORRUPT / SQLITE_NOTADB.
    """
    return isinstance(error, sqlite3.DatabaseError) and not isinstance(
        error, sqlite3.OperationalError
    )


def _reason(error: BaseException) -> str:
    if isinstance(error, OSError):
        return error.strerror or str(error)
    return str(error) or type(error).__name__


def _cant_save(folder: Path, error: BaseException | None = None) -> str:
    """The notice for "nothing will be saved", naming what is in the way and why."""
    what, why = folder, "is read-only"
    if isinstance(error, OSError):
        if error.filename:
            what = Path(os.fsdecode(error.filename))
        blocker = _file_in_the_way(what)
        if error.errno in (errno.ENOTDIR, errno.EEXIST) and blocker is not None:
            what, why = blocker, "is a file, not a folder"
        elif not what.exists():
            why = f"can't be created ({_reason(error)})"
        elif error.errno not in (errno.EACCES, errno.EPERM, errno.EROFS):
            why = f"can't be used ({_reason(error)})"
    elif isinstance(error, sqlite3.Error) and "readonly" not in str(error).replace("-", ""):
        why = f"can't be used ({_reason(error)})"
    return (
        f"Favourites can't be saved: {what} {why}. "
        "Hearts will be kept until you quit, then forgotten."
    )


def _file_in_the_way(folder: Path) -> Path | None:
    """The nearest existing ``folder`` or parent of it, if that is a file rather than a folder."""
    for candidate in (folder, *folder.parents):
        if candidate.exists() or candidate.is_symlink():
            return None if candidate.is_dir() else candidate
    return None


class Store:
    """The game's favourites, settings and history. Use ``Store.open`` or ``open_store``."""

    notice: str | None
    path: Path | None
    can_save: bool

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
        self.notice = notice

    # ---------------------------------------------------------------- opening

    @classmethod
    def memory(cls, notice: str | None = None) -> Store:
        """A store that keeps everything in memory for this session only."""
        return cls(_memory_connection(), None, can_save=False, notice=notice)

    @classmethod
    def open(cls, path: Path) -> Store:
        """Open (creating if need be) the store at ``path``; never raises for a bad file/folder."""
        path = Path(path)
        folder = path.parent
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            return cls._unsaved(path, _cant_save(folder, error))
        try:
            conn = cls._open_file(path)
        except _NewerSchema as newer:
            message = (
                f"Favourites can't be saved: {path} was written by a newer cardgame "
                f"(schema {newer.version}; this one knows {SCHEMA_VERSION}). "
                "Hearts will be kept until you quit."
            )
            return cls._unsaved(path, message)
        except sqlite3.Error as error:
            if not _is_damage(error):
                return cls._unsaved(path, _cant_save(folder, error))
            return cls._start_fresh(path, _reason(error))
        except _Damaged as damaged:
            return cls._start_fresh(path, damaged.reason)
        except OSError as error:
            return cls._unsaved(path, _cant_save(folder, error))
        return cls(conn, path, can_save=True)

    @staticmethod
    def _open_file(path: Path) -> sqlite3.Connection:
        if path.exists() and not path.is_file():
            raise IsADirectoryError(errno.EISDIR, "not a file", str(path))
        # Cheap checks first (they do not stop root, whom SQLite will then let write anyway).
        for needed in (path.parent, path):
            if needed.exists() and not os.access(needed, os.W_OK):
                raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(needed))
        if path.exists():
            # An OperationalError here (locked, can't open read-only) is left for the
            # read-write open below to meet or get past.
            with suppress(sqlite3.OperationalError):
                _check_health(path)
        conn = _connect(path)
        try:
            mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if str(mode).lower() != "wal":
                raise sqlite3.OperationalError(f"could not switch to WAL (got {mode})")
            conn.execute("PRAGMA synchronous = FULL")
            migrate(conn)
        except BaseException:
            conn.close()
            raise
        return conn

    @classmethod
    def _start_fresh(cls, path: Path, reason: str) -> Store:
        try:
            moved = _move_aside(path)
        except OSError as error:
            message = (
                f"The favourites file {path} is damaged ({reason}) and could not be moved "
                f"aside ({_reason(error)}). Favourites can't be saved; "
                "hearts will be kept until you quit."
            )
            return cls.memory(message)
        notice = (
            f"The favourites file {path} was damaged ({reason}); it was moved aside to {moved} "
            "and a fresh one was started."
        )
        try:
            conn = cls._open_file(path)
        except (sqlite3.Error, _Damaged, _NewerSchema, OSError) as error:
            return cls._unsaved(path, f"{notice} {_cant_save(path.parent, error)}")
        return cls(conn, path, can_save=True, notice=notice)

    @classmethod
    def _unsaved(cls, path: Path, notice: str) -> Store:
        """An in-memory store seeded with whatever favourites can still be read from ``path``."""
        store = cls.memory(notice)
        store.path = path
        for favourite in _read_favourites(path):
            store._insert_favourite(favourite)
        return store

    # ---------------------------------------------------------------- plumbing

    def _degrade(self, error: BaseException) -> None:
        """A write failed: carry on in memory, keeping the favourites we can still read."""
        old = self._conn
        keep: list[Favourite] = []
        if old is not None:
            try:
                keep = [_favourite(row) for row in old.execute(_SELECT_FAVOURITES)]
            except sqlite3.Error:
                keep = []
            with suppress(sqlite3.Error):
                old.close()
        folder = self.path.parent if self.path else Path(".")
        if isinstance(error, sqlite3.Error) and _is_damage(error):
            self.notice = (
                f"The favourites file {self.path} is damaged ({_reason(error)}). Favourites "
                "can't be saved; hearts will be kept until you quit."
            )
        else:
            self.notice = _cant_save(folder, error)
        self._conn = _memory_connection()
        self.can_save = False
        for favourite in keep:
            self._insert_favourite(favourite)

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        conn = self._conn
        assert conn is not None
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

        If the file fails, the store moves to memory and ``work`` is done there instead, so the
        session carries on; ``saved`` is then False.
        """
        if self._conn is None:
            return False, None
        if self.can_save:
            try:
                with self._transaction() as conn:
                    return True, work(conn)
            except sqlite3.Error as error:
                self._degrade(error)
        try:
            with self._transaction() as conn:
                return False, work(conn)
        except sqlite3.Error as error:  # pragma: no cover - memory databases do not fail
            self.notice = f"Could not record that: {_reason(error)}"
            return False, None

    def _read(self, work: Callable[[sqlite3.Connection], T], default: T) -> T:
        if self._conn is None:
            return default
        try:
            return work(self._conn)
        except sqlite3.Error as error:
            if not self.can_save:  # pragma: no cover - memory databases do not fail
                return default
            self._degrade(error)
        try:
            return work(self._conn)
        except sqlite3.Error:  # pragma: no cover
            return default

    def _insert_favourite(self, favourite: Favourite) -> None:
        def insert(conn: sqlite3.Connection) -> None:
            conn.execute(_INSERT_FAVOURITE, _favourite_row(favourite))

        self._write(insert)

    # ---------------------------------------------------------------- favourites

    def add_favourite(self, card: Card, deck_name: str) -> bool:
        """Heart a card. True once it is durably committed to disk; adding twice is harmless."""
        favourite = Favourite(
            deck_id=card.deck_id,
            card_id=card.id,
            text=card.text,
            level=int(card.level),
            kind=str(getattr(card.kind, "value", card.kind)),
            deck_name=deck_name,
            added_at=_now(),
        )

        def insert(conn: sqlite3.Connection) -> None:
            conn.execute(_INSERT_FAVOURITE, _favourite_row(favourite))

        saved, _ = self._write(insert)
        return saved

    def remove_favourite(self, deck_id: str, card_id: str) -> bool:
        """Un-heart a card. True once the removal is durably committed (even if it was absent)."""

        def delete(conn: sqlite3.Connection) -> None:
            conn.execute(
                "DELETE FROM favourites WHERE deck_id = ? AND card_id = ?", (deck_id, card_id)
            )

        saved, _ = self._write(delete)
        return saved

    def is_favourite(self, deck_id: str, card_id: str) -> bool:
        def query(conn: sqlite3.Connection) -> bool:
            row = conn.execute(
                "SELECT 1 FROM favourites WHERE deck_id = ? AND card_id = ?", (deck_id, card_id)
            ).fetchone()
            return row is not None

        return self._read(query, False)

    def favourite_keys(self) -> set[tuple[str, str]]:
        def query(conn: sqlite3.Connection) -> set[tuple[str, str]]:
            return {(d, c) for d, c in conn.execute("SELECT deck_id, card_id FROM favourites")}

        return self._read(query, set())

    def favourites(self) -> list[Favourite]:
        """Every favourite, ordered by deck name, then the time it was added."""

        def query(conn: sqlite3.Connection) -> list[Favourite]:
            return [_favourite(row) for row in conn.execute(_SELECT_FAVOURITES)]

        return self._read(query, [])

    # ---------------------------------------------------------------- history

    def start_game(self, players: list[str], settings: dict) -> int | None:
        """Record a game starting; its id for the ``record_*`` calls (None if nothing recorded)."""
        players = [str(player) for player in players]
        settings_json = json.dumps(settings, ensure_ascii=False, sort_keys=True, default=str)

        def insert(conn: sqlite3.Connection) -> int:
            cursor = conn.execute(
                "INSERT INTO games (players, settings, started_at) VALUES (?, ?, ?)",
                (json.dumps(players, ensure_ascii=False), settings_json, _now()),
            )
            game_id = int(cursor.lastrowid or 0)
            keys = {player_key(player) for player in players}
            conn.executemany(
                "INSERT OR IGNORE INTO game_players (player_key, game_id) VALUES (?, ?)",
                [(key, game_id) for key in sorted(keys)],
            )
            return game_id

        _, game_id = self._write(insert)
        return game_id

    def record_deal(
        self,
        game_id: int | None,
        deck_id: str,
        card_id: str,
        player: str,
        outcome: str,
        seconds: float,
    ) -> None:
        """Record one card dealt to ``player``: ``outcome`` is "answered" or "passed"."""
        if game_id is None:
            return
        if outcome not in DEAL_OUTCOMES:
            raise ValueError(f"deal outcome must be one of {DEAL_OUTCOMES}, not {outcome!r}")

        def insert(conn: sqlite3.Connection) -> None:
            conn.execute(
                "INSERT INTO deals (game_id, deck_id, card_id, player, outcome, seconds, at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (game_id, deck_id, card_id, player, outcome, float(seconds), _now()),
            )

        self._write(insert)

    def record_reflection(
        self,
        game_id: int | None,
        deck_id: str,
        card_id: str,
        speaker: str,
        listener: str,
        attempts: int,
        outcome: str,
    ) -> None:
        """Record one listening-reflection round: ``outcome`` is "yes", "partly" or "not_quite"."""
        if game_id is None:
            return
        if outcome not in REFLECTION_OUTCOMES:
            raise ValueError(
                f"reflection outcome must be one of {REFLECTION_OUTCOMES}, not {outcome!r}"
            )

        def insert(conn: sqlite3.Connection) -> None:
            conn.execute(
                "INSERT INTO reflections"
                " (game_id, deck_id, card_id, speaker, listener, attempts, outcome, at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (game_id, deck_id, card_id, speaker, listener, int(attempts), outcome, _now()),
            )

        self._write(insert)

    def finish_game(self, game_id: int | None) -> None:
        if game_id is None:
            return

        def update(conn: sqlite3.Connection) -> None:
            conn.execute(
                "UPDATE games SET ended_at = ? WHERE id = ? AND ended_at IS NULL",
                (_now(), game_id),
            )

        self._write(update)

    def games(self) -> list[GameSummaryRow]:
        """Every recorded game, newest first, with its counts."""

        def query(conn: sqlite3.Connection) -> list[GameSummaryRow]:
            rows = conn.execute(
                """SELECT g.id, g.players, g.settings, g.started_at, g.ended_at,
                    (SELECT COUNT(*) FROM deals d
                        WHERE d.game_id = g.id AND d.outcome = 'answered'),
                    (SELECT COUNT(*) FROM deals d
                        WHERE d.game_id = g.id AND d.outcome = 'passed'),
                    (SELECT COUNT(*) FROM reflections r WHERE r.game_id = g.id)
                FROM games g ORDER BY g.started_at DESC, g.id DESC"""
            )
            return [
                GameSummaryRow(
                    game_id=row[0],
                    players=_json_list(row[1]),
                    settings=_json_dict(row[2]),
                    started_at=row[3],
                    ended_at=row[4],
                    cards_answered=row[5],
                    cards_passed=row[6],
                    reflections=row[7],
                )
                for row in rows
            ]

        return self._read(query, [])

    def last_seen(self, players: list[str]) -> dict[tuple[str, str], float]:
        """When each card was last dealt in a game shared with any of ``players``.

        "Same table" means any shared player name (compared trimmed and case-folded). Every
        recorded game counts, finished or not.
        """
        keys = sorted({player_key(player) for player in players})
        if not keys:
            return {}

        def query(conn: sqlite3.Connection) -> dict[tuple[str, str], float]:
            marks = ", ".join("?" * len(keys))
            rows = conn.execute(
                f"""SELECT deck_id, card_id, MAX(at) FROM deals WHERE game_id IN
                    (SELECT game_id FROM game_players WHERE player_key IN ({marks}))
                GROUP BY deck_id, card_id""",
                keys,
            )
            return {(deck_id, card_id): at for deck_id, card_id, at in rows}

        return self._read(query, {})

    # ---------------------------------------------------------------- settings

    def get_setting(self, key: str, default: Any = None) -> Any:
        def query(conn: sqlite3.Connection) -> Any:
            row = conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
            if row is None:
                return default
            try:
                return json.loads(row[0])
            except ValueError:
                return default

        return self._read(query, default)

    def set_setting(self, key: str, value: Any) -> None:
        """Store ``value`` as JSON (a TypeError for values JSON cannot hold)."""
        encoded = json.dumps(value, ensure_ascii=False)

        def upsert(conn: sqlite3.Connection) -> None:
            conn.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?)"
                " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (key, encoded),
            )

        self._write(upsert)

    # ---------------------------------------------------------------- closing

    def close(self) -> None:
        conn, self._conn = self._conn, None
        if conn is not None:
            with suppress(sqlite3.Error):
                conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


class _Damaged(Exception):
    """``quick_check`` found the file damaged."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


_INSERT_FAVOURITE = (
    "INSERT INTO favourites (deck_id, card_id, text, level, kind, deck_name, added_at)"
    " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (deck_id, card_id) DO NOTHING"
)
_SELECT_FAVOURITES = (
    "SELECT deck_id, card_id, text, level, kind, deck_name, added_at FROM favourites"
    " ORDER BY deck_name COLLATE NOCASE, deck_name, added_at, deck_id, card_id"
)


def _favourite_row(favourite: Favourite) -> tuple[Any, ...]:
    return (
        favourite.deck_id,
        favourite.card_id,
        favourite.text,
        favourite.level,
        favourite.kind,
        favourite.deck_name,
        favourite.added_at,
    )


def _favourite(row: tuple[Any, ...]) -> Favourite:
    return Favourite(
        deck_id=row[0],
        card_id=row[1],
        text=row[2],
        level=row[3],
        kind=row[4],
        deck_name=row[5],
        added_at=row[6],
    )


def _json_list(text: str) -> list[str]:
    try:
        value = json.loads(text)
    except ValueError:
        return []
    return [str(item) for item in value] if isinstance(value, list) else []


def _json_dict(text: str) -> dict:
    try:
        value = json.loads(text)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


SQLITE_MAGIC = b"SQLite format 3\x00"
HEADER_BYTES = 100


def _check_health(path: Path) -> None:
    """Raise ``_Damaged`` if the file at ``path`` is not a healthy SQLite database.

    The check never writes: the header is read by hand, and the rest is checked through a
    read-only connection, because SQLite closing a read-write connection to a damaged file can
    delete the ``-wal`` and ``-shm`` beside it, and nothing may ever be deleted. A
    ``quick_check`` failure is confirmed with the fuller ``integrity_check`` before the file is
    called damaged (some SQLite versions give false alarms in ``quick_check``).
    """
    with path.open("rb") as handle:
        head = handle.read(HEADER_BYTES)
    if head and (len(head) < HEADER_BYTES or not head.startswith(SQLITE_MAGIC)):
        raise _Damaged("not an SQLite database")
    conn = _connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        for check in ("quick_check", "integrity_check"):
            rows = conn.execute(f"PRAGMA {check}").fetchall()
            if [tuple(row) for row in rows] == [("ok",)]:
                return
        raise _Damaged("; ".join(str(row[0]) for row in rows[:3]))
    except sqlite3.DatabaseError as error:
        if not _is_damage(error):
            raise
        raise _Damaged(_reason(error)) from None
    finally:
        conn.close()


def _stamp() -> str:
    return time.strftime("%Y%m%d-%H%M%S")


def _move_aside(path: Path) -> Path:
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


def _read_favourites(path: Path) -> list[Favourite]:
    """Best effort: the favourites in a file we cannot write to, read without changing it."""
    if not path.is_file():
        return []
    try:
        uri = path.resolve().as_uri()
    except (OSError, ValueError):
        return []
    for query in ("?mode=ro", "?mode=ro&immutable=1"):
        try:
            conn = _connect(uri + query, uri=True)
        except sqlite3.Error:
            continue
        try:
            return [_favourite(row) for row in conn.execute(_SELECT_FAVOURITES)]
        except sqlite3.Error:
            continue
        finally:
            conn.close()
    return []


def open_store(path: Path | None = None) -> Store:
    """Open the game's store (by default at ``paths.database_path()``). Never raises for I/O."""
    if path is None:
        try:
            from . import paths  # platformdirs is only needed to find the default place

            path = paths.database_path()
        except Exception as error:  # platformdirs can fail on an odd environment
            return Store.memory(f"Favourites can't be saved: no data folder ({error}).")
    return Store.open(path)
