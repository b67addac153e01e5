"""A cached deck's cards, built the first time they are needed.

Reading the parsed-deck cache gives each deck its values and a summary (counts by audience and
level) at once, which is all setup needs to list it; the cards themselves stay as the cache's
JSON rows until a game, the browser or a favourite asks for them. Building 100,000 cards
(checking every field, then making each ``Card``) took most of a big library's start.

The rows are checked when they are built, as strictly as before: their digest, every field,
and that they add up to the summary the deck was listed with. Rows that fail (a cache forged
with a right digest) are never used: the deck's file is read afresh instead, and the cache
is removed, to be rebuilt on the next start.
"""

from __future__ import annotations

import hashlib
import json
import re
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, overload

from ..text import has_unsafe
from .cache_file import clear_cache
from .model import (
    AUDIENCES,
    ID_PATTERN,
    MAX_PLAYERS,
    MIN_PLAYERS,
    Card,
    Deck,
    DeckError,
    DeckSummary,
    Kind,
    Wildcard,
)

_BUILDING = threading.Lock()  # one deck built at a time, whichever thread asks first
_KINDS = {kind.value: kind for kind in Kind}
_WILDCARDS = {wildcard.value: wildcard for wildcard in Wildcard}
_IDS = re.compile(rf"(?:{ID_PATTERN.pattern}\n)+")
Audiences = dict[tuple[str, ...], frozenset[str]]


class BadCache(Exception):
    """The cache is not what this code writes: ignore it and rebuild."""


def expect(condition: bool) -> None:
    if not condition:
        raise BadCache


# What any damage or forgery in a cache entry can raise while it is checked.
CACHE_ERRORS = (ValueError, KeyError, TypeError, IndexError, BadCache, RecursionError)


def digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def audience_set(value: Any, known: Audiences) -> frozenset[str]:
    """An audience list from the cache as a set, checked; equal sets are shared."""
    key = tuple(value)  # a TypeError for anything but a sequence of hashables
    found = known.get(key)
    if found is None:
        expect(type(value) is list and len(value) > 0)
        expect(all(type(item) is str and item in AUDIENCES for item in key))
        found = known[key] = frozenset(key)
    return found


def cards_from_rows(rows: Any, deck_id: str, known: Audiences) -> tuple[Card, ...]:
    """A deck's cards from the cache's rows, each field checked column by column."""
    expect(type(rows) is list and len(rows) > 0)
    expect(all(type(row) is list and len(row) == 8 for row in rows))
    ids = [row[0] for row in rows]
    expect(all(type(card_id) is str for card_id in ids) and len(set(ids)) == len(ids))
    expect(_IDS.fullmatch("\n".join(ids) + "\n") is not None)
    texts = [row[1] for row in rows] + [row[5] for row in rows if row[5] is not None]
    expect(all(type(text) is str and text for text in texts))
    expect(not has_unsafe("\n".join(texts)))
    expect(all(type(row[2]) is int and 1 <= row[2] <= 3 for row in rows))
    expect(all(type(row[7]) is int and MIN_PLAYERS <= row[7] <= MAX_PLAYERS for row in rows))
    expect(all(row[3] in _KINDS for row in rows))
    expect(all(row[6] is None or (row[3] == "wildcard" and row[6] in _WILDCARDS) for row in rows))
    return tuple(
        Card(
            deck_id, card_id, text, level, _KINDS[kind], audience_set(audience, known),
            follow_up, _WILDCARDS.get(wildcard), min_players,
        )
        for card_id, text, level, kind, audience, follow_up, wildcard, min_players in rows
    )  # fmt: skip


def card_rows(cards: Sequence[Card]) -> bytes:
    """The cache's rows for ``cards``, as JSON (what ``cards_from_rows`` reads back)."""
    rows = [
        [c.id, c.text, c.level, c.kind.value, sorted(c.audience), c.follow_up,
         c.wildcard.value if c.wildcard else None, c.min_players]
        for c in cards
    ]  # fmt: skip
    return json.dumps(rows, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


class LazyCards(Sequence[Card]):
    """A cached deck's cards: its ``summary`` at once, the cards when first asked for.

    Safe from any thread (a lock guards the building). ``rows()`` gives what the cache holds
    (the same bytes while the cards are unbuilt), so rewriting the cache builds nothing.
    """

    __slots__ = ("_cards", "_deck_id", "_digest", "_rows", "_source", "summary")

    def __init__(
        self, summary: DeckSummary, rows: bytes, rows_digest: str, deck_id: str, source: Path
    ) -> None:
        self.summary = summary
        self._rows: bytes | None = rows
        self._digest = rows_digest
        self._deck_id = deck_id
        self._source = source
        self._cards: tuple[Card, ...] | None = None

    @property
    def built(self) -> bool:
        return self._cards is not None

    def rows(self) -> tuple[bytes, str]:
        """The rows as the cache stores them, and their digest."""
        rows = self._rows
        if rows is None:
            rows = card_rows(self._built())
            return rows, digest(rows)
        return rows, self._digest

    def _built(self) -> tuple[Card, ...]:
        cards = self._cards
        if cards is None:
            with _BUILDING:
                if self._cards is None:
                    self._cards = self._build()
                    self._rows = None  # the cards are the truth now; let the bytes go
                cards = self._cards
        return cards

    def _build(self) -> tuple[Card, ...]:
        try:
            rows = self._rows
            expect(rows is not None and digest(rows) == self._digest)
            cards = cards_from_rows(json.loads(rows), self._deck_id, {})
            expect(DeckSummary.of(cards) == self.summary)
            return cards
        except CACHE_ERRORS:
            return self._from_file()

    def _from_file(self) -> tuple[Card, ...]:
        """The cache's rows are not what this code writes: never use them. Read the deck's
        file afresh, and remove the cache so the next start rebuilds it."""
        from .loader import load_file  # YAML and the validator: only for a refused deck

        clear_cache()
        try:
            loaded = load_file(self._source)
        except DeckError:
            loaded = None  # broken since it was cached: no cards rather than untrusted ones
        ok = isinstance(loaded, Deck) and loaded.id == self._deck_id
        cards = tuple(loaded.cards) if ok else ()
        self.summary = DeckSummary.of(cards)
        return cards

    def __len__(self) -> int:
        return len(self._built())

    @overload
    def __getitem__(self, index: int) -> Card: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[Card, ...]: ...
    def __getitem__(self, index):
        return self._built()[index]

    def __iter__(self) -> Iterator[Card]:
        return iter(self._built())

    def __contains__(self, card: object) -> bool:
        return card in self._built()

    def __eq__(self, other: object) -> bool:
        if isinstance(other, LazyCards):
            other = other._built()
        return self._built() == other if isinstance(other, tuple) else NotImplemented

    def __hash__(self) -> int:
        return hash(self._built())

    def __repr__(self) -> str:
        state = "built" if self.built else "not built yet"
        return f"<{self.summary.total} cards of {self._deck_id!r}, {state}>"
