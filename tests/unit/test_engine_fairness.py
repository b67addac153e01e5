"""Everyone is heard: "every other turn" alternates per speaker; a speaker may decline."""

from __future__ import annotations

import pytest
from helpers.engine import finish_reflection, make_deck, make_game
from helpers.profiles import examples
from hypothesis import given, settings
from hypothesis import strategies as st

from cardgame.engine import GameRuleError, Heard, Phase, ReflectionStepError, Step

PLENTY = make_deck(levels=(1, 2, 3), per_level=60)


def listened_to(game) -> list[int]:
    return [game.stats[name].reflections_received for name in game.players]


def test_every_other_turn_listens_to_every_player_at_a_four_player_table() -> None:
    # The bug: alternating on the game-wide count of answers, seats 1 and 3 reflected every
    # round and seats 2 and 4 never (Mum and Sam 9 times, Dad and Lily never).
    game, _ = make_game(4, rounds=4, reflect="alternate", decks=[PLENTY])
    while game.phase != Phase.OVER:
        game.done()
        if game.phase == Phase.REFLECTION:
            finish_reflection(game)
    assert listened_to(game) == [2, 2, 2, 2]


@pytest.mark.parametrize("player_count", range(2, 13))
def test_every_other_turn_has_reflections_in_every_round(player_count: int) -> None:
    game, _ = make_game(player_count, rounds=4, reflect="alternate", decks=[PLENTY])
    per_round: dict[int, int] = {}
    while game.phase != Phase.OVER:
        this_round = game.round
        game.done()
        if game.phase == Phase.REFLECTION:
            per_round[this_round] = per_round.get(this_round, 0) + 1
            finish_reflection(game)
    assert sorted(per_round) == [1, 2, 3, 4]
    assert all(count >= player_count // 2 for count in per_round.values())


@settings(max_examples=examples(80), deadline=None)
@given(
    player_count=st.integers(2, 12),
    turns=st.integers(1, 60),
    passes=st.lists(st.booleans(), max_size=120),
    seed=st.integers(0, 1000),
)
def test_every_other_turn_hears_each_player_within_one_of_the_others(
    player_count: int, turns: int, passes: list[bool], seed: int
) -> None:
    game, _ = make_game(player_count, rounds=None, reflect="alternate", decks=[PLENTY], seed=seed)
    wants_pass = iter(passes)
    for _ in range(turns):
        if next(wants_pass, False):
            game.pass_card()
        game.done()
        if game.phase == Phase.REFLECTION:
            finish_reflection(game, Heard.PARTLY)
        counts = listened_to(game)
        assert max(counts) - min(counts) <= 1, counts
        listened = [game.stats[name].reflections_given for name in game.players]
        assert max(listened) - min(listened) <= 1, listened


# -- declining a reflection ---------------------------------------------------------------


def reflecting_game(**overrides):
    game, clock = make_game(3, reflect="every", decks=[PLENTY], **overrides)
    game.done()
    assert game.phase == Phase.REFLECTION
    return game, clock


@pytest.mark.parametrize("steps", [0, 1, 2])
def test_the_speaker_can_decline_at_any_step_before_the_end(steps: int) -> None:
    game, _ = reflecting_game()
    speaker, listener = game.reflection.speaker, game.reflection.listener
    for action in (game.listener_done, lambda: game.answer(Heard.PARTLY))[:steps]:
        action()
    record = game.decline_reflection()
    assert (record.declined, record.outcome, record.speaker) == (True, "declined", speaker)
    assert record.listener == listener
    assert game.phase == Phase.TURN and game.turn.index == 1
    stats = game.stats[speaker]
    assert (stats.reflections_received, stats.heard_first_time) == (0, 0)
    assert stats.reflections_declined == 1
    assert game.stats[listener].reflections_given == 0


def test_a_declined_round_does_not_use_up_the_listeners_turn_to_listen() -> None:
    game, _ = reflecting_game()
    first_listener = game.reflection.listener
    game.decline_reflection()
    game.done()  # the next speaker; whoever the declined round picked is still first in line
    assert game.reflection.listener in game.listener_candidates()
    assert game.rotation.counts[first_listener] == 0


def test_declining_while_the_speaker_picks_leaves_no_listener() -> None:
    game, _ = reflecting_game(speaker_picks_listener=True)
    assert game.reflection.step == Step.CHOOSE_LISTENER
    record = game.decline_reflection()
    assert record.listener == ""
    assert record.declined


def test_decline_is_refused_outside_a_round_and_after_it_ended() -> None:
    game, _ = make_game(3, reflect="every", decks=[PLENTY])
    with pytest.raises(GameRuleError):
        game.decline_reflection()
    game.done()
    game.listener_done()
    game.answer(Heard.YES)
    with pytest.raises(ReflectionStepError):
        game.decline_reflection()
    assert not game.finish_reflection().declined
