"""Game history: games, the cards dealt and the reflections, written as the game goes.

Two things are kept up to date as deals are written, so reading stays flat however long the
history grows: each game's counts (for ``history``), and when each card was last dealt at a
table (for "unseen first", see ``seen``).
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass

from .core import storable
from .seen import SeenByTables, table_key
from .seen_tables import keep_table, seen_by_kept_tables

DEAL_OUTCOMES = ("answered", "passed")
REFLECTION_OUTCOMES = ("yes", "partly", "not_quite", "declined")


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
    finished: bool  # False for a game left (or cut off) before its end


def _json(value: object) -> str:
    return storable(json.dumps(value, ensure_ascii=False, sort_keys=True, default=str))


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


def _checked(outcome: object, allowed: tuple[str, ...], what: str) -> str:
    outcome = str(getattr(outcome, "value", outcome))
    if outcome not in allowed:
        raise ValueError(f"{what} outcome must be one of {allowed}, not {outcome!r}")
    return outcome


_SEEN = """INSERT INTO card_last_seen (player_key, deck_id, card_id, at)
    SELECT player_key, ?, ?, ? FROM game_players WHERE game_id = ?
    ON CONFLICT (player_key, deck_id, card_id) DO UPDATE SET at = MAX(at, excluded.at)"""


class HistoryTables(SeenByTables):
    """The store's record of games played (and, as it is written, what each table has seen)."""

    deals_written = 0  # deals this store has recorded (a read ahead is stale once it grows)

    def start_game(self, players: list[str], settings: dict) -> int | None:
        """Record a game starting; its id for the ``record_*`` calls (None if nothing recorded)."""
        players = [storable(str(player)) for player in players]
        started_at = self.now()

        def insert(conn: sqlite3.Connection) -> int:
            cursor = conn.execute(
                "INSERT INTO games (players, settings, started_at) VALUES (?, ?, ?)",
                (_json(players), _json(settings), started_at),
            )
            game_id = int(cursor.lastrowid or 0)
            keys = table_key(players)
            conn.executemany(
                "INSERT OR IGNORE INTO game_players (player_key, game_id) VALUES (?, ?)",
                [(key, game_id) for key in keys],
            )
            keep_table(conn, keys, started_at)  # its next game starts without a merge
            return game_id

        return self._write(insert)[1]

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
        outcome = _checked(outcome, DEAL_OUTCOMES, "deal")
        deck_id, card_id, player = storable(deck_id), storable(card_id), storable(str(player))
        at = self.now()
        counter = "answered" if outcome == "answered" else "passed"

        def insert(conn: sqlite3.Connection) -> None:
            conn.execute(
                "INSERT INTO deals (game_id, deck_id, card_id, player, outcome, seconds, at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (game_id, deck_id, card_id, player, outcome, float(seconds), at),
            )
            conn.execute(f"UPDATE games SET {counter} = {counter} + 1 WHERE id = ?", (game_id,))
            conn.execute(_SEEN, (deck_id, card_id, at, game_id))
            seen_by_kept_tables(conn, game_id, deck_id, card_id, at)
            self.deals_written += 1  # under the store's lock: a read ahead is now stale

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
        """Record one listening-reflection round (``outcome`` from ``REFLECTION_OUTCOMES``)."""
        if game_id is None:
            return
        outcome = _checked(outcome, REFLECTION_OUTCOMES, "reflection")
        values = (
            game_id,
            storable(deck_id),
            storable(card_id),
            storable(str(speaker)),
            storable(str(listener)),
            int(attempts),
            outcome,
            self.now(),
        )

        def insert(conn: sqlite3.Connection) -> None:
            conn.execute(
                "INSERT INTO reflections"
                " (game_id, deck_id, card_id, speaker, listener, attempts, outcome, at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                values,
            )
            conn.execute("UPDATE games SET reflections = reflections + 1 WHERE id = ?", (game_id,))

        self._write(insert)

    def finish_game(self, game_id: int | None, reason: str | None = None) -> None:
        """Mark a game as played to its end (the first end counts)."""
        if game_id is None:
            return
        ended_at = self.now()
        end_reason = storable(str(getattr(reason, "value", reason))) if reason else None
        self._write(
            lambda conn: conn.execute(
                "UPDATE games SET ended_at = ?, end_reason = ? WHERE id = ? AND ended_at IS NULL",
                (ended_at, end_reason, game_id),
            )
        )
        self.read_ahead()  # "play again" then starts without waiting for the store

    def games(self) -> list[GameSummaryRow]:
        """Every game that dealt a card, newest first, with its counts."""

        def query(conn: sqlite3.Connection) -> list[GameSummaryRow]:
            rows = conn.execute(
                """SELECT id, players, settings, started_at, ended_at,
                    answered, passed, reflections FROM games
                WHERE answered + passed > 0 ORDER BY started_at DESC, id DESC"""
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
                    finished=row[4] is not None,
                )
                for row in rows
            ]

        return self._read(query, [])
