"""One game: rotation, passes, wildcards, the end, stats and the closing card."""

from __future__ import annotations

import pytest
from helpers.engine import FakeClock, answer_turn, make_card, make_deck, make_game, play_out

from cardgame.decks import Wildcard
from cardgame.engine import EndReason, GameRuleError, Phase
from cardgame.engine.game import DEFAULT_CLOSING

# -- rotation ----------------------------------------------------------------------------------


@pytest.mark.parametrize("player_count", range(2, 13))
def test_turns_rotate_through_the_seats(player_count: int) -> None:
    game, _ = make_game(player_count, rounds=3, decks=[make_deck(per_level=20)])
    names = game.players
    seen = []
    while game.phase == Phase.TURN:
        turn = game.turn
        assert game.round == turn.index // player_count + 1
        assert game.next_player == names[(turn.index + 1) % player_count]
        seen.append((turn.index, turn.player))
        game.done()
    assert seen == [(i, names[i % player_count]) for i in range(3 * player_count)]
    assert game.end_reason == EndReason.ROUNDS
    assert all(game.stats[name].answered == 3 for name in names)
    assert [deal.player for deal in game.log.deals] == [player for _, player in seen]
    assert game.total_turns == 3 * player_count
    assert game.total_rounds == 3


# -- passes ------------------------------------------------------------------------------------


def test_a_pass_deals_another_card_to_the_same_player_on_the_same_turn() -> None:
    game, clock = make_game(3)
    game.done()
    before = game.turn
    clock.advance(4)
    assert game.pass_card() is True
    after = game.turn
    assert after.index == before.index == 1
    assert after.player == before.player == game.players[1]
    assert after.card != before.card
    assert game.stats[before.player].passed == 1
    assert game.stats[before.player].answered == 0
    deal = game.log.deals[-1]
    assert (deal.player, deal.card, deal.outcome, deal.seconds) == (
        before.player,
        before.card,
        "passed",
        4,
    )
    game.done()
    assert game.turn.player == game.players[2]


def test_passes_are_unlimited_by_default() -> None:
    game, _ = make_game(2, decks=[make_deck(per_level=20)], depth="deepest")
    assert game.settings.passes is None
    assert game.passes_left(game.turn.player) is None
    for _ in range(25):
        assert game.can_pass()
        assert game.pass_card() is True
    assert game.turn.index == 0
    assert game.stats[game.players[0]].passed == 25


def test_each_player_has_their_own_pass_budget() -> None:
    game, _ = make_game(2, passes=2)
    first, second = game.players
    assert game.passes_left(first) == 2
    assert game.pass_card() and game.pass_card()
    assert game.passes_left(first) == 0
    assert not game.can_pass()
    card = game.turn.card
    assert game.pass_card() is False
    assert game.turn.card == card
    assert game.stats[first].passed == 2
    assert len(game.log.deals) == 2
    game.done()
    assert game.turn.player == second
    assert game.can_pass()
    assert game.passes_left(second) == 2
    assert game.pass_card()
    assert game.passes_left(second) == 1
    game.done()
    assert game.turn.player == first
    assert not game.can_pass()  # the budget is for the whole game, not a round


def test_zero_passes_means_none() -> None:
    game, _ = make_game(2, passes=0)
    assert not game.can_pass()
    assert game.pass_card() is False
    assert game.turn.index == 0


def test_cannot_pass_outside_a_turn() -> None:
    game, _ = make_game(2, reflect="every")
    game.done()
    assert game.phase == Phase.REFLECTION
    assert not game.can_pass()
    with pytest.raises(GameRuleError):
        game.pass_card()


# -- the end -----------------------------------------------------------------------------------


def test_ends_after_the_last_round_with_cards_left() -> None:
    game, clock = make_game(3, rounds=1, closing=("Last words",))
    for _ in range(3):
        assert game.phase == Phase.TURN
        clock.advance(2)
        game.done()
    assert game.phase == Phase.OVER
    assert game.end_reason == EndReason.ROUNDS
    assert game.dealer.remaining > 0
    assert game.ended_at == clock()
    assert game.closing_card == "Last words"
    assert game.timer is None


