"""What a game tells its subscribers, synchronously, the moment it happens.

``Game.subscribe(callback)``: the session writes history from these, so a kill at any moment loses
at most the step in progress. Events are sent once the game's state is consistent again (after
the action that caused them), in the order they happened.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .records import DealOutcome, DealRecord, EndReason, GameLog, ReflectionRecord


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


def events_of(log: GameLog, end_reason: EndReason | None) -> list[GameEvent]:
    """A game's log as the events it sent, in order: a reflection round comes right after the
    answered deal it reflects on, and the end comes last."""
    rounds = {record.card.key: record for record in log.reflections}
    events: list[GameEvent] = []
    for deal in log.deals:
        events.append(DealLogged(deal))
        if deal.outcome == DealOutcome.ANSWERED and deal.card.key in rounds:
            events.append(ReflectionLogged(rounds[deal.card.key]))
    if end_reason is not None:
        events.append(GameEnded(end_reason))
    return events


class EventHub:
    """Holds the events of the action in progress and sends them when it is complete, so a
    subscriber always sees a whole game (never one half way through an action)."""

    def __init__(self) -> None:
        self._subscribers: list[Subscriber] = []
        self._pending: list[GameEvent] = []

    def subscribe(self, callback: Subscriber) -> Callable[[], None]:
        self._subscribers.append(callback)
        return lambda: self._subscribers.remove(callback)

    def queue(self, event: GameEvent) -> None:
        self._pending.append(event)

    def drop_pending(self) -> None:
        self._pending.clear()

    def publish(self) -> None:
        """Send the queued events, in order, to every subscriber. One subscriber's error does
        not keep an event from the others; the first error is raised once all were sent."""
        pending, self._pending = self._pending, []
        failure: Exception | None = None
        for event in pending:
            for callback in tuple(self._subscribers):
                try:
                    callback(event)
                except Exception as error:
                    failure = failure or error
        if failure is not None:
            raise failure
