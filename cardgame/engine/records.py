"""What a game writes down as it goes: each deal, each reflection round, and each player's tally."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from ..decks import Card
from .reflection import Heard


class DealOutcome(StrEnum):
    ANSWERED = "answered"
    PASSED = "passed"


class ReflectionOutcome(StrEnum):
    """How a reflection round ended: the speaker's last answer, or declined."""

    YES = "yes"
    PARTLY = "partly"
    NOT_QUITE = "not_quite"
    DECLINED = "declined"  # "not this one, thanks": neither heard nor missed


class EndReason(StrEnum):
    ROUNDS = "rounds"
    CARDS = "cards"
    TIME = "time"  # play by time: the round in progress when time ran out was the last
    REQUEST = "request"


@dataclass(frozen=True)
class DealRecord:
    player: str
    card: Card
    outcome: DealOutcome
    seconds: float
    answered_by: str


@dataclass(frozen=True)
class ReflectionRecord:
    card: Card
    speaker: str
    listener: str  # "" when the speaker declined before a listener was chosen
    attempts: int
    answers: tuple[Heard, ...]
    declined: bool = False

    @property
    def outcome(self) -> ReflectionOutcome | str:
        if self.declined:
            return ReflectionOutcome.DECLINED
        return ReflectionOutcome(self.answers[-1].value) if self.answers else ""


@dataclass
class PlayerStats:
    answered: int = 0
    passed: int = 0
    talk_seconds: float = 0.0
    reflections_given: int = 0
    reflections_received: int = 0  # rounds where this player spoke and answered "heard?"
    heard_first_time: int = 0
    reflections_declined: int = 0  # counted neither heard nor missed


@dataclass
class GameLog:
    deals: list[DealRecord] = field(default_factory=list)
    reflections: list[ReflectionRecord] = field(default_factory=list)
