"""Made for each table: children, two people, decks in order, play by time, no-match warnings."""

from __future__ import annotations

import pytest
from helpers.engine import (
    FakeClock,
    finish_reflection,
    fixed_deck,
    make_card,
    make_deck,
    make_game,
    make_settings,
    players,
)

from cardgame.decks import Deck, ReflectionPrompts, Wildcard
from cardgame.engine import (
    BUILT_IN_KIDS_PROMPTS,
    EndReason,
    Phase,
    SettingsError,
    check_dealable,
    dealable_cards,
)

ALL = ("couples", "friends", "family")
KIDS = (*ALL, "kids")


def mixed_deck(kids: int = 10, grown: int = 10) -> Deck:
    cards = [make_card(f"k{n}", audience=KIDS, level=1 + n % 3) for n in range(kids)]
    cards += [make_card(f"g{n}", audience=ALL, level=1 + n % 3) for n in range(grown)]
    return Deck(id="test", name="Test", cards=tuple(cards))


def dealt_to(game) -> list[tuple[str, object]]:
    """Every (player, card) of a game played to its end, passes included."""
    seen = []
    while game.phase != Phase.OVER:
        seen.append((game.turn.player, game.turn.card))
        if len(seen) % 3 == 0 and game.can_pass():
            game.pass_card()
            continue
        if game.turn.needs_target:
            game.ask(game.ask_candidates()[0])
        game.done()
        if game.phase == Phase.REFLECTION:
            finish_reflection(game)
    return seen


# -- children -------------------------------------------------------------------------------


@pytest.mark.parametrize("seed", range(20))
def test_a_child_is_dealt_only_kids_cards(seed: int) -> None:
    game, _ = make_game(3, [mixed_deck()], seed=seed, rounds=None, children={"Ben"})
    seen = dealt_to(game)
    assert any(player == "Ben" for player, _ in seen)
    assert all("kids" in card.audience for player, card in seen if player == "Ben")
    assert any("kids" not in card.audience for player, card in seen if player != "Ben")


def test_with_a_child_at_the_table_a_wildcard_must_be_a_kids_card() -> None:
    extra = [
        make_card("everyone-grown", wildcard=Wildcard.EVERYONE, audience=ALL),
        make_card("everyone-kids", wildcard=Wildcard.EVERYONE, audience=KIDS),
        make_card("anyone-grown", wildcard=Wildcard.ANYONE, audience=ALL),
    ]
    deck = make_deck(levels=(1,), per_level=2, audience=KIDS, extra=extra)
    with_child = {c.id for c in dealable_cards(make_settings(3, [deck], children={"Ada"}), [deck])}
    assert "everyone-kids" in with_child
    assert not with_child & {"everyone-grown", "anyone-grown"}
    without = {c.id for c in dealable_cards(make_settings(3, [deck]), [deck])}
    assert {"everyone-grown", "anyone-grown"} <= without


def test_a_game_ends_when_no_card_is_left_for_the_child_whose_turn_it_is() -> None:
    game, _ = make_game(2, [mixed_deck(kids=1, grown=10)], rounds=None, children={"Ben"})
    game.done()  # Ada
    game.done()  # Ben: the only kids card
    game.done()  # Ada
    assert game.phase == Phase.OVER and game.end_reason == EndReason.CARDS


# -- reflection words for children ------------------------------------------------------------

KIDS_WORDS = ReflectionPrompts(
    mirror=("Say back what you heard",),
    validate=("That makes sense",),
    empathise=("How do you think they felt?",),
    check=("Does that sound right?",),
    clarify=("Tell them more",),
    heard=("Well listened",),
    move_on=("Good try",),
)


def reflect_first_turn(**overrides):
    game, _ = make_game(
        3, [mixed_deck()], reflect="every", kids_prompts=KIDS_WORDS, rounds=None, **overrides
    )
    while game.phase == Phase.TURN:
        game.done()
    return game


def test_kids_words_when_the_speaker_is_a_child() -> None:
    game = reflect_first_turn(children={"Ada"})
    assert game.reflection.speaker == "Ada"
    assert game.reflection_words.mirror == "Say back what you heard"


def test_kids_words_when_the_listener_is_a_child() -> None:
    game = reflect_first_turn(children={"Ben"})
    assert game.reflection.listener == "Ben"
    assert game.reflection_words.check == "Does that sound right?"


