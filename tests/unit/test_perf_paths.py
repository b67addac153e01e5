"""The hot paths of a game start stay cheap, and mean what they meant (issue 13)."""

from __future__ import annotations

import random

import pytest

from cardgame.decks import Card
from cardgame.engine.dealer import Dealer, distinct, unseen_first


def cards(decks: int, per_deck: int) -> list[Card]:
    return [
        Card(f"deck-{d}", f"card-{c}", f"Question {c} of deck {d}?", 1 + c % 3)
        for d in range(decks)
        for c in range(per_deck)
    ]


def unseen_first_by_definition(pool: list[Card], last_seen: dict) -> list[Card]:
    """What unseen-first means, written as plainly as possible."""
    unseen = [card for card in pool if card.key not in last_seen]
    seen = [card for card in pool if card.key in last_seen]
    return unseen + sorted(seen, key=lambda card: last_seen[card.key])


@pytest.mark.parametrize("seed", range(5))
def test_unseen_first_keeps_its_meaning(seed: int) -> None:
    rng = random.Random(seed)
    pool = cards(6, 40)
    rng.shuffle(pool)
    # Ties on purpose: equal times keep the pool's (shuffled) order.
    last_seen = {card.key: float(rng.randrange(20)) for card in rng.sample(pool, 150)}
    assert unseen_first(pool, last_seen) == unseen_first_by_definition(pool, last_seen)


def test_a_deck_offered_twice_is_dealt_once_first_copy_kept() -> None:
    deck = cards(2, 5)
    reworded = Card("deck-0", "card-1", "The same card, reworded?")
    assert distinct([*deck, *deck, reworded]) == deck


def test_a_game_start_never_hashes_whole_cards(monkeypatch) -> None:
    """Regression: each card in play was hashed field by field, twice, at every game start
    (6,000 cards with every deck: a third of "unseen first" with a long history)."""
    pool = cards(20, 60)
    last_seen = {card.key: float(n) for n, card in enumerate(pool[::3])}
    programme = [Card("fixed", f"step-{n}", f"Step {n}?") for n in range(10)]
    hashed = []

    def counting_hash(card: Card) -> int:
        hashed.append(card)
        return hash(card.key)

    monkeypatch.setattr(Card, "__hash__", counting_hash)
    dealer = Dealer(pool, random.Random(3), last_seen, programme=programme)
    assert hashed == []
    assert dealer.remaining == len(pool) + 10
    assert dealer._pool[len(pool) - len(last_seen)] == pool[0]  # then the longest unseen
