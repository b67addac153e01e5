"""History as the game goes: subscribers hear each deal, reflection and the end as they happen."""

from __future__ import annotations

import pytest
from helpers.engine import finish_reflection, make_deck, make_game

from cardgame.engine import (
    DealLogged,
    DealOutcome,
    EndReason,
    GameEnded,
    Phase,
    ReflectionLogged,
)


def test_every_deal_pass_reflection_and_the_end_reach_a_subscriber_in_order() -> None:
    game, _ = make_game(2, rounds=1, reflect="every")
    heard = []
    game.subscribe(heard.append)
    game.pass_card()
    game.done()
    finish_reflection(game)
    game.done()
    game.decline_reflection()
    assert [type(event) for event in heard] == [
        DealLogged,
        DealLogged,
        ReflectionLogged,
        DealLogged,
        ReflectionLogged,
        GameEnded,
    ]
    assert [event.record.outcome for event in heard if isinstance(event, DealLogged)] == [
        DealOutcome.PASSED,
        DealOutcome.ANSWERED,
        DealOutcome.ANSWERED,
    ]
    assert heard[-2].record.declined
    assert heard[-1] == GameEnded(EndReason.ROUNDS)
    assert heard[:-1] == game.events_so_far()[:-1]


def test_an_event_arrives_once_the_game_has_moved_on() -> None:
    game, _ = make_game(3)
    seen = []

    def check(event) -> None:
        assert event.record is game.log.deals[-1]
        seen.append((game.phase, game.turn.index))

    game.subscribe(check)
    game.done()
    assert seen == [(Phase.TURN, 1)]


def test_ending_on_request_is_announced_once() -> None:
    game, _ = make_game(3)
    heard = []
    game.subscribe(heard.append)
    game.end()
    game.end()
    assert heard == [GameEnded(EndReason.REQUEST)]


def test_unsubscribe_stops_the_calls() -> None:
    game, _ = make_game(3)
    heard = []
    unsubscribe = game.subscribe(heard.append)
    game.done()
    unsubscribe()
    game.done()
    assert len(heard) == 1


def test_replay_tells_a_late_subscriber_what_already_happened() -> None:
    game, _ = make_game(2, decks=[make_deck(levels=(1,), per_level=1)], rounds=None)
    game.done()
    assert game.phase == Phase.OVER
    heard = []
    game.subscribe(heard.append, replay=True)
    assert [type(event) for event in heard] == [DealLogged, GameEnded]
    assert heard[-1].reason == EndReason.CARDS


def test_a_game_that_ends_as_it_starts_says_so_on_replay() -> None:
    game, _ = make_game(2, decks=[make_deck(levels=(3,))], depth="light")
    heard = []
    game.subscribe(heard.append, replay=True)
    assert heard == [GameEnded(EndReason.CARDS)]


def test_a_failing_subscriber_does_not_keep_events_from_the_others() -> None:
    game, _ = make_game(2, rounds=1)
    heard = []

    def broken(event) -> None:
        raise OSError("disk full")

    game.subscribe(broken)
    game.subscribe(heard.append)
    for _ in range(2):  # the second turn is the last: a deal and the end
        with pytest.raises(OSError, match="disk full"):
            game.done()
    assert [type(event) for event in heard] == [DealLogged, DealLogged, GameEnded]
    assert game.phase == Phase.OVER
