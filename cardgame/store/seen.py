"""When each card was last seen by a table: what "unseen first" orders a game's cards by.

A table is a set of players (names compared as ``player_key`` does), and it has seen a card when
the card was dealt in any game it shares a player with. Two summaries are kept as deals are
written, so a game start never scans the history:

* ``card_last_seen``: per player and card, the last time it was dealt at a table the player sat
  at. Any table can be answered from it, but only by merging its players' rows (a sort of players
  x cards rows: 25 ms for four players who have seen 6,000 cards).
* ``table_seen``: per *table*, the answer itself, one packed row per deck (see ``seen_tables``),
  for the ``TABLES_KEPT`` tables that started a game most recently. A table's summary is built
  from ``card_last_seen`` when it starts a game (on the store's writer thread, in the same
  transaction), then each deal updates the summaries of every kept table that shares a player
  with the game. Asking for a kept table reads a row per deck and decodes it at C speed: no
  merge, no row or object per card but the dict the dealer looks up (``seen_by_deck``).

A damaged summary row is never trusted: the answer comes from the merge instead, and the next
deal of that deck rebuilds the row.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from typing import NamedTuple

from .core import StoreCore, storable
from .schema import player_key
from .seen_tables import DAMAGED, kept_table, latest_table, merged_rows, unpack

SeenCards = dict[tuple[str, str], float]
SeenByDeck = dict[str, dict[str, float]]  # deck id -> card id -> when (epoch seconds)


def table_key(players: Iterable[str]) -> list[str]:
    """The table's players as the store compares them: keys, sorted, each once."""
    return sorted({player_key(storable(str(player))) for player in players})


def _deck_filter(deck_ids: Iterable[str] | None) -> tuple[str, list[str]]:
    if deck_ids is None:
        return "", []
    decks = sorted({storable(str(deck_id)) for deck_id in deck_ids})
    return f" AND deck_id IN ({', '.join('?' * len(decks))})", decks


def read_seen_by_deck(
    conn: sqlite3.Connection, keys: list[str], deck_ids: Iterable[str] | None
) -> SeenByDeck:
    """By deck, then card: when the table last saw it. A kept table's answer is a row per
    deck, decoded at C speed; any other table's is the merge of its players' rows."""
    where, decks = _deck_filter(deck_ids)
    table_id = kept_table(conn, keys)
    if table_id is not None:
        rows = conn.execute(
            f"SELECT deck_id, cards, times FROM table_seen WHERE table_id = ?{where}",
            [table_id, *decks],
        )
        try:
            # ``unpack`` checked that ids and times match in number.
            return {
                deck: dict(zip(*unpack(cards, times), strict=False)) for deck, cards, times in rows
            }
        except DAMAGED:
            pass  # never trusted: the merge below is the answer
    by_deck: SeenByDeck = {}
    for deck, card, at in merged_rows(conn, keys, where, decks):
        by_deck.setdefault(deck, {})[card] = at
    return by_deck


def read_last_seen(
    conn: sqlite3.Connection, keys: list[str], deck_ids: Iterable[str] | None
) -> SeenCards:
    """``read_seen_by_deck`` keyed by ``(deck_id, card_id)``."""
    return {
        (deck, card): at
        for deck, cards in read_seen_by_deck(conn, keys, deck_ids).items()
        for card, at in cards.items()
    }


def data_version(conn: sqlite3.Connection) -> int:
    """Changes whenever another connection (another copy of the game) commits to the file."""
    return int(conn.execute("PRAGMA data_version").fetchone()[0])


class ReadAhead(NamedTuple):
    """A kept table's whole answer, read before its game start asks (``read_ahead``)."""

    keys: list[str]
    conn: sqlite3.Connection
    deals: int  # ``deals_written`` when it was read
    version: int  # ``data_version`` when it was read
    seen: SeenByDeck  # every deck's

    def fresh(self, keys: list[str], conn: sqlite3.Connection, deals: int) -> bool:
        """Still the answer: same table and file, and no deal written since, here or elsewhere."""
        return (
            keys == self.keys
            and conn is self.conn
            and deals == self.deals
            and data_version(conn) == self.version
        )

    def decks(self, deck_ids: Iterable[str] | None) -> SeenByDeck:
        if deck_ids is None:
            return dict(self.seen)
        seen = self.seen
        return {deck: seen[deck] for deck in {storable(str(d)) for d in deck_ids} if deck in seen}


class SeenByTables(StoreCore):
    """``last_seen``: the store's answer to "which cards has this table seen, and when"."""

    deals_written: int  # kept by ``HistoryTables.record_deal``
    _ahead: ReadAhead | None = None

    def last_seen(self, players: list[str], deck_ids: Iterable[str] | None = None) -> SeenCards:
        """When each card was last dealt in a game shared with any of ``players``.

        "Same table" means any shared player name (compared trimmed and case-folded). Every
        recorded game counts, finished or not. ``deck_ids`` limits the answer to those decks
        (what a game can deal), which keeps it small however much the table has played.
        """
        keys = table_key(players)
        if not keys:
            return {}
        return self._read(lambda conn: read_last_seen(conn, keys, deck_ids), {})

    def seen_by_deck(self, players: list[str], deck_ids: Iterable[str] | None = None) -> SeenByDeck:
        """``last_seen`` as a game start wants it: by deck, then card (what the dealer's
        ``LastSeen`` takes). Read-only: the inner dicts may be shared with a read ahead.

        A table that started a game here lately (see the module notes) is read in a few
        milliseconds even with thousands of cards seen; if it was read ahead and nothing was
        dealt since, its answer is taken from memory."""
        keys = table_key(players)
        if not keys:
            return {}

        def read(conn: sqlite3.Connection) -> SeenByDeck:
            ahead = self._ahead
            if ahead is not None and ahead.fresh(keys, conn, self.deals_written):
                return ahead.decks(deck_ids)
            return read_seen_by_deck(conn, keys, deck_ids)

        return self._read(read, {})

    def read_ahead(self, players: list[str] | None = None) -> None:
        """Read a kept table's whole answer now, so its next game start takes it from memory:
        ``players``' table, or else the one that started a game last. For the writer thread
        (``later``): when the game opens, and when a game ends ("play again")."""

        def read(conn: sqlite3.Connection) -> ReadAhead | None:
            keys = table_key(players) if players is not None else latest_table(conn)
            if not keys or kept_table(conn, keys) is None:
                return None  # only a kept table is worth it: the others are not kept up to date
            version = data_version(conn)
            seen = read_seen_by_deck(conn, keys, None)
            return ReadAhead(keys, conn, self.deals_written, version, seen)

        self._ahead = self._read(read, None)
