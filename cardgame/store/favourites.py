"""Favourite cards: each heart keeps a copy of its card, so it outlives its deck."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from itertools import starmap
from typing import TYPE_CHECKING, Any

from .core import StoreCore, storable

if TYPE_CHECKING:  # importing cardgame.decks pulls in YAML; start-up does not need it
    from ..decks.model import Card

Key = tuple[str, str]


@dataclass(slots=True, unsafe_hash=True)
class Favourite:
    """A heart, with a copy of its card; a value, never changed once made (hashable as one).

    Not ``frozen``: a frozen dataclass sets each field through ``object.__setattr__``, and
    5,000 favourites read from the store took 7 ms to make that way; these take one."""

    deck_id: str
    card_id: str
    text: str
    level: int
    kind: str
    deck_name: str
    added_at: float  # epoch seconds

    @property
    def key(self) -> Key:
        return (self.deck_id, self.card_id)


_COLUMNS = "deck_id, card_id, text, level, kind, deck_name, added_at"
_INSERT = (
    f"INSERT INTO favourites ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)"
    " ON CONFLICT (deck_id, card_id) DO NOTHING"
)
_SELECT = (
    f"SELECT {_COLUMNS} FROM favourites"
    " ORDER BY deck_name COLLATE NOCASE, deck_name, added_at, deck_id, card_id"
)
_COUNT = "SELECT COUNT(*) FROM favourites"
_WHERE_KEY = " WHERE deck_id = ? AND card_id = ?"


def _row(favourite: Favourite) -> tuple[Any, ...]:
    return (
        storable(favourite.deck_id),
        storable(favourite.card_id),
        storable(favourite.text),
        int(favourite.level),
        storable(favourite.kind),
        storable(favourite.deck_name),
        float(favourite.added_at),
    )


def _favourite(row: tuple[Any, ...]) -> Favourite:
    return Favourite(*row)


def select_favourites(conn: sqlite3.Connection, limit: int = -1) -> list[Favourite]:
    """Every favourite (or the first ``limit``) in list order, read along the index
    ``favourites_in_order``: no sort, so the first few come at once however many there are."""
    return list(starmap(Favourite, conn.execute(_SELECT + " LIMIT ?", (limit,))))


def copy_favourites(conn: sqlite3.Connection, favourites: list[Favourite]) -> None:
    conn.executemany(_INSERT, [_row(favourite) for favourite in favourites])


class FavouritesTable(StoreCore):
    """The store's favourite cards."""

    def _rescue_before_degrading(self, old: sqlite3.Connection):
        """Hearts already given are kept in memory when the file fails."""
        keep = select_favourites(old)
        return lambda conn: copy_favourites(conn, keep)

    def add_favourite(self, card: Card, deck_name: str) -> bool:
        """Heart a card. True once it is durably committed to disk; adding twice is harmless."""
        favourite = Favourite(
            deck_id=card.deck_id,
            card_id=card.id,
            text=card.text,
            level=int(card.level),
            kind=str(getattr(card.kind, "value", card.kind)),
            deck_name=deck_name,
            added_at=self.now(),
        )
        return self.put_favourite(favourite)

    def put_favourite(self, favourite: Favourite) -> bool:
        """Keep ``favourite`` exactly as given (undo puts a heart back with its own time)."""
        saved, added = self._write(lambda conn: conn.execute(_INSERT, _row(favourite)).rowcount)
        if added and not saved:
            self._memory_only.add(favourite.key)
        return saved

    def remove_favourite(self, deck_id: str, card_id: str) -> bool:
        """Un-heart a card. True once the removal is durably committed (even if it was absent)."""
        return self.take_favourite(deck_id, card_id)[0]

    def take_favourite(self, deck_id: str, card_id: str) -> tuple[bool, Favourite | None]:
        """Remove a heart: (saved to disk, the favourite as it was, if there was one)."""
        key = (storable(deck_id), storable(card_id))

        def take(conn: sqlite3.Connection) -> Favourite | None:
            row = conn.execute(f"SELECT {_COLUMNS} FROM favourites{_WHERE_KEY}", key).fetchone()
            conn.execute(f"DELETE FROM favourites{_WHERE_KEY}", key)
            return _favourite(row) if row else None

        saved, taken = self._write(take)
        self._memory_only.discard(key)
        return saved, taken

    def is_favourite(self, deck_id: str, card_id: str) -> bool:
        key = (storable(deck_id), storable(card_id))
        return self._read(
            lambda conn: (
                conn.execute(f"SELECT 1 FROM favourites{_WHERE_KEY}", key).fetchone() is not None
            ),
            False,
        )

    def is_saved(self, favourite: Favourite) -> bool:
        """False for a heart kept only in memory (the file could not take it)."""
        return favourite.key not in self._memory_only

    def favourite_keys(self) -> set[Key]:
        sql = "SELECT deck_id, card_id FROM favourites"
        return self._read(lambda conn: {(d, c) for d, c in conn.execute(sql)}, set())

    def favourites(self, limit: int | None = None) -> list[Favourite]:
        """Every favourite (or the first ``limit``), by deck name, then the time it was added."""
        if limit is None:
            return self._read(select_favourites, [])
        return self._read(lambda conn: select_favourites(conn, int(limit)), [])

    def favourite_count(self) -> int:
        return self._read(lambda conn: conn.execute(_COUNT).fetchone()[0], 0)
