"""The deck format's values: cards, decks, table prompts, and problems found in files."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from ..text import terminal_safe

FORMAT_VERSION = "1.1"
TABLE_AUDIENCES: tuple[str, ...] = ("couples", "friends", "family")
"""The audiences a table picks from (setup's filter, ``--audience``); "everyone" means no filter."""
KIDS = "kids"
AUDIENCES: tuple[str, ...] = (*TABLE_AUDIENCES, KIDS)
"""What a card may carry. ``kids``: reads easily aloud to a seven-year-old; also ``family``."""
ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9-]{0,63}")  # deck and card ids
RESERVED_DECK_ID = "favourites"  # the game's own Favourites entry: no file may take it
MIN_PLAYERS = 2
MAX_PLAYERS = 12
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


LEVEL_NAMES = {1: "light", 2: "deeper", 3: "deepest"}


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
class Deck:
    id: str
    name: str
    cards: tuple[Card, ...]
    description: str = ""
    strategy: str = ""
    audience: tuple[str, ...] = TABLE_AUDIENCES
    color: str | None = None
    source: Path | None = None
    order: DeckOrder = DeckOrder.SHUFFLED

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
