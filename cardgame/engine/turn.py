"""Where a game stands: its phase, and the turn on the table."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from ..decks import Card, Wildcard
from .timer import Countdown


class Phase(StrEnum):
    TURN = "turn"
    REFLECTION = "reflection"
    OVER = "over"


class GameRuleError(RuntimeError):
    """An action the game's current state does not allow."""


@dataclass
class Turn:
    index: int  # 0-based count of turns in the game
    player: str
    card: Card
    timer: Countdown
    asked: str | None = None  # who was asked, on an "ask anyone" wildcard

    @property
    def answerer(self) -> str:
        return self.asked or self.player

    @property
    def needs_target(self) -> bool:
        return self.card.wildcard == Wildcard.ANYONE and self.asked is None
