"""Builders for app tests: an app on the test decks, a fake clock, and screen helpers."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from cardgame.app import CardGameApp, create_app
from cardgame.engine import GameSettings

TEST_DECKS = Path(__file__).resolve().parents[1] / "data" / "decks"


def make_app(
    data_dir: Path,
    clock,
    *,
    seed: int = 7,
    settings: GameSettings | None = None,
    decks: tuple[str, ...] = ("table-talk.yaml",),
) -> CardGameApp:
    """The app on chosen test decks only, with a fake clock and timers frozen."""
    paths = [TEST_DECKS / name for name in (*decks, "table-prompts.yaml")]
    return create_app(
        data_dir=data_dir,
        decks_dirs=paths,
        only_decks_dirs=True,
        clock=clock,
        seed=seed,
        settings=settings,
        live_timers=False,
    )


def screen_name(app: CardGameApp) -> str:
    return type(app.screen).__name__


def reopen_store(data_dir: Path):
    """The store as a later run of the game would find it."""
    from cardgame.paths import database_path
    from cardgame.store import open_store

    return open_store(database_path(data_dir))


async def setup_ready(pilot) -> None:
    """Wait until the setup screen has built its form (it does so just after the first frame)."""
    for _ in range(50):
        if getattr(pilot.app.screen, "built", False):
            return
        await pilot.pause()
    raise AssertionError("the setup form never appeared")


async def pass_until(pilot, predicate, limit: int = 20) -> None:
    """Pass until the card on the table fits ``predicate``; fail (never hang) if none comes."""
    game = pilot.app.screen.game
    for _ in range(limit):
        if predicate(game.turn.card):
            await pilot.pause()
            return
        await pilot.press("p")
    raise AssertionError("no such card in the test deck")


async def end_game_from_menu(pilot) -> None:
    """Escape to the menu and choose "End the game"."""
    await pilot.press("escape")
    await pilot.pause()
    await pilot.click("#end")
    await pilot.pause()


async def wait_until(pilot, predicate: Callable[[], bool], timeout: float = 10.0) -> None:
    """Let the app run until ``predicate()`` holds (polling, never a fixed pause); fail after
    ``timeout`` seconds instead of hanging."""
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout}s waiting for {predicate.__name__}")
        await pilot.pause(0.01)
