"""Which cards a game deals and in what order: filters, escalation, fresh-first, no repeats."""

from __future__ import annotations

import random

import pytest
from helpers.engine import make_card, make_deck, make_game, play_out

from cardgame.engine import Dealer, EndReason, Phase, eligible_cards, escalation_level


def keys(cards) -> list[tuple[str, str]]:
    return [card.key for card in cards]


# -- filters -----------------------------------------------------------------------------------


def test_eligible_cards_filters_audience_and_level() -> None:
    deck = make_deck(
        levels=(1, 2, 3),
        per_level=1,
        extra=[
            make_card("kids", level=1, audience={"family"}),
            make_card("pairs", level=2, audience={"couples"}),
        ],
    )
    assert {c.id for c in eligible_cards([deck], None, 3)} == {
        "L1-0",
        "L2-0",
        "L3-0",
        "kids",
        "pairs",
    }
    assert {c.id for c in eligible_cards([deck], "family", 3)} == {"L1-0", "L2-0", "L3-0", "kids"}
    assert {c.id for c in eligible_cards([deck], "couples", 2)} == {"L1-0", "L2-0", "pairs"}
    assert {c.id for c in eligible_cards([deck], None, 1)} == {"L1-0", "kids"}


@pytest.mark.parametrize(
    ("depth", "levels"), [("light", {1}), ("deeper", {1, 2}), ("deepest", {1, 2, 3})]
)
def test_depth_limits_the_levels_dealt(depth: str, levels: set[int]) -> None:
    game, _ = make_game(3, depth=depth, rounds=None, decks=[make_deck(per_level=5)])
    play_out(game)
    assert game.end_reason == EndReason.CARDS
    assert {deal.card.level for deal in game.log.deals} == levels
    assert len(game.log.deals) == 5 * len(levels)


def test_audience_limits_the_cards_dealt() -> None:
    deck = make_deck(
        levels=(1,),
        per_level=3,
        extra=[make_card(f"c{n}", audience={"couples"}) for n in range(4)]
        + [make_card(f"f{n}", audience={"family", "friends"}) for n in range(4)],
    )
    game, _ = make_game(2, decks=[deck], audience="family", rounds=None)
    play_out(game)
    dealt = {deal.card.id for deal in game.log.deals}
    assert dealt == {"L1-0", "L1-1", "L1-2", "f0", "f1", "f2", "f3"}


def test_only_the_chosen_decks_are_dealt() -> None:
    chosen, other = make_deck("chosen", per_level=2), make_deck("other", per_level=2)
    game, _ = make_game(2, decks=[chosen, other], deck_ids=("chosen",), rounds=None)
    play_out(game)
    assert {deal.card.deck_id for deal in game.log.deals} == {"chosen"}
    assert len(game.log.deals) == 6


# -- escalation --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("progress", "level"),
    [
        (0.0, 1),
        (0.33, 1),
        (1 / 3, 2),
        (0.5, 2),
        (0.66, 2),
        (2 / 3, 3),
        (0.99, 3),
        (1.0, 3),
    ],
)
def test_escalation_level_rises_at_thirds(progress: float, level: int) -> None:
    assert escalation_level(progress) == level


@pytest.mark.parametrize(("player_count", "rounds"), [(2, 3), (3, 3), (4, 2), (5, 4)])
def test_escalate_deals_each_third_at_its_level(player_count: int, rounds: int) -> None:
    game, _ = make_game(
        player_count, depth="escalate", rounds=rounds, decks=[make_deck(per_level=30)]
    )
    play_out(game)
    total = player_count * rounds
    levels = [deal.card.level for deal in game.log.deals]
    assert len(levels) == total
    expected = [1 if 3 * i < total else 2 if 3 * i < 2 * total else 3 for i in range(total)]
    assert levels == expected


def test_escalate_falls_back_to_the_nearest_lower_level() -> None:
    # 3 players x 3 rounds: turns 3-5 want level 2, which the deck does not have.
    game, _ = make_game(3, depth="escalate", rounds=3, decks=[make_deck(levels={1: 4, 3: 6})])
    play_out(game)
    assert [deal.card.level for deal in game.log.deals] == [1, 1, 1, 1, 3, 3, 3, 3, 3]


def test_escalate_falls_back_to_a_higher_level_when_none_lower_is_left() -> None:
    # 2 players x 3 rounds: turns 0-1 want level 1, but only one level 1 card exists.
    deck = make_deck(levels={1: 1, 2: 5, 3: 5})
    game, _ = make_game(2, depth="escalate", rounds=3, decks=[deck])
    play_out(game)
    assert [deal.card.level for deal in game.log.deals] == [1, 2, 2, 2, 3, 3]


def test_escalate_a_pass_stays_at_the_turns_level() -> None:
    game, _ = make_game(2, depth="escalate", rounds=3, decks=[make_deck(per_level=10)])
    for _ in range(2):
        game.done()
    assert game.turn.index == 2
    for _ in range(3):
        assert game.pass_card()
        assert game.turn.card.level == 2