def test_kids_words_when_the_speaker_picks_a_child_to_listen() -> None:
    game = reflect_first_turn(children={"Cy"}, speaker_picks_listener=True)
    assert game.reflection_words.check != "Does that sound right?"
    game.choose_listener("Cy")
    assert game.reflection_words.check == "Does that sound right?"


def test_grown_ups_keep_the_table_words() -> None:
    game = reflect_first_turn(children={"Cy"})
    assert {game.reflection.speaker, game.reflection.listener} == {"Ada", "Ben"}
    assert game.reflection_words.check != "Does that sound right?"


def test_without_a_kids_set_children_get_the_built_in_simple_words() -> None:
    game, _ = make_game(2, [mixed_deck()], reflect="every", children={"Ada"})
    game.done()
    assert game.reflection_words.mirror in BUILT_IN_KIDS_PROMPTS.mirror


# -- two people are not a group ---------------------------------------------------------------


def group_deck() -> Deck:
    extra = [
        make_card("anyone", wildcard=Wildcard.ANYONE),
        make_card("everyone", wildcard=Wildcard.EVERYONE),
        make_card("group", min_players=3),
        make_card("big-group", min_players=5),
    ]
    return make_deck(levels=(1,), per_level=3, extra=extra)


def test_two_players_are_never_dealt_ask_anyone_or_group_cards() -> None:
    deck = group_deck()
    ids = {card.id for card in dealable_cards(make_settings(2, [deck]), [deck])}
    assert ids == {"L1-0", "L1-1", "L1-2", "everyone"}
    for seed in range(10):
        game, _ = make_game(2, [deck], seed=seed, rounds=None)
        assert {card.id for _, card in dealt_to(game)} == ids


@pytest.mark.parametrize(("count", "expected"), [(3, {"anyone", "group"}), (5, {"big-group"})])
def test_larger_tables_get_the_cards_meant_for_them(count: int, expected: set[str]) -> None:
    deck = group_deck()
    ids = {card.id for card in dealable_cards(make_settings(count, [deck]), [deck])}
    assert expected <= ids
    if count == 3:
        assert "big-group" not in ids


# -- no card matches -------------------------------------------------------------------------


def test_no_card_for_the_audience_names_the_audience_and_the_deck() -> None:
    deck = Deck(id="game-night", name="Game Night", cards=(make_card("a", audience=["friends"]),))
    settings = make_settings(2, [deck], audience="family")
    assert dealable_cards(settings, [deck]) == []
    with pytest.raises(SettingsError) as error:
        check_dealable(settings, [deck])
    assert str(error.value) == "No card matches: the family audience has no cards in Game Night."


def test_no_card_at_the_depth_or_for_the_table_or_for_a_child_says_which() -> None:
    deep = make_deck(levels=(3,))
    with pytest.raises(SettingsError, match="has no light cards"):
        check_dealable(make_settings(2, [deep], depth="light"), [deep])
    group = make_deck(levels=(), extra=[make_card("g", min_players=4)])
    with pytest.raises(SettingsError, match="no cards for a table of 2"):
        check_dealable(make_settings(2, [group]), [group])
    grown = make_deck(audience=ALL)
    with pytest.raises(SettingsError, match="No card for a child"):
        check_dealable(make_settings(2, [grown], children={"Ben"}), [grown])


def test_a_playable_mix_passes_the_check() -> None:
    deck = mixed_deck()
    check_dealable(make_settings(3, [deck], children={"Cy"}, audience="family"), [deck])


# -- decks dealt in order --------------------------------------------------------------------


