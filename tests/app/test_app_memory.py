"""Issue 9, item 12: a long game stays flat; nothing the screen has stopped showing stays alive.

Textual's footer rebuilds its keys whenever the screen's bindings change, and kept every key it
had ever built alive (a data-bind watcher, Textualize/textual#6666, and a process-wide colour
memo). ``benchmarks/memory_growth.py`` measures the whole process over 1,000 cards; this test
pins the cause.
"""

from __future__ import annotations

import gc

from helpers.app import make_app, wait_until
from textual.widgets._footer import FooterKey

from cardgame.engine import GameSettings

TWO_PLAYERS = GameSettings(players=("Ana", "Ben"), deck_ids=("table-talk",), reflect="off")


def footer_keys_alive() -> list[FooterKey]:
    gc.collect()
    return [thing for thing in gc.get_objects() if isinstance(thing, FooterKey)]


async def test_footer_keys_are_let_go_when_the_footer_rebuilds(tmp_path, clock):
    app = make_app(tmp_path, clock, settings=TWO_PLAYERS)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: app.screen.query(FooterKey), "the footer's keys")
        for _ in range(12):  # each refresh makes the footer build its keys again
            app.screen.refresh_bindings()
            await pilot.pause()
        shown = set(map(id, app.screen.query(FooterKey)))
        alive = footer_keys_alive()
        left_behind = [key for key in alive if id(key) not in shown and not key.is_attached]
        assert shown and left_behind == []