def test_ends_when_the_cards_run_out() -> None:
    game, _ = make_game(3, rounds=5, decks=[make_deck(levels=(1,), per_level=4)])
    for _ in range(4):
        game.done()
    assert game.phase == Phase.OVER
    assert game.end_reason == EndReason.CARDS
    assert len(game.log.deals) == 4


def test_ends_when_a_pass_finds_no_card() -> None:
    game, _ = make_game(2, rounds=None, decks=[make_deck(levels=(1,), per_level=2)])
    game.done()
    assert game.pass_card() is True
    assert game.phase == Phase.OVER
    assert game.end_reason == EndReason.CARDS
    assert [deal.outcome for deal in game.log.deals] == ["answered", "passed"]


def test_the_last_round_wins_over_the_last_card() -> None:
    game, _ = make_game(2, rounds=2, decks=[make_deck(levels=(1,), per_level=4)])
    play_out(game)
    assert game.end_reason == EndReason.ROUNDS
    assert game.dealer.remaining == 0


def test_end_on_request_does_not_count_the_turn_in_progress() -> None:
    game, clock = make_game(3)
    game.done()
    clock.advance(10)
    game.end()
    assert game.phase == Phase.OVER
    assert game.end_reason == EndReason.REQUEST
    assert len(game.log.deals) == 1
    assert game.stats[game.players[1]].answered == 0
    ended = game.ended_at
    clock.advance(10)
    game.end()  # a second request changes nothing
    assert game.end_reason == EndReason.REQUEST
    assert game.ended_at == ended
    for action in (game.done, game.pass_card, lambda: game.ask(game.players[0])):
        with pytest.raises(GameRuleError):
            action()


def test_end_during_a_reflection_round() -> None:
    game, _ = make_game(2, reflect="every")
    game.done()
    assert game.phase == Phase.REFLECTION
    game.end()
    assert game.phase == Phase.OVER
    assert game.reflection is None
    assert game.log.reflections == []
    with pytest.raises(GameRuleError):
        game.listener_done()


def test_elapsed_stops_at_the_end_even_at_clock_zero() -> None:
    clock = FakeClock(start=0.0)
    game, _ = make_game(2, clock=clock)
    game.end()
    assert game.ended_at == 0.0
    clock.advance(50)
    assert game.elapsed == 0.0


def test_elapsed_runs_until_the_end() -> None:
    game, clock = make_game(2)
    clock.advance(30)
    assert game.elapsed == 30
    game.end()
    clock.advance(100)
    assert game.elapsed == 30


# -- the closing card --------------------------------------------------------------------------


def test_closing_card_is_drawn_from_the_pool() -> None:
    pool = ("One", "Two", "Three", "Four")
    drawn = set()
    for seed in range(20):
        game, _ = make_game(2, seed=seed, closing=pool)
        assert game.closing_card is None
        game.end()
        assert game.closing_card in pool
        drawn.add(game.closing_card)
    assert len(drawn) > 1


def test_closing_card_defaults_without_a_pool() -> None:
    game, _ = make_game(2)
    game.end()
    assert game.closing_card in DEFAULT_CLOSING


# -- wildcards ---------------------------------------------------------------------------------


def anyone_deck():
    return make_deck(levels=(1,), per_level=12, wildcard=Wildcard.ANYONE)


def test_ask_anyone_answers_for_the_player_without_breaking_the_rotation() -> None:
    game, clock = make_game(4, decks=[anyone_deck()])
    ada, ben, cy, dee = game.players
    assert game.turn.player == ada
    assert game.turn.needs_target
    game.ask(cy)
    assert not game.turn.needs_target
    assert game.turn.answerer == cy
    clock.advance(9)
    game.done()
    assert game.turn.player == ben  # not the one after Cy
    deal = game.log.deals[0]
    assert (deal.player, deal.answered_by) == (ada, cy)
    assert game.stats[cy].answered == 1
    assert game.stats[cy].talk_seconds == 9
    assert game.stats[ada].answered == 0
    game.ask(ada)
    game.ask(dee)  # a change of mind before answering
    game.done()
    assert game.turn.player == cy
    assert game.log.deals[1].answered_by == dee


