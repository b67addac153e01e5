"""Which cards a game can deal, to whom, in what order, never the same one twice.

Table rules (who is at the table decides what may be dealt at all):
- the audience filter and the depth's deepest level;
- a card's ``min_players`` (deck format v1.1): never dealt to a smaller table; and two players
  are never dealt an "ask anyone" wildcard (there is no one else to ask);
- with a child at the table, a wildcard (which anyone may end up answering) must be a ``kids``
  card. Player rule: a child is dealt only ``kids`` cards.

Order: cards of shuffled decks are shuffled (unseen first, when asked); cards of ``order: fixed``
decks are a programme dealt in file order. When both are in play, each draw takes from the
programme with a chance proportional to its share of the cards left, so the programme spreads
through the game and keeps its own order.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from itertools import groupby, repeat
from operator import attrgetter
from typing import TYPE_CHECKING

from ..decks import KIDS, Card, Deck, DeckOrder, Wildcard
from .names import SettingsError
from .settings import MAX_LEVEL

if TYPE_CHECKING:
    from .settings import GameSettings

CardKey = tuple[str, str]
card_key: Callable[[Card], CardKey] = attrgetter("deck_id", "id")  # Card.key, at C speed
deck_of: Callable[[Card], str] = attrgetter("deck_id")
id_of: Callable[[Card], str] = attrgetter("id")
CardTest = Callable[[Card], bool]


def eligible_cards(decks: Iterable[Deck], audience: str | None, max_level: int) -> list[Card]:
    """Cards from ``decks`` that suit ``audience`` (any, when None) and go no deeper than asked."""
    return [
        card
        for deck in decks
        for card in deck.cards
        if card.level <= max_level and (audience is None or audience in card.audience)
    ]


def is_kids(card: Card) -> bool:
    return KIDS in card.audience


def is_fixed(deck: Deck) -> bool:
    return deck.order == DeckOrder.FIXED


def fits_table(card: Card, player_count: int, has_children: bool) -> bool:
    """The table rules that depend on who is at the table (see the module's docstring)."""
    if card.min_players > player_count:
        return False
    if card.wildcard == Wildcard.ANYONE and player_count < 3:
        return False
    return not (has_children and card.wildcard is not None and not is_kids(card))


def chosen_decks(settings: GameSettings, decks: Iterable[Deck]) -> list[Deck]:
    """The library's decks the settings name, in library order."""
    wanted = set(settings.deck_ids)
    return [deck for deck in decks if deck.id in wanted]


def table_test(settings: GameSettings) -> CardTest:
    """Every rule a card must pass to be dealt at this table at all."""
    audience, deepest = settings.audience, MAX_LEVEL[settings.depth]
    count, has_children = len(settings.players), bool(settings.children)

    def test(card: Card) -> bool:
        return (
            card.level <= deepest
            and (audience is None or audience in card.audience)
            and fits_table(card, count, has_children)
        )

    return test


def dealable_cards(settings: GameSettings, decks: Iterable[Deck]) -> list[Card]:
    """The cards a game with ``settings`` could deal from ``decks``."""
    shuffled, programme = table_cards(settings, decks)
    return shuffled + programme


def table_cards(settings: GameSettings, decks: Iterable[Deck]) -> tuple[list[Card], list[Card]]:
    """The cards a game deals: those of shuffled decks, and the fixed-order programme."""
    test = table_test(settings)
    shuffled: list[Card] = []
    programme: list[Card] = []
    for deck in chosen_decks(settings, decks):
        (programme if is_fixed(deck) else shuffled).extend(filter(test, deck.cards))
    return shuffled, programme


def check_dealable(settings: GameSettings, decks: Iterable[Deck]) -> None:
    """Raise ``SettingsError`` naming the reason when no card (or none for a child) matches."""
    chosen = chosen_decks(settings, decks)
    names = ", ".join(deck.name for deck in chosen)
    cards = [card for deck in chosen for card in deck.cards]
    if not cards:
        raise SettingsError("No card matches: none of the chosen decks has any cards.")
    if settings.audience is not None:
        cards = [card for card in cards if settings.audience in card.audience]
        if not cards:
            raise SettingsError(
                f"No card matches: the {settings.audience} audience has no cards in {names}."
            )
    deepest = MAX_LEVEL[settings.depth]
    cards = [card for card in cards if card.level <= deepest]
    if not cards:
        raise SettingsError(f"No card matches: {names} has no {settings.depth} cards.")
    count, has_children = len(settings.players), bool(settings.children)
    cards = [card for card in cards if fits_table(card, count, has_children)]
    if not cards:
        raise SettingsError(f"No card matches: {names} has no cards for a table of {count}.")
    if has_children and not any(is_kids(card) for card in cards):
        raise SettingsError(f"No card for a child: {names} has no cards marked kids.")


def escalation_level(progress: float) -> int:
    """Escalate rises through the levels at thirds of the game: light, deeper, deepest."""
    if progress < 1 / 3:
        return 1
    if progress < 2 / 3:
        return 2
    return 3


class LastSeen(Mapping[CardKey, float]):
    """When a table last saw each card, held by deck then card id, as the store hands it over.

    A ``Mapping[CardKey, float]`` like any other, but the dealer reads it a deck at a time
    (``seen_stamps``), with no key tuple built or hashed per card: with every deck in play a
    game start looks up thousands of cards. Any comparable stamps will do; the store gives
    epoch seconds as floats, like ``NEVER``, so the sort compares one type (Python's fast
    path) rather than ints against a float."""

    __slots__ = ("by_deck",)

    def __init__(self, by_deck: Mapping[str, Mapping[str, float]]) -> None:
        self.by_deck = by_deck

    def __getitem__(self, key: CardKey) -> float:
        deck_id, card_id = key
        return self.by_deck[deck_id][card_id]

    def __iter__(self) -> Iterator[CardKey]:
        for deck_id, cards in self.by_deck.items():
            for card_id in cards:
                yield deck_id, card_id

    def __len__(self) -> int:
        return sum(map(len, self.by_deck.values()))


NEVER = -math.inf  # the stamp of a card the table has never seen: before any other


def seen_stamps(cards: Sequence[Card], last_seen: Mapping[CardKey, float]) -> list[float]:
    """When the table last saw each of ``cards`` (``NEVER`` if it has not). A ``LastSeen`` is
    read a run of same-deck cards at a time, each run at C speed."""
    if not isinstance(last_seen, LastSeen):
        return list(map(last_seen.get, map(card_key, cards), repeat(NEVER)))
    stamps: list[float] = []
    by_deck = last_seen.by_deck
    for deck_id, run in groupby(cards, key=deck_of):
        stamps.extend(map((by_deck.get(deck_id) or {}).get, map(id_of, run), repeat(NEVER)))
    return stamps


def unseen_first(cards: list[Card], last_seen: Mapping[CardKey, float]) -> list[Card]:
    """Never-seen cards first (in their given order), then the seen ones, oldest first.

    One stable sort of positions by stamp (ties keep their given order), at C speed: with every
    deck in play this runs over thousands of cards at game start."""
    stamps = seen_stamps(cards, last_seen)
    return list(map(cards.__getitem__, sorted(range(len(cards)), key=stamps.__getitem__)))


def distinct(cards: Iterable[Card]) -> list[Card]:
    """``cards`` without repeats (the same deck offered twice), first ones kept, in order.

    By key: hashing a whole card hashes every field, and a game start does it for every card
    in play."""
    cards = list(cards)
    if len(set(map(card_key, cards))) == len(cards):
        return cards  # the usual case: nothing repeated
    first: dict[CardKey, Card] = {}
    for card in cards:
        first.setdefault(card.key, card)
    return list(first.values())


class Dealer:
    """Deals from a shuffled pool and a fixed-order programme (see the module's docstring).

    With ``last_seen`` (card key -> when this table last saw it), cards of the shuffled pool the
    table has never seen come first, then the longest-unseen ones; each group is shuffled.
    """

    def __init__(
        self,
        cards: Iterable[Card],
        rng: random.Random,
        last_seen: Mapping[CardKey, float] | None = None,
        *,
        programme: Iterable[Card] = (),
    ) -> None:
        pool = distinct(cards)
        if last_seen:
            # Looked up before the shuffle, while each deck's cards are still together. The
            # shuffle is of positions (the same permutation as shuffling the cards), then a
            # stable sort by stamp puts the unseen first and the rest oldest first, each group
            # in shuffled order: ``unseen_first`` of the shuffled cards.
            stamps = seen_stamps(pool, last_seen)
            order = list(range(len(pool)))
            rng.shuffle(order)
            order.sort(key=stamps.__getitem__)
            pool = list(map(pool.__getitem__, order))
        else:
            rng.shuffle(pool)
        self._pool = pool
        self._programme = distinct(programme)
        if self._programme:
            in_pool = set(map(card_key, pool))
            self._programme = [card for card in self._programme if card.key not in in_pool]
        self._rng = rng
        self.dealt: list[Card] = []
        self.size = len(pool) + len(self._programme)

    @property
    def remaining(self) -> int:
        return len(self._pool) + len(self._programme)

    def levels_left(self) -> set[int]:
        return {card.level for card in (*self._pool, *self._programme)}

    def draw(self, level: int | None = None, accept: CardTest | None = None) -> Card | None:
        """The next card ``accept`` allows (any, when None). From the shuffled pool, with
        ``level``: the first card of that level, else the nearest below, else the nearest
        above. From the programme: the first allowed card as written. None when none is left."""
        sources = [(self._pool, level), (self._programme, None)]
        if self._programme and self._pool:
            share = len(self._programme) / (len(self._programme) + len(self._pool))
            if self._rng.random() < share:
                sources.reverse()
        for cards, wanted in sources:
            index = _index_for(cards, wanted, accept)
            if index is not None:
                card = cards.pop(index)
                self.dealt.append(card)
                return card
        return None


def _index_for(cards: Sequence[Card], level: int | None, accept: CardTest | None) -> int | None:
    first_at: dict[int, int] = {}
    for index, card in enumerate(cards):
        if accept is not None and not accept(card):
            continue
        if level is None or card.level == level:
            return index
        first_at.setdefault(card.level, index)
    if not first_at:
        return None
    below = [lvl for lvl in first_at if lvl < level]
    chosen = max(below) if below else min(first_at)
    return first_at[chosen]
