"""Which cards a game can deal, in what order, never the same one twice."""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping

from ..decks import Card, Deck

CardKey = tuple[str, str]


def eligible_cards(decks: Iterable[Deck], audience: str | None, max_level: int) -> list[Card]:
    """Cards from ``decks`` that suit ``audience`` (any, when None) and go no deeper than asked."""
    return [
        card
        for deck in decks
        for card in deck.cards
        if card.level <= max_level and (audience is None or audience in card.audience)
    ]


def escalation_level(progress: float) -> int:
    """Escalate rises through the levels at thirds of the game: light, deeper, deepest."""
    if progress < 1 / 3:
        return 1
    if progress < 2 / 3:
        return 2
    return 3


class Dealer:
    """Deals from a shuffled pool.

    With ``last_seen`` (card key -> when this table last saw it), cards the table has never seen
    come first, then the longest-unseen ones; each group is shuffled within itself.
    """

    def __init__(
        self,
        cards: Iterable[Card],
        rng: random.Random,
        last_seen: Mapping[CardKey, float] | None = None,
    ) -> None:
        pool = list(dict.fromkeys(cards))
        rng.shuffle(pool)
        if last_seen:
            # Stable sort: unseen (-inf) first, then oldest; the shuffle orders ties.
            pool.sort(key=lambda card: last_seen.get(card.key, float("-inf")))
        self._pool = pool
        self.dealt: list[Card] = []
        self.size = len(pool)

    @property
    def remaining(self) -> int:
        return len(self._pool)

    def levels_left(self) -> set[int]:
        return {card.level for card in self._pool}

    def draw(self, level: int | None = None) -> Card | None:
        """The next card; with ``level``, the first card of that level, else the nearest below,
        else the nearest above. None when the pool is empty."""
        if not self._pool:
            return None
        index = 0
        if level is not None:
            index = self._index_for(level)
        card = self._pool.pop(index)
        self.dealt.append(card)
        return card

    def _index_for(self, level: int) -> int:
        first_at: dict[int, int] = {}
        for index, card in enumerate(self._pool):
            first_at.setdefault(card.level, index)
            if card.level == level:
                return index
        below = [lvl for lvl in first_at if lvl < level]
        chosen = max(below) if below else min(first_at)
        return first_at[chosen]
