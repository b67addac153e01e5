"""What a player sees, at fixed sizes, with timers frozen on a fake clock.

Update after an intended change with ``pytest tests/app/test_snapshots.py --snapshot-update``,
then look at the SVGs in ``tests/app/__snapshots__``. Each screen of the game is taken at 80x24
and at one other size (120x40: the card and the reflection use the space).
"""

from __future__ import annotations

import pytest
from helpers.app import make_app, pass_until, setup_ready, wait_until
from helpers.engine import FakeClock

from cardgame.engine import GameSettings

TABLE = ("Ana", "Ben", "Cy")
SIZES = pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])


def game_app(tmp_path, **overrides):
    clock = FakeClock()
    options = {"players": TABLE, "deck_ids": ("table-talk",), "reflect": "every"}
    options.update(overrides)
    app = make_app(tmp_path, clock, settings=GameSettings(**options), seed=3)
    return app, clock


def test_setup(snap_compare, tmp_path):
    app = make_app(tmp_path, FakeClock())

    async def run_before(pilot):
        await setup_ready(pilot)
        await pilot.press("A", "n", "a", "enter", "B", "e", "n", "enter")

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


@SIZES
def test_play_running(snap_compare, tmp_path, size):
    app, clock = game_app(tmp_path)

    async def run_before(pilot):
        await pass_until(pilot, lambda card: card.kind == "question")
        clock.advance(21)
        pilot.app.screen.tick()

    assert snap_compare(app, terminal_size=size, run_before=run_before)


def test_play_paused_with_a_favourite(snap_compare, tmp_path):
    app, clock = game_app(tmp_path)

    async def run_before(pilot):
        clock.advance(40)
        await pilot.press("space", "f")
        await wait_until(pilot, lambda: pilot.app.screen.card_view.favourite, "the heart")

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


def test_play_time_up(snap_compare, tmp_path):
    app, clock = game_app(tmp_path, turn_seconds=30)
    app.bell = lambda: None

    async def run_before(pilot):
        clock.advance(31)
        pilot.app.screen.tick()

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


def test_play_everyone_wildcard(snap_compare, tmp_path):
    app, _ = game_app(tmp_path)

    async def run_before(pilot):
        await pass_until(pilot, lambda card: card.wildcard == "everyone")

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


def test_play_small_terminal(snap_compare, tmp_path):
    app, clock = game_app(tmp_path)

    async def run_before(pilot):
        await pass_until(pilot, lambda card: card.wildcard == "anyone")
        clock.advance(5)
        pilot.app.screen.tick()

    assert snap_compare(app, terminal_size=(60, 20), run_before=run_before)


@SIZES
def test_help(snap_compare, tmp_path, size):
    app, _ = game_app(tmp_path)
    assert snap_compare(app, terminal_size=size, press=["question_mark"])


@SIZES
def test_menu(snap_compare, tmp_path, size):
    app, _ = game_app(tmp_path)
    assert snap_compare(app, terminal_size=size, press=["escape"])


@SIZES
def test_confirm_leaving(snap_compare, tmp_path, size):
    app, _ = game_app(tmp_path)
    assert snap_compare(app, terminal_size=size, press=["q"])


@SIZES
def test_ask_anyone_chooser(snap_compare, tmp_path, size):
    app, _ = game_app(tmp_path)

    async def run_before(pilot):
        await pass_until(pilot, lambda card: card.wildcard == "anyone")
        await pilot.press("a")
        await wait_until(pilot, lambda: type(pilot.app.screen).__name__ != "PlayScreen", "chooser")

    assert snap_compare(app, terminal_size=size, run_before=run_before)


@SIZES
def test_reflection_choose_listener(snap_compare, tmp_path, size):
    app, _ = game_app(tmp_path, speaker_picks_listener=True)

    async def run_before(pilot):
        await pass_until(pilot, lambda card: card.kind == "question")
        await pilot.press("n")
        await wait_until(
            pilot, lambda: type(pilot.app.screen).__name__ == "ReflectionScreen", "reflection"
        )

    assert snap_compare(app, terminal_size=size, run_before=run_before)


@SIZES
def test_reflection_prompts(snap_compare, tmp_path, size):
    app, clock = game_app(tmp_path)

    async def run_before(pilot):
        await pass_until(pilot, lambda card: card.kind == "question")
        await pilot.press("n")
        clock.advance(12)
        await pilot.pause()
        pilot.app.screen.tick()

    assert snap_compare(app, terminal_size=size, run_before=run_before)


@SIZES
def test_reflection_check(snap_compare, tmp_path, size):
    app, _ = game_app(tmp_path)

    async def run_before(pilot):
        await pass_until(pilot, lambda card: card.kind == "question")
        await pilot.press("n", "enter")

    assert snap_compare(app, terminal_size=size, run_before=run_before)


def test_reflection_retry(snap_compare, tmp_path):
    app, _ = game_app(tmp_path)

    async def run_before(pilot):
        await pass_until(pilot, lambda card: card.kind == "question")
        await pilot.press("n", "enter", "3", "enter")

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


def test_reflection_done(snap_compare, tmp_path):
    app, _ = game_app(tmp_path)

    async def run_before(pilot):
        await pass_until(pilot, lambda card: card.kind == "question")
        await pilot.press("n", "enter", "1")

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


@pytest.mark.parametrize("size", [(80, 24), (60, 20)])
def test_summary(snap_compare, tmp_path, size):
    app, clock = game_app(tmp_path, rounds=1)

    async def run_before(pilot):
        for _ in range(3):
            clock.advance(45)
            await pilot.press("n")
            await pilot.pause()
            if type(pilot.app.screen).__name__ == "ReflectionScreen":
                await pilot.press("enter", "1", "enter")
                await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=run_before)
