"""A listening-reflection round: the listener reflects back, the speaker says if they felt heard.

CHOOSE_LISTENER ─┐ (only when the speaker picks)
                 ▼
LISTEN ──listener_done──▶ CHECK ──yes, or last attempt──▶ DONE
  ▲                        │
  └──clarify_done── CLARIFY ◀──partly / not quite (attempts left)
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from ..decks import Card, Kind, ReflectionPrompts, Wildcard
from .settings import CLARIFY_SECONDS, MAX_REFLECTION_ATTEMPTS, ReflectMode
from .timer import Countdown


class Step(StrEnum):
    CHOOSE_LISTENER = "choose_listener"
    LISTEN = "listen"
    CHECK = "check"
    CLARIFY = "clarify"
    DONE = "done"


class Heard(StrEnum):
    YES = "yes"
    PARTLY = "partly"
    NOT_QUITE = "not_quite"


BUILT_IN_PROMPTS = ReflectionPrompts(
    mirror=("What I heard you say is...",),
    validate=("That makes sense to me, because...",),
    empathise=("I imagine you might feel...",),
    check=("Did I get that right?",),
    clarify=("What would you add, so they can hear all of it?",),
    heard=("Thank you for listening so closely.",),
    move_on=("Being heard takes practice. Thank you both for trying.",),
)
# The fallback when the table-prompts file has no ``kids`` set: short words a child can say.
BUILT_IN_KIDS_PROMPTS = ReflectionPrompts(
    mirror=("Say back what you heard.",),
    validate=("That makes sense, because...",),
    empathise=("How do you think they felt?",),
    check=("Does that sound right?",),
    clarify=("What else do you want them to know?",),
    heard=("Thank you for listening so well.",),
    move_on=("Good try! Listening takes practice.",),
)


class ReflectionStepError(RuntimeError):
    """An action that does not belong to the round's current step."""


@dataclass(frozen=True)
class RoundWords:
    """The lines chosen for one round, so they stay put while it runs."""

    mirror: str
    validate: str
    empathise: str
    check: str
    clarify: str
    heard: str
    move_on: str

    @classmethod
    def choose(cls, prompts: ReflectionPrompts, rng: random.Random) -> RoundWords:
        return cls(
            **{name: rng.choice(getattr(prompts, name)) for name in cls.__dataclass_fields__}
        )


class ListenerRotation:
    """Picks listeners so everyone listens about equally and nobody reflects their own answer:
    the least-used player other than the speaker, ties going to the next seat after them."""

    def __init__(self, players: Sequence[str]) -> None:
        self.players = tuple(players)
        self.counts = dict.fromkeys(self.players, 0)

    def candidates(self, speaker: str) -> list[str]:
        seat = self.players.index(speaker)
        order = self.players[seat + 1 :] + self.players[:seat]
        return sorted(order, key=lambda name: self.counts[name])

    def pick(self, speaker: str) -> str:
        return self.candidates(speaker)[0]

    def record(self, listener: str) -> None:
        self.counts[listener] += 1


@dataclass
class Reflection:
    card: Card
    speaker: str
    words: RoundWords
    make_timer: Callable[[float], Countdown]
    listen_seconds: float
    listener: str | None = None
    step: Step = Step.LISTEN
    attempt: int = 1
    answers: list[Heard] = field(default_factory=list)
    timer: Countdown | None = None
    declined: bool = False

    def __post_init__(self) -> None:
        if self.listener is None:
            self.step = Step.CHOOSE_LISTENER
            self.timer = self.make_timer(0)
            self.timer.pause()
        else:
            self.timer = self.make_timer(self.listen_seconds)

    def _require(self, step: Step) -> None:
        if self.step != step:
            raise ReflectionStepError(f"cannot do that while the round is at {self.step}")

    def choose_listener(self, listener: str) -> None:
        self._require(Step.CHOOSE_LISTENER)
        if listener == self.speaker:
            raise ReflectionStepError("the speaker cannot reflect their own answer")
        self.listener = listener
        self.step = Step.LISTEN
        self.timer = self.make_timer(self.listen_seconds)

    def listener_done(self) -> None:
        self._require(Step.LISTEN)
        self.step = Step.CHECK
        self.timer.pause()

    def answer(self, heard: Heard) -> None:
        self._require(Step.CHECK)
        self.answers.append(Heard(heard))
        if heard == Heard.YES or self.attempt >= MAX_REFLECTION_ATTEMPTS:
            self.step = Step.DONE
            return
        self.step = Step.CLARIFY
        self.timer = self.make_timer(CLARIFY_SECONDS)

    def clarify_done(self) -> None:
        self._require(Step.CLARIFY)
        self.attempt += 1
        self.step = Step.LISTEN
        self.timer = self.make_timer(self.listen_seconds)

    def decline(self) -> None:
        """The speaker says "not this one, thanks" (no reason needed): the round ends here."""
        if self.step == Step.DONE:
            raise ReflectionStepError("the round is already over")
        self.declined = True
        self.step = Step.DONE
        self.timer.pause()

    @property
    def done(self) -> bool:
        return self.step == Step.DONE

    @property
    def felt_heard(self) -> bool:
        return bool(self.answers) and self.answers[-1] == Heard.YES

    @property
    def heard_first_time(self) -> bool:
        return bool(self.answers) and self.answers[0] == Heard.YES

    @property
    def closing_line(self) -> str:
        return self.words.heard if self.felt_heard else self.words.move_on


def counts_for_alternation(card: Card) -> bool:
    """Whether an answered card takes a place in its speaker's "every other turn" sequence:
    the cards that mode may reflect on (not actions, not everyone-answers wildcards)."""
    return card.kind != Kind.ACTION and card.wildcard != Wildcard.EVERYONE


def alternation_index(seat: int, earlier: int) -> int:
    """The place of a speaker's next card in "every other turn": their own count of earlier
    such cards, staggered by seat so that each round has reflections (seats 0, 2, 4... reflect
    on their 1st, 3rd... card; seats 1, 3, 5... on their 2nd, 4th...). Each player is listened to
    every other time they answer, so across the table the counts differ by at most one."""
    return earlier + seat % 2


def wants_reflection(mode: str, card: Card, answered_before: int) -> bool:
    """The reflection setting's rule for one answered card.

    ``answered_before`` is the card's ``alternation_index`` for "every other turn": it reflects
    when that is even.
    """
    mode = ReflectMode(mode)
    if mode == ReflectMode.OFF or card.wildcard == Wildcard.EVERYONE:
        return False
    if card.kind == Kind.ACTION:
        return mode == ReflectMode.EVERY
    if mode == ReflectMode.EVERY:
        return True
    if mode == ReflectMode.ALTERNATE:
        return answered_before % 2 == 0
    return card.level >= 2
