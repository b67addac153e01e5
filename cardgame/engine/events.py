"""What a game tells its subscribers, synchronously, the moment it happens.

``Game.subscribe(callback)``: the session writes history from these, so a kill at any moment loses
at most the step in progress. Events are sent once the game's state is consistent again (after
the action that caused them), in the order they happened.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .records import DealRecord, EndReason, ReflectionRecord


@dataclass(frozen=True)
class DealLogged:
    """A card was answered or passed."""

    record: DealRecord


@dataclass(frozen=True)
class ReflectionLogged:
    """A reflection round finished, or the speaker declined it."""

    record: ReflectionRecord


@dataclass(frozen=True)
class GameEnded:
    reason: EndReason


GameEvent = DealLogged | ReflectionLogged | GameEnded
Subscriber = Callable[[GameEvent], None]
