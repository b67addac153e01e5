"""Pilot tests of the summary: the cards played tonight, hearts from there, sizes, leaving once."""

from __future__ import annotations

from helpers.app import (
    end_game_from_menu,
    make_app,
    press_at_once,
    reopen_store,
    screen_name,
    wait_until,
)

from cardgame.engine import GameSettings
from cardgame.widgets.stats_table import StatsTable

TABLE = GameSettings(players=("Ana", "Ben"), deck_ids=("table-talk",), reflect="every")


async def play_three_cards(pilot, app):
    """Answer one card with a reflection, pass one, answer one; return the cards in order."""
    game = app.screen.game
    cards = []
    for keys in (("n",), ("p",), ("n",)):
        while game.turn.card.wildcard is not None:  # keep to plain cards: one speaker each
            await pilot.press("p")
        cards.append(game.turn.card)
        await pilot.press(*keys)
        while screen_name(app) in ("ReflectionScreen", "ChoosePlayerScreen"):
            await pilot.press("enter", "1", "enter")
        await wait_until(pilot, lambda: screen_name(app) == "PlayScreen", "the table")
    return [deal.card for deal in game.log.deals]


async def test_the_summary_lists_the_cards_played_and_who_did_what(tmp_path, clock):
    app = make_app(tmp_path, clock, settings=TABLE)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await play_three_cards(pilot, app)
        game = app.screen.game
        await end_game_from_menu(pilot)
        await wait_until(pilot, lambda: screen_name(app) == "SummaryScreen", "the summary")
        rows = app.screen.cards.rows
        dealt = []
        for deal in game.log.deals:
            if deal.card.key not in dealt:
                dealt.append(deal.card.key)
        assert [row.key for row in rows] == dealt
        first = game.log.deals[0]
        assert f"{first.answered_by} {first.outcome}" in rows[0].suffix
        passed = [deal for deal in game.log.deals if deal.outcome == "passed"]
        assert passed and any(f"{passed[0].answered_by} passed" in row.suffix for row in rows)
        reflected = game.log.reflections[0]
        assert any(
            f"{reflected.listener} reflected {reflected.speaker}" in row.suffix for row in rows
        )
        assert all(row.text.startswith("♡ ") for row in rows)


async def test_heart_a_card_from_the_summary(tmp_path, clock):
    app = make_app(tmp_path, clock, settings=TABLE)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await play_three_cards(pilot, app)
        await end_game_from_menu(pilot)
        await wait_until(pilot, lambda: screen_name(app) == "SummaryScreen", "the summary")
        screen = app.screen
        await pilot.press("down")
        card = screen.cards.card
        await pilot.press("f")
        await wait_until(pilot, lambda: screen.cards.row.text.startswith("♥"), "the heart")
        assert app.session.favourites.is_favourite(card)
        assert "1 favourite added" in str(screen.totals.render())
        await pilot.press("enter")  # enter toggles too: the heart comes off
        await wait_until(pilot, lambda: screen.cards.row.text.startswith("♡"), "heart off")
        assert "0 favourites added" in str(screen.totals.render())
        await pilot.press("f")
        await wait_until(pilot, lambda: screen.cards.row.text.startswith("♥"), "the heart")
    assert [f.key for f in reopen_store(tmp_path).favourites()] == [card.key]


async def test_felt_heard_fits_at_60x20(tmp_path, clock):
    """Regression: the summary's last column, "Felt heard", was cut off at 60 columns."""
    long_names = GameSettings(
        players=("Bartholomew Fitzgerald", "Ben"), deck_ids=("table-talk",), reflect="every"
    )
    app = make_app(tmp_path, clock, settings=long_names)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        await end_game_from_menu(pilot)
        await wait_until(pilot, lambda: screen_name(app) == "SummaryScreen", "the summary")
        await pilot.pause()
        table = app.screen.query_one("#summary-table", StatsTable)
        assert table.region.right <= 60
        assert "Felt heard" in table.header
        first_line = str(table.visual).splitlines()[1]
        assert first_line.strip().startswith("Bartholom…")
        assert len(first_line) <= table.region.width


async def test_play_again_pressed_fast_starts_one_game(tmp_path, clock):
    app = make_app(tmp_path, clock, settings=TABLE)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await end_game_from_menu(pilot)
        await wait_until(pilot, lambda: screen_name(app) == "SummaryScreen", "the summary")
        press_at_once(app, "r", "r", "r")
        await wait_until(pilot, lambda: screen_name(app) == "PlayScreen", "a new game")
        for _ in range(5):
            await pilot.pause()
        names = [type(screen).__name__ for screen in app.screen_stack]
        assert names.count("PlayScreen") == 1, names
