"""Keys as an impatient player types them: every event queued at once, nothing awaited between."""

from __future__ import annotations

from textual import events
from textual.app import App


def type_at_once(app: App, *keys: str) -> None:
    """Queue ``keys`` (single characters or key names such as "enter") without waiting.

    ``Pilot.press`` waits for the app to go idle after every key, which hides races between
    keys; a person typing fast (or a paste-like burst) does not wait.
    """
    driver = app._driver
    assert driver is not None
    for key in keys:
        character = key if len(key) == 1 else {"enter": "\r", "space": " "}.get(key)
        event = events.Key(key if len(key) > 1 or key.isalnum() else _name(key), character)
        event.set_sender(app)
        driver.send_message(event)


def _name(character: str) -> str:
    return {" ": "space", "/": "slash"}.get(character, character)


async def wait_until(pilot, condition, what: str, tries: int = 200) -> None:
    """Pause until ``condition()`` holds; fail naming ``what`` (never a fixed sleep)."""
    for _ in range(tries):
        if condition():
            return
        await pilot.pause()
    raise AssertionError(f"never happened: {what}")
