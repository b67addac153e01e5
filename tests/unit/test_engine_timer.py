"""The countdown on a fake clock, alone and as the game's turn timer."""

from __future__ import annotations

import pytest
from helpers.engine import FakeClock, make_game

from cardgame.engine import Countdown, Phase
from cardgame.engine.settings import EXTEND_SECONDS


def test_counts_down_as_the_clock_moves() -> None:
    clock = FakeClock()
    timer = Countdown(clock, 90)
    assert timer.running
    assert timer.remaining == 90
    clock.advance(10)
    assert timer.elapsed == 10
    assert timer.remaining == 80
    assert timer.fraction_left == pytest.approx(80 / 90)
    assert not timer.expired


def test_pause_and_resume_lose_nothing() -> None:
    clock = FakeClock()
    timer = Countdown(clock, 90)
    clock.advance(10)
    timer.pause()
    assert not timer.running
    clock.advance(500)
    assert timer.remaining == 80
    assert timer.elapsed == 10
    timer.pause()  # pausing twice changes nothing
    clock.advance(5)
    assert timer.remaining == 80
    timer.resume()
    timer.resume()  # resuming twice does not restart the live stretch
    clock.advance(7)
    assert timer.remaining == 73
    assert timer.elapsed == 17


def test_toggle_reports_whether_it_runs() -> None:
    clock = FakeClock()
    timer = Countdown(clock, 60)
    assert timer.toggle() is False
    clock.advance(30)
    assert timer.remaining == 60
    assert timer.toggle() is True
    clock.advance(30)
    assert timer.remaining == 30


def test_extend_adds_time_to_a_running_timer() -> None:
    clock = FakeClock()
    timer = Countdown(clock, 90)
    clock.advance(40)
    timer.extend(EXTEND_SECONDS)
    assert EXTEND_SECONDS == 30
    assert timer.remaining == 80
    assert timer.limit == 120


def test_extend_an_expired_timer_gives_the_seconds_from_now() -> None:
    clock = FakeClock()
    timer = Countdown(clock, 90)
    clock.advance(200)
    assert timer.expired
    assert timer.remaining == 0
    assert timer.fraction_left == 0
    timer.extend(30)
    assert not timer.expired
    assert timer.remaining == 30
    clock.advance(29)
    assert timer.remaining == 1
    clock.advance(1)
    assert timer.expired


def test_extend_an_expired_paused_timer_then_resume() -> None:
    clock = FakeClock()
    timer = Countdown(clock, 10)
    clock.advance(15)
    timer.pause()
    timer.extend(30)
    clock.advance(100)
    assert timer.remaining == 30
    timer.resume()
    clock.advance(10)
    assert timer.remaining == 20


@pytest.mark.parametrize("seconds", [0, None])
def test_no_limit_only_counts_up(seconds: float | None) -> None:
    clock = FakeClock()
    timer = Countdown(clock, seconds)
    clock.advance(1000)
    assert timer.limit is None
    assert timer.remaining is None
    assert not timer.expired
    assert timer.fraction_left == 1.0
    assert timer.elapsed == 1000
    timer.extend(30)
    assert timer.limit is None


def test_a_timer_made_paused_waits_for_resume() -> None:
    clock = FakeClock()
    timer = Countdown(clock, 60, start=False)
    assert not timer.running
    clock.advance(100)
    assert timer.elapsed == 0
    timer.resume()
    clock.advance(5)
    assert timer.remaining == 55


# -- the game's turn timer ---------------------------------------------------------------------


def test_game_pause_resume_and_extend_act_on_the_turn_timer() -> None:
    game, clock = make_game(turn_seconds=90)
    clock.advance(20)
    assert game.timer is game.turn.timer
    assert game.toggle_pause() is False
    clock.advance(300)
    assert game.timer.remaining == 70
    assert game.toggle_pause() is True
    clock.advance(10)
    game.extend()
    assert game.timer.remaining == 90
    game.extend(15)
    assert game.timer.remaining == 105


def test_the_turn_never_advances_by_itself_at_zero() -> None:
    game, clock = make_game(turn_seconds=30)
    turn = game.turn
    clock.advance(10_000)
    assert game.timer.expired
    assert game.phase == Phase.TURN
    assert game.turn is turn
    assert game.log.deals == []
    game.extend()
    assert game.timer.remaining == 30
    game.done()
    assert game.turn.index == 1
    assert game.turn.player == game.players[1]


def test_talk_time_leaves_out_the_paused_stretch() -> None:
    game, clock = make_game(turn_seconds=60)
    player = game.turn.player
    clock.advance(12)
    game.toggle_pause()
    clock.advance(600)
    game.toggle_pause()
    clock.advance(3)
    game.done()
    assert game.stats[player].talk_seconds == 15
    assert game.log.deals[0].seconds == 15


def test_no_turn_timer_when_turn_seconds_is_zero() -> None:
    game, clock = make_game(turn_seconds=0)
    clock.advance(5000)
    assert game.timer.remaining is None
    assert not game.timer.expired
    game.extend()
    assert game.timer.remaining is None


def test_each_turn_gets_a_fresh_timer() -> None:
    game, clock = make_game(turn_seconds=45)
    clock.advance(40)
    game.done()
    assert game.timer.remaining == 45
    clock.advance(50)
    game.pass_card()
    assert game.timer.remaining == 45


# -- drawing only what changes ---------------------------------------------------------------


def test_the_face_shows_whole_seconds_left_and_says_when_it_next_changes() -> None:
    clock = FakeClock()
    timer = Countdown(clock, 90)
    assert (timer.face, timer.next_change_in()) == (90, pytest.approx(1.0))
    clock.advance(0.25)
    assert (timer.face, timer.next_change_in()) == (90, pytest.approx(0.75))
    clock.advance(0.75)
    assert (timer.face, timer.next_change_in()) == (89, pytest.approx(1.0))
    clock.advance(89)
    assert (timer.face, timer.next_change_in()) == (0, None)  # run out: nothing more to draw


def test_a_paused_clock_never_asks_to_be_redrawn() -> None:
    clock = FakeClock()
    timer = Countdown(clock, 30)
    clock.advance(2.5)
    timer.pause()
    assert timer.next_change_in() is None
    clock.advance(100)
    assert timer.face == 28
    timer.resume()
    assert timer.next_change_in() == pytest.approx(0.5)


def test_without_a_limit_the_face_counts_time_talked() -> None:
    clock = FakeClock()
    timer = Countdown(clock, 0)
    clock.advance(61.25)
    assert (timer.face, timer.next_change_in()) == (61, pytest.approx(0.75))