def test_escalate_without_rounds_follows_the_share_of_cards_dealt() -> None:
    game, _ = make_game(2, depth="escalate", rounds=None, decks=[make_deck(per_level=3)])
    play_out(game)
    # 9 cards: 3 dealt before 1/3 of the pool is gone, 3 before 2/3, then the rest.
    assert [deal.card.level for deal in game.log.deals] == [1, 1, 1, 2, 2, 2, 3, 3, 3]


def test_dealer_level_fallback_directly() -> None:
    cards = [make_card("a", level=1), make_card("c", level=3)]
    dealer = Dealer(cards, random.Random(0))
    assert dealer.levels_left() == {1, 3}
    assert dealer.draw(2).id == "a"  # nearest lower
    assert dealer.draw(2).id == "c"  # then higher
    assert dealer.draw(2) is None
    assert dealer.remaining == 0
    assert keys(dealer.dealt) == [("test", "a"), ("test", "c")]


def test_dealer_prefers_the_asked_level() -> None:
    cards = [make_card(f"{level}-{n}", level=level) for level in (1, 2, 3) for n in range(3)]
    dealer = Dealer(cards, random.Random(5))
    assert [dealer.draw(3).level for _ in range(3)] == [3, 3, 3]
    assert dealer.draw(3).level == 2


# -- no repeats, order -------------------------------------------------------------------------


def test_dealer_never_deals_a_card_twice() -> None:
    deck = make_deck(per_level=4)
    # The same deck offered twice still has each card once.
    dealer = Dealer(list(deck.cards) + list(deck.cards), random.Random(3))
    assert dealer.size == 12
    drawn = []
    while (card := dealer.draw()) is not None:
        drawn.append(card)
    assert len(drawn) == 12
    assert len(set(keys(drawn))) == 12


def test_a_game_never_repeats_a_card_even_with_passes() -> None:
    game, _ = make_game(3, rounds=None, decks=[make_deck(per_level=6)], depth="deepest")
    steps = 0
    while game.phase != Phase.OVER:
        if steps % 3 == 0:
            game.pass_card()
        else:
            game.done()
        steps += 1
    dealt = keys(deal.card for deal in game.log.deals)
    assert len(dealt) == 18
    assert len(set(dealt)) == 18


def test_same_seed_same_order_other_seeds_differ() -> None:
    deck = make_deck(per_level=5)
    orders = set()
    for seed in range(5):
        first = Dealer(deck.cards, random.Random(seed))
        again = Dealer(deck.cards, random.Random(seed))
        a = [first.draw().key for _ in range(15)]
        assert a == [again.draw().key for _ in range(15)]
        orders.add(tuple(a))
    assert len(orders) > 1


# -- fresh first -------------------------------------------------------------------------------


def _seen_deck():
    deck = make_deck(levels=(1,), per_level=10)
    last_seen = {
        ("test", "L1-3"): 300.0,
        ("test", "L1-7"): 100.0,
        ("test", "L1-1"): 200.0,
        ("test", "L1-9"): 50.0,
    }
    return deck, last_seen


@pytest.mark.parametrize("seed", range(8))
def test_fresh_first_deals_unseen_then_oldest_seen(seed: int) -> None:
    deck, last_seen = _seen_deck()
    dealer = Dealer(deck.cards, random.Random(seed), last_seen)
    order = [dealer.draw().id for _ in range(10)]
    assert set(order[:6]) == {"L1-0", "L1-2", "L1-4", "L1-5", "L1-6", "L1-8"}
    assert order[6:] == ["L1-9", "L1-7", "L1-1", "L1-3"]


def test_fresh_first_still_shuffles_within_the_unseen() -> None:
    deck, last_seen = _seen_deck()
    openings = {
        tuple(d.draw().id for _ in range(6))
        for d in (Dealer(deck.cards, random.Random(seed), last_seen) for seed in range(10))
    }
    assert len(openings) > 1


def test_game_uses_last_seen_only_with_fresh_first() -> None:
    deck, last_seen = _seen_deck()
    seen = set(card_id for _, card_id in last_seen)

    def seen_before_unseen(fresh_first: bool, seed: int) -> bool:
        game, _ = make_game(
            2, decks=[deck], rounds=None, last_seen=last_seen, fresh_first=fresh_first, seed=seed
        )
        play_out(game)
        ids = [deal.card.id for deal in game.log.deals]
        return any(ids[i] in seen and ids[i + 1] not in seen for i in range(len(ids) - 1))

    assert not any(seen_before_unseen(True, seed) for seed in range(10))
    assert any(seen_before_unseen(False, seed) for seed in range(10))


def test_no_eligible_cards_ends_the_game_at_once() -> None:
    game, _ = make_game(2, decks=[make_deck(levels=(3,))], depth="light")
    assert game.phase == Phase.OVER
    assert game.end_reason == EndReason.CARDS
    assert game.turn is None
    assert game.log.deals == []
