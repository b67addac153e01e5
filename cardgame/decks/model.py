"""The deck format's values: cards, decks, table prompts, and problems found in files."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

AUDIENCES: tuple[str, ...] = ("couples", "friends", "family")


class Kind(StrEnum):
    QUESTION = "question"
    ACTION = "action"
    WILDCARD = "wildcard"


class Wildcard(StrEnum):
    """What a wildcard card does to the turn."""

    EVERYONE = "everyone"  # every player answers
    ANYONE = "anyone"  # the player picks whom to ask


LEVEL_NAMES = {1: "light", 2: "deeper", 3: "deepest"}


@dataclass(frozen=True, slots=True)
class Card:
    deck_id: str
    id: str
    text: str
    level: int = 1
    kind: Kind = Kind.QUESTION
    audience: frozenset[str] = frozenset(AUDIENCES)
    follow_up: str | None = None
    wildcard: Wildcard | None = None

    @property
    def key(self) -> tuple[str, str]:
        """The card's identity across games: (deck id, card id)."""
        return (self.deck_id, self.id)


@dataclass(frozen=True, slots=True)
class Deck:
    id: str
    name: str
    cards: tuple[Card, ...]
    description: str = ""
    strategy: str = ""
    audience: tuple[str, ...] = AUDIENCES
    color: str | None = None
    source: Path | None = None

    @property
    def levels(self) -> tuple[int, ...]:
        return tuple(sorted({card.level for card in self.cards}))


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


@dataclass(frozen=True, slots=True, order=True)
class Problem:
    """One thing wrong with a file, in the ``PATH:LINE:COL: message`` form compilers use."""

    path: str
    line: int = 0
    column: int = 0
    message: str = field(default="", compare=False)

    def __str__(self) -> str:
        if self.line:
            return f"{self.path}:{self.line}:{self.column}: {self.message}"
        return f"{self.path}: {self.message}"


class DeckError(Exception):
    """A file could not be turned into a deck; ``problems`` says every reason found."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(problem) for problem in problems))
        self.problems = problems
