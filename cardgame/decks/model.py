"""The deck format's values: cards, decks, table prompts, and problems found in files."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from ..text import terminal_safe
from .limits import (  # noqa: F401 (re-exported: they were defined here first)
    AUDIENCES,
    FORMAT_VERSION,
    KIDS,
    LEVEL_NAMES,
    MAX_PLAYERS,
    MIN_PLAYERS,
    TABLE_AUDIENCES,
)

ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9-]{0,63}")  # deck and card ids
RESERVED_DECK_ID = "favourites"  # the game's own Favourites entry: no file may take it
MAX_PROBLEMS = 200  # per file: a hostile file cannot flood the output or take long
TOO_MANY_PROBLEMS = f"more than {MAX_PROBLEMS} problems; the rest are not shown"


class Kind(StrEnum):
    QUESTION = "question"
    ACTION = "action"
    WILDCARD = "wildcard"


class Wildcard(StrEnum):
    """What a wildcard card does to the turn."""

    EVERYONE = "everyone"  # every player answers
    ANYONE = "anyone"  # the player picks whom to ask


class DeckOrder(StrEnum):
    """How a deck's cards are dealt."""

    SHUFFLED = "shuffled"  # in a random order (the default)
    FIXED = "fixed"  # in file order, like a programme of questions


@dataclass(frozen=True, slots=True)
class Card:
    deck_id: str
    id: str
    text: str
    level: int = 1
    kind: Kind = Kind.QUESTION
    audience: frozenset[str] = frozenset(TABLE_AUDIENCES)
    follow_up: str | None = None
    wildcard: Wildcard | None = None
    min_players: int = MIN_PLAYERS  # never dealt to a smaller table

    @property
    def key(self) -> tuple[str, str]:
        """The card's identity across games: (deck id, card id)."""
        return (self.deck_id, self.id)


@dataclass(frozen=True, slots=True)
class DeckSummary:
    """How many cards a deck has for each audience and at each level.

    What setup lists beside a deck's name, known for a cached deck before its cards are built.
    """

    audiences: tuple[int, ...]  # cards for each of AUDIENCES, in that order
    levels: tuple[int, ...]  # cards at level 1, 2 and 3

    @classmethod
    def of(cls, cards: Iterable[Card]) -> DeckSummary:
        audiences = [0] * len(AUDIENCES)
        levels = [0] * len(LEVEL_NAMES)
        deepest = len(levels)
        for card in cards:
            # A favourite's card is rebuilt from the store, which may hold any level.
            levels[min(max(card.level, 1), deepest) - 1] += 1
            for index, audience in enumerate(AUDIENCES):
                audiences[index] += audience in card.audience
        return cls(tuple(audiences), tuple(levels))

    @property
    def total(self) -> int:
        return sum(self.levels)

    def count(self, audience: str | None = None) -> int:
        """The cards for ``audience`` (every card when None)."""
        if audience is None:
            return self.total
        return self.audiences[AUDIENCES.index(audience)] if audience in AUDIENCES else 0


@dataclass(frozen=True, slots=True)
class Deck:
    """A deck's values. ``cards`` is a tuple, or for a deck read from the parsed-deck cache a
    sequence that builds its cards the first time they are needed (``decks.lazy``)."""

    id: str
    name: str
    cards: Sequence[Card]
    description: str = ""
    strategy: str = ""
    audience: tuple[str, ...] = TABLE_AUDIENCES
    color: str | None = None
    source: Path | None = None
    order: DeckOrder = DeckOrder.SHUFFLED
    _by_id: dict[str, Card] | None = field(default=None, init=False, repr=False, compare=False)
    _summary: DeckSummary | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def summary(self) -> DeckSummary:
        """The counts by audience and level, without building a cached deck's cards."""
        known = getattr(self.cards, "summary", None)  # a cached deck's (kept up to date)
        if known is not None:
            return known
        if self._summary is None:
            object.__setattr__(self, "_summary", DeckSummary.of(self.cards))
        return self._summary

    @property
    def levels(self) -> tuple[int, ...]:
        return tuple(level for level, count in enumerate(self.summary.levels, 1) if count)

    def card(self, card_id: str) -> Card | None:
        """The card with this id (a dict lookup after the first)."""
        if self._by_id is None:
            object.__setattr__(self, "_by_id", {card.id: card for card in self.cards})
        return self._by_id.get(card_id)


@dataclass(frozen=True, slots=True)
class ReflectionPrompts:
    """The words that guide a listening-reflection round."""

    mirror: tuple[str, ...]
    validate: tuple[str, ...]
    empathise: tuple[str, ...]
    check: tuple[str, ...]
    clarify: tuple[str, ...]
    heard: tuple[str, ...]
    move_on: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class TablePrompts:
    reflection: ReflectionPrompts
    closing: tuple[str, ...]
    source: Path | None = None
    kids: ReflectionPrompts | None = None  # wording for a round with a child speaker or listener


@dataclass(frozen=True, slots=True, order=True)
class Problem:
    """One thing wrong with a file, in the ``PATH:LINE:COL: message`` form compilers use."""

    path: str
    line: int = 0
    column: int = 0
    message: str = field(default="", compare=False)

    def __str__(self) -> str:
        """The problem as one line that is safe to print (a file name may hold anything)."""
        path = terminal_safe(self.path, one_line=True)
        message = terminal_safe(self.message, one_line=True)
        if self.line:
            return f"{path}:{self.line}:{self.column}: {message}"
        return f"{path}: {message}"


class DeckError(Exception):
    """A file could not be turned into a deck; ``problems`` says every reason found."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(problem) for problem in problems))
        self.problems = problems