def programme(deck_id: str = "journey", count: int = 9) -> Deck:
    cards = [make_card(f"q{n:02}", deck_id=deck_id, level=1 + n * 3 // count) for n in range(count)]
    return fixed_deck(deck_id, cards)


@pytest.mark.parametrize("depth", ["escalate", "deepest"])
def test_a_fixed_deck_is_dealt_in_file_order(depth: str) -> None:
    deck = programme()
    seen_long_ago = {card.key: 1.0 for card in deck.cards[:4]}
    game, _ = make_game(2, [deck], rounds=None, depth=depth, last_seen=seen_long_ago)
    assert [card.id for _, card in dealt_to(game)] == [card.id for card in deck.cards]


def test_fixed_cards_keep_their_order_among_shuffled_ones() -> None:
    journey = programme(count=12)
    for seed in range(10):
        game, _ = make_game(3, [journey, make_deck(per_level=6)], rounds=None, seed=seed)
        dealt = [card for _, card in dealt_to(game)]
        in_order = [card.id for card in dealt if card.deck_id == "journey"]
        assert in_order == [card.id for card in journey.cards]
        assert len(dealt) == 12 + 18


def test_a_fixed_deck_skips_cards_deeper_than_the_depth_keeping_the_order() -> None:
    deck = programme()
    game, _ = make_game(2, [deck], rounds=None, depth="deeper")
    expected = [card.id for card in deck.cards if card.level <= 2]
    assert [card.id for _, card in dealt_to(game)] == expected


# -- play by time ----------------------------------------------------------------------------


def test_play_by_time_finishes_the_round_in_progress_and_says_it_is_the_last() -> None:
    clock = FakeClock()
    game, _ = make_game(3, [make_deck(per_level=30)], rounds=None, minutes=30, clock=clock)
    game.done()  # Ada
    assert not game.last_round
    clock.advance(30 * 60)
    assert game.last_round
    game.done()  # Ben
    game.done()  # Cy: the round is complete
    assert game.phase == Phase.OVER
    assert game.end_reason == EndReason.TIME
    assert not game.last_round
    assert [deal.player for deal in game.log.deals] == list(players(3))


def test_time_that_runs_out_during_a_reflection_still_lets_the_round_finish() -> None:
    clock = FakeClock()
    game, _ = make_game(
        2, [make_deck(per_level=30)], rounds=None, minutes=45, clock=clock, reflect="every"
    )
    game.done()
    clock.advance(45 * 60 + 1)
    finish_reflection(game)
    assert game.phase == Phase.TURN and game.turn.player == "Ben"
    game.done()
    finish_reflection(game)
    assert game.end_reason == EndReason.TIME


def test_the_last_round_by_rounds_is_announced_too() -> None:
    game, _ = make_game(2, rounds=2)
    game.done()
    game.done()
    assert game.round == 2 and game.last_round


def test_escalate_by_time_goes_deeper_as_the_minutes_pass() -> None:
    clock = FakeClock()
    game, _ = make_game(
        2, [make_deck(per_level=20)], rounds=None, minutes=30, clock=clock, depth="escalate"
    )
    levels = []
    for _ in range(3):
        levels.append(game.turn.card.level)
        clock.advance(10 * 60 + 1)
        game.done()
    assert levels == [1, 2, 3]


# -- the bundled decks at real tables -------------------------------------------------------


@pytest.fixture(scope="module")
def bundled() -> list[Deck]:
    from cardgame.decks import load_library
    from cardgame.paths import bundled_decks_dir

    return list(load_library([bundled_decks_dir()]).decks)


def play_bundled(decks: list[Deck], seed: int, **overrides):
    game, _ = make_game(len(overrides.pop("names")), decks, seed=seed, rounds=None, **overrides)
    return dealt_to(game)


@pytest.mark.parametrize("seed", range(3))
def test_a_family_with_a_child_plays_every_bundled_deck_safely(bundled, seed: int) -> None:
    names = players(4)
    seen = play_bundled(bundled, seed, names=names, children={names[3]}, audience="family")
    assert len(seen) > 100
    for player, card in seen:
        assert "family" in card.audience
        if player == names[3] or card.wildcard:
            assert "kids" in card.audience, (player, card.key)


@pytest.mark.parametrize("seed", range(3))
def test_a_couple_never_meets_group_cards_in_the_bundled_decks(bundled, seed: int) -> None:
    seen = play_bundled(bundled, seed, names=players(2), audience="couples")
    assert len(seen) > 100
    assert not [c.key for _, c in seen if c.wildcard == Wildcard.ANYONE or c.min_players > 2]


def test_the_bundled_fixed_deck_plays_in_file_order(bundled) -> None:
    fixed = [deck for deck in bundled if deck.order == "fixed"]
    assert fixed, "a bundled deck with order: fixed"
    for deck in fixed:
        game, _ = make_game(2, [deck], rounds=None, depth="escalate")
        expected = [card.key for card in deck.cards if card.min_players <= 2]
        assert [card.key for _, card in dealt_to(game)] == expected