@pytest.mark.parametrize("target", ["Ada", "Nobody", ""])
def test_ask_refuses_self_and_strangers(target: str) -> None:
    game, _ = make_game(3, decks=[anyone_deck()])
    with pytest.raises(GameRuleError):
        game.ask(target)
    assert game.turn.asked is None


def test_ask_only_on_an_ask_anyone_card() -> None:
    for wildcard in (None, Wildcard.EVERYONE):
        game, _ = make_game(3, decks=[make_deck(wildcard=wildcard)])
        with pytest.raises(GameRuleError):
            game.ask(game.players[1])
        assert game.turn.asked is None


def test_ask_anyone_speaker_is_the_one_asked_in_reflection() -> None:
    game, _ = make_game(3, decks=[anyone_deck()], reflect="every")
    ada, ben, cy = game.players
    game.ask(ben)
    game.done()
    assert game.reflection.speaker == ben
    assert game.reflection.listener in (ada, cy)
    with pytest.raises(GameRuleError):
        game.ask(cy)


def test_a_pass_on_ask_anyone_clears_the_choice() -> None:
    game, _ = make_game(3, decks=[anyone_deck()])
    game.ask(game.players[2])
    game.pass_card()
    assert game.turn.asked is None
    assert game.turn.needs_target
    assert game.stats[game.players[0]].passed == 1


def test_everyone_answers_is_one_turn_and_never_reflected() -> None:
    deck = make_deck(levels=(1, 2, 3), per_level=4, wildcard=Wildcard.EVERYONE)
    game, _ = make_game(3, decks=[deck], rounds=2, reflect="every")
    players = []
    while game.phase == Phase.TURN:
        assert game.turn.card.wildcard == Wildcard.EVERYONE
        players.append(game.turn.player)
        game.done()
    assert game.phase == Phase.OVER
    assert players == list(game.players) * 2
    assert game.log.reflections == []


def test_everyone_answers_among_questions_skips_only_its_reflection() -> None:
    deck = make_deck(levels=(1,), per_level=3, extra=[make_card("all", wildcard=Wildcard.EVERYONE)])
    game, _ = make_game(2, decks=[deck], rounds=None, reflect="every")
    play_out(game)
    reflected = [record.card.id for record in game.log.reflections]
    assert sorted(reflected) == ["L1-0", "L1-1", "L1-2"]


# -- stats -------------------------------------------------------------------------------------


def test_stats_count_answers_passes_and_talk_time_per_answerer() -> None:
    deck = make_deck(levels=(1,), per_level=10, extra=[])
    game, clock = make_game(2, decks=[deck], rounds=2)
    ada, ben = game.players
    clock.advance(5)
    game.pass_card()
    clock.advance(7)
    game.done()  # Ada: 7s talk, the 5s before the pass do not count
    clock.advance(11)
    game.done()  # Ben: 11s
    clock.advance(2)
    game.pass_card()
    clock.advance(2)
    game.pass_card()
    clock.advance(3)
    game.done()  # Ada: 3s
    clock.advance(1)
    game.done()  # Ben: 1s
    assert game.phase == Phase.OVER
    assert (game.stats[ada].answered, game.stats[ada].passed) == (2, 3)
    assert (game.stats[ben].answered, game.stats[ben].passed) == (2, 0)
    assert game.stats[ada].talk_seconds == 10
    assert game.stats[ben].talk_seconds == 12
    assert [(d.outcome, d.seconds) for d in game.log.deals] == [
        ("passed", 5),
        ("answered", 7),
        ("answered", 11),
        ("passed", 2),
        ("passed", 2),
        ("answered", 3),
        ("answered", 1),
    ]


def test_actions_of_a_turn_fail_during_reflection() -> None:
    game, _ = make_game(3, reflect="every")
    game.done()
    reflection = game.reflection
    for action in (game.done, game.pass_card):
        with pytest.raises(GameRuleError):
            action()
    assert game.phase == Phase.REFLECTION
    assert game.reflection is reflection
    assert len(game.log.deals) == 1


def test_play_with_reflection_reaches_the_end() -> None:
    game, _ = make_game(4, reflect="every", rounds=2)
    while game.phase != Phase.OVER:
        answer_turn(game)
    assert game.end_reason == EndReason.ROUNDS
    assert len(game.log.reflections) == 8
