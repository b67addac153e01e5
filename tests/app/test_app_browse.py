"""Pilot tests of the deck browser: reached three ways, filters, hearts, a card drawn at random."""

from __future__ import annotations

from helpers.app import press_at_once, screen_name, setup_ready, wait_until
from helpers.tables import table_app
from textual.command import CommandList

from cardgame.widgets.choice import Choice


def texts(screen) -> list[str]:
    return [row.text[2:] for row in screen.cards.rows]


async def open_browser(pilot, app) -> None:
    await setup_ready(pilot)
    await pilot.press("ctrl+b")
    await wait_until(pilot, lambda: screen_name(app) == "BrowseScreen", "the browser")
    await pilot.pause()


async def step_to(pilot, choice: Choice, value) -> None:
    for _ in choice.options:
        if choice.value == value:
            return
        choice.action_step(1)
        await pilot.pause()
    raise AssertionError(f"no {value!r}")


async def test_setup_opens_the_browser_on_the_highlighted_deck(tmp_path, clock):
    app = table_app(tmp_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await setup_ready(pilot)
        app.screen.deck_list.focus()
        app.screen.deck_list.highlighted = 2
        await pilot.pause()
        expected = app.screen.deck_list.get_option_at_index(2).value
        await pilot.click("#browse")
        await wait_until(pilot, lambda: screen_name(app) == "BrowseScreen", "the browser")
        assert app.screen.deck.id == expected
        assert len(app.screen.cards.rows) == len(app.session.deck(expected).cards)


async def test_the_command_palette_opens_the_browser(tmp_path, clock):
    app = table_app(tmp_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await setup_ready(pilot)
        await pilot.press("ctrl+p")
        await wait_until(pilot, lambda: screen_name(app) == "CommandPalette", "the palette")
        await pilot.press(*"Browse")
        await wait_until(pilot, lambda: app.screen.query_one(CommandList).option_count, "a match")
        await pilot.press("enter")
        await wait_until(pilot, lambda: screen_name(app) == "BrowseScreen", "the browser")


async def test_filter_by_level_and_audience(tmp_path, clock):
    app = table_app(tmp_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_browser(pilot, app)
        screen = app.screen
        deck = screen.deck
        await step_to(pilot, screen.query_one("#browse-level", Choice), 2)
        assert texts(screen) == [card.text for card in deck.cards if card.level == 2]
        await step_to(pilot, screen.query_one("#browse-audience", Choice), "kids")
        assert texts(screen) == []
        assert "No card" in str(screen.status.render())
        await pilot.press("]")  # the next deck, same filters
        assert screen.deck.id != deck.id


async def test_heart_a_card_while_browsing(tmp_path, clock):
    app = table_app(tmp_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_browser(pilot, app)
        screen = app.screen
        await pilot.press("down", "f")
        card = screen.cards.card
        await wait_until(pilot, lambda: app.session.favourites.is_favourite(card), "the heart")
        await wait_until(pilot, lambda: screen.cards.row.text.startswith("♥"), "heart shown")


async def test_draw_one_at_random_highlights_and_shows_it_whole(tmp_path, clock):
    app = table_app(tmp_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_browser(pilot, app)
        screen = app.screen
        drawn = set()
        for _ in range(8):
            await pilot.press("r")
            card = screen.cards.card
            assert card in screen.matching
            assert str(screen.whole.render()) == card.text
            drawn.add(card.key)
        assert len(drawn) > 1


async def test_escape_pressed_fast_leaves_the_browser_once(tmp_path, clock):
    app = table_app(tmp_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_browser(pilot, app)
        press_at_once(app, "escape", "escape", "escape")
        await wait_until(pilot, lambda: screen_name(app) == "SetupScreen", "setup")
        for _ in range(5):
            await pilot.pause()
        assert screen_name(app) == "SetupScreen"
