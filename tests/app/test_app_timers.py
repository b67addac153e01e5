"""Timers that wake only when the clock shows something new (issue 13).

The game's clock is a fake one here (it moves only when a test moves it) while Textual's timers
are real: a wake-up set for "the next change" is set for a delay read off the fake clock.
"""

from __future__ import annotations

import pytest
from helpers.app import TEST_DECKS, pass_until, screen_name, wait_until

from cardgame.app import create_app
from cardgame.engine import GameSettings
from cardgame.screens.base import WAKE_SLACK


def live_app(tmp_path, clock, **options):
    """The app with real Textual timers on the fake game clock."""
    settings = GameSettings(
        players=("Ana", "Ben", "Cy"), deck_ids=("table-talk",), turn_seconds=60, **options
    )
    return create_app(
        data_dir=tmp_path / "data",
        decks_dirs=[TEST_DECKS / "table-talk.yaml", TEST_DECKS / "table-prompts.yaml"],
        only_decks_dirs=True,
        clock=clock,
        seed=7,
        settings=settings,
        live_timers=True,
    )


# Textual's own repaint timer runs only while a repaint is pending, then pauses itself.
REPAINT_TIMER = "screen_update"


def running_timers(screen) -> list[str]:
    """Every timer of ``screen`` and its widgets that is set to fire (not paused, not stopped),
    but for the screen's repaint timer."""
    found = []
    for node in (screen, *screen.walk_children()):
        for timer in list(node._timers):
            task = timer._task
            if timer.name == REPAINT_TIMER:
                continue
            if task is not None and not task.done() and timer._active.is_set():
                found.append(f"{type(node).__name__}:{timer.name}")
    return sorted(found)


def record_wakeups(screen) -> list[tuple[str, float]]:
    """Spy on the screen's timers: ("set_timer" | "set_interval", delay) for each one it sets."""
    calls: list[tuple[str, float]] = []
    for kind in ("set_timer", "set_interval"):
        original = getattr(screen, kind)

        def spy(delay, *args, _kind=kind, _original=original, **kwargs):
            calls.append((_kind, delay))
            return _original(delay, *args, **kwargs)

        setattr(screen, kind, spy)
    return calls


async def test_the_clock_wakes_once_for_the_next_second_it_shows(tmp_path, clock):
    async with live_app(tmp_path, clock).run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        screen = pilot.app.screen
        calls = record_wakeups(screen)
        clock.advance(0.3)
        screen.keep_time()
        # Not a fixed rate: one wake-up, just after 59 replaces 1:00, 0.7 s from now.
        assert calls == [("set_timer", pytest.approx(0.7 + WAKE_SLACK))]
        assert running_timers(screen) == ["PlayScreen:turn-clock"]
        screen.keep_time()
        assert len(running_timers(screen)) == 1  # asking again replaces it, never adds one


async def test_nothing_wakes_while_paused_not_even_the_bar(tmp_path, clock):
    """Regression: a paused clock woke twice a second, and Textual's ProgressBar once more."""
    async with live_app(tmp_path, clock).run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        screen = pilot.app.screen
        calls = record_wakeups(screen)
        clock.advance(10.25)
        await pilot.press("space")
        assert screen.game.timer.running is False
        assert running_timers(screen) == []
        assert not screen.waiting
        await pilot.press("space")  # resumed: woken again for 49, 0.75 s from now
        assert calls[-1] == ("set_timer", pytest.approx(0.75 + WAKE_SLACK))
        assert running_timers(screen) == ["PlayScreen:turn-clock"]


async def test_a_covered_or_untimed_screen_sets_no_wakeups(tmp_path, clock):
    async with live_app(tmp_path, clock, reflect="every").run_test(size=(100, 40)) as pilot:
        app = pilot.app
        await pilot.pause()
        play = app.screen
        await pilot.press("question_mark")
        await wait_until(pilot, lambda: screen_name(app) == "HelpScreen", "help")
        assert running_timers(play) == []  # under a modal
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is play and play.waiting, "back")
        await pass_until(pilot, lambda card: card.wildcard is None)
        await pilot.press("n")
        await wait_until(pilot, lambda: screen_name(app) == "ReflectionScreen", "reflection")
        assert running_timers(play) == []  # under the reflection, which keeps its own time
        reflection = app.screen
        expected = ["ReflectionScreen:turn-clock"] if reflection.countdown() else []
        assert running_timers(reflection) == expected
        await pilot.press("enter", "1")  # checking: no clock on this step
        await wait_until(pilot, lambda: reflection.round.step in ("check", "done"), "check")
        assert running_timers(reflection) == []


async def test_the_wakeup_at_zero_draws_time_up_rings_and_then_sleeps(tmp_path, clock):
    app = live_app(tmp_path, clock)
    bells = []
    app.bell = lambda: bells.append(True)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        clock.advance(59.99)
        screen.keep_time()  # the last second: wakes in 10 ms, when the time is up
        clock.advance(0.01)
        await wait_until(pilot, lambda: bells == [True], "the bell")
        digits = screen.query_one("#clock-digits")
        assert digits.value == "0:00"
        assert screen.query_one("#clock-bar").steps == 0
        assert screen.card_view.has_class("-time-up")
        assert not screen.waiting and running_timers(screen) == []  # nothing left to draw
