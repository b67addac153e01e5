"""What setup, favourites, the summary and the deck browser look like, at 80x24 and 60x20.

Update after an intended change with
``pytest tests/app/test_snapshots_setup.py --snapshot-update``, then look at the SVGs.
"""

from __future__ import annotations

import pytest
from helpers.app import setup_ready
from helpers.engine import FakeClock
from helpers.tables import table_app

SIZES = pytest.mark.parametrize("size", [(80, 24), (60, 20)], ids=["80x24", "60x20"])


@SIZES
def test_setup_with_a_child_at_the_table(snap_compare, tmp_path, size):
    app = table_app(tmp_path, FakeClock())

    async def run_before(pilot):
        await setup_ready(pilot)
        await pilot.press(*"Mum", "enter", *"Lily", "enter", *"Sam", "enter")
        app.screen.player_list.highlighted = 1
        app.screen.player_list.action_toggle_child()
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=run_before)
