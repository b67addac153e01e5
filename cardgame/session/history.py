"""History written as the game goes: every deal, pass, reflection and the end reach the store.

The writer watches the game (``Game.subscribe``) and hands each new record to the store's writer
thread, so the UI thread never waits for the disk and a kill loses at most the step in progress.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..engine import Game
    from ..store import Store


@dataclass
class HistoryWriter:
    """Copies a game's log into the store as it grows; ``sync`` is safe to call any time."""

    store: Store
    game: Game
    game_id: int | None = None
    deals_written: int = 0
    reflections_written: int = 0
    finished: bool = False

    def start(self) -> None:
        """Record the game's start, and follow its events from now on."""
        players = list(self.game.players)
        described = self.game.settings.describe()
        self.store.later(lambda: self._begin(players, described))
        self.game.subscribe(self.on_event)
        self.sync()  # what happened before (the first deal)

    def _begin(self, players: list[str], described: dict) -> None:
        self.game_id = self.store.start_game(players, described)

    def _queue(self, record, card, *values) -> None:
        """Have ``record(game_id, deck_id, card_id, *values)`` run on the writer thread."""
        self.store.later(lambda: record(self.game_id, card.deck_id, card.id, *values))

    def on_event(self, event: object) -> None:
        """Any game event: write what the log gained."""
        self.sync()

    def sync(self) -> None:
        """Queue every record the log gained since the last call (each is written once)."""
        log = self.game.log
        for deal in log.deals[self.deals_written :]:
            card = deal.card
            seconds = round(deal.seconds, 1)
            self._queue(self.store.record_deal, card, deal.answered_by, deal.outcome, seconds)
        self.deals_written = len(log.deals)
        for done in log.reflections[self.reflections_written :]:
            outcome = (done.speaker, done.listener, done.attempts, done.outcome)
            self._queue(self.store.record_reflection, done.card, *outcome)
        self.reflections_written = len(log.reflections)
        if self.game.ended_at is not None and not self.finished:
            self.finished = True
            end_reason = self.game.end_reason
            self.store.later(lambda: self.store.finish_game(self.game_id, end_reason))
