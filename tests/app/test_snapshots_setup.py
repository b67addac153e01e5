"""What setup, favourites, the summary and the deck browser look like, at 80x24 and 60x20.

Update after an intended change with
``pytest tests/app/test_snapshots_setup.py --snapshot-update``, then look at the SVGs.
"""

from __future__ import annotations

import pytest
from helpers.app import screen_name, setup_ready, wait_until
from helpers.engine import FakeClock
from helpers.tables import table_app

from cardgame.messages import ShowBrowser, ShowFavourites

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


@SIZES
def test_favourites_grouped_by_deck(snap_compare, tmp_path, size):
    app = table_app(tmp_path, FakeClock())

    async def run_before(pilot):
        await setup_ready(pilot)
        for deck_id in ("all-ears", "game-night"):
            for card in app.session.deck(deck_id).cards[:2]:
                assert app.session.favourites.set(card, True)
        app.post_message(ShowFavourites())
        await wait_until(pilot, lambda: screen_name(app) == "FavouritesScreen", "favourites")
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=run_before)


@SIZES
def test_browse_a_deck(snap_compare, tmp_path, size):
    app = table_app(tmp_path, FakeClock())

    async def run_before(pilot):
        await setup_ready(pilot)
        app.post_message(ShowBrowser("all-ears"))
        await wait_until(pilot, lambda: screen_name(app) == "BrowseScreen", "the deck browser")
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=run_before)


@SIZES
def test_setup_table_options_with_the_keyboard(snap_compare, tmp_path, size):
    """The option the keys change is highlighted while the list has focus."""
    app = table_app(tmp_path, FakeClock())

    async def run_before(pilot):
        await setup_ready(pilot)
        app.screen.table_options.focus()
        await pilot.press("down", "right", "down", "down", "down")  # Depth: Light; on to Passes
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=run_before)
