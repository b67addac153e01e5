"""The served app's own parts, driven by Pilot: the visual bell and the welcome-back note."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest
from textual.app import ComposeResult
from textual.screen import Screen

from cardgame.web.app import WebCardGameApp
from cardgame.web.tables import WebSession
from cardgame.widgets.turn_clock import TurnClock

POLLS = 200


class ClockScreen(Screen):
    def compose(self) -> ComposeResult:
        yield TurnClock()


def web_app(tmp_path: Path, scope: str = "table:Smiths") -> WebCardGameApp:
    session = WebSession.open(preferences_scope=scope, data_dir=tmp_path)
    return WebCardGameApp(session=session)


@pytest.mark.parametrize("is_web", [True, False])
async def test_in_a_browser_the_bell_flashes_the_timer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, is_web: bool
) -> None:
    monkeypatch.setattr(WebCardGameApp, "is_web", property(lambda app: is_web))
    rung = []
    monkeypatch.setattr("textual.app.App.bell", lambda app: rung.append(True))
    app = web_app(tmp_path)
    async with app.run_test() as pilot:
        await app.push_screen(ClockScreen())
        clock = app.screen.query_one(TurnClock)
        app.bell()
        assert clock.has_class("-web-bell") is is_web
        assert bool(rung) is not is_web  # a terminal still rings
        for _ in range(POLLS):  # the flashing stops by itself
            if not clock.has_class("-web-bell"):
                break
            await pilot.pause(0.05)
        assert not clock.has_class("-web-bell")


async def test_a_reopened_table_hears_its_earlier_game_was_saved(tmp_path: Path) -> None:
    earlier = WebSession.open(preferences_scope="table:Smiths", data_dir=tmp_path)
    earlier.current_game = SimpleNamespace(  # type: ignore[assignment]
        ended_at=None, players=("Ana", "Ben"), log=SimpleNamespace(deals=[1, 2])
    )
    earlier.note_if_interrupted()
    earlier.close()
    app = web_app(tmp_path)
    async with app.run_test() as pilot:
        for _ in range(POLLS):
            messages = [str(notification.message) for notification in app._notifications]
            if messages:
                break
            await pilot.pause(0.05)
        assert any("(Ana, Ben: 2 cards played) was saved to history" in m for m in messages)
