"""Builders for app tests: an app on the test decks, a fake clock, and screen helpers."""

from __future__ import annotations

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
    """The class name of the screen on top, once it has mounted ("" while it is mounting).

    A screen is on the stack before its ``on_mount`` has filled it in; a test that waits for
    the name and then reads the screen must not see it half built.
    """
    screen = app.screen
    return type(screen).__name__ if screen.is_mounted else ""


def footer_keys(screen) -> dict[str, str]:
    """What the screen's footer shows now (the keys that fit its width): key -> description."""
    from cardgame.widgets.footer import CompactFooter

    footer = screen.query_one(CompactFooter)
    return {span.entry.key: span.entry.description for span in footer.spans}


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


async def wait_until(pilot, condition, what: str, limit: int = 200) -> None:
    """Let the app run until ``condition()`` holds (a worker wrote, a screen arrived); fail
    with ``what`` if it never does. Polls: no fixed pauses."""
    for _ in range(limit):
        if condition():
            return
        await pilot.pause()
    raise AssertionError(f"never happened: {what}")


def press_at_once(app, *keys: str) -> None:
    """Queue key presses without letting the app run in between: as fast as fingers can be."""
    from textual import events

    for key in keys:
        character = {"enter": "\r", "escape": "\x1b", "space": " "}.get(key, key)
        app.post_message(events.Key(key, character if len(character) == 1 else None))


def deck_file(folder: Path, deck_id: str, color: str, texts: list[str]) -> Path:
    """A small deck written for one test."""
    folder.mkdir(parents=True, exist_ok=True)
    lines = [f"id: {deck_id}", f"name: {deck_id.title()}", f'color: "{color}"', "cards:"]
    lines += [f"  - text: {text}\n    level: 1" for text in texts]
    path = folder / f"{deck_id}.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
