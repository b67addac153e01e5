"""Pilot tests of favourites: heart in play, find them, search, remove and undo, play them."""

from __future__ import annotations

import shutil

from helpers.app import (
    TEST_DECKS,
    make_app,
    press_at_once,
    reopen_store,
    screen_name,
    setup_ready,
    wait_until,
)
from textual.command import CommandList
from textual.widgets._toast import Toast

from cardgame.app import create_app
from cardgame.engine import GameSettings, Phase

TWO_PLAYERS = GameSettings(players=("Ana", "Ben"), deck_ids=("table-talk",), reflect="off")


def listed(screen) -> list[tuple[str, bool]]:
    """The favourites list as (text, is a deck heading) rows."""
    return [(row.text, row.is_heading) for row in screen.cards.rows]


def card_rows(screen) -> list[str]:
    return [text for text, heading in listed(screen) if not heading]


def stored_keys(app) -> list[tuple[str, str]]:
    return [favourite.key for favourite in app.session.favourites.all()]


async def heart(pilot, app):
    """Heart the card on the table; return it once the heart shows."""
    card = app.screen.game.turn.card
    await pilot.press("f")
    await wait_until(pilot, lambda: app.session.favourites.is_favourite(card), "the heart")
    return card


def heart_cards(app, count: int) -> list:
    """Heart the first ``count`` cards of the test deck straight through the session."""
    cards = list(app.session.deck("table-talk").cards[:count])
    for card in cards:
        app.session.favourites.set(card, True)
    return cards


async def open_favourites(pilot, app) -> None:
    await setup_ready(pilot)
    await pilot.press("ctrl+f")
    await wait_until(pilot, lambda: screen_name(app) == "FavouritesScreen", "favourites")
    await pilot.pause()


async def test_heart_then_open_from_the_menu_lists_it_under_its_deck(tmp_path, clock):
    app = make_app(tmp_path, clock, settings=TWO_PLAYERS)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        card = await heart(pilot, app)
        await pilot.press("escape")
        await wait_until(pilot, lambda: screen_name(app) == "MenuScreen", "the menu")
        await pilot.click("#favourites")
        await wait_until(pilot, lambda: screen_name(app) == "FavouritesScreen", "favourites")
        rows = listed(app.screen)
        assert rows[0] == ("Table Talk", True)
        assert rows[1] == (f"♥ {card.text}", False)
        assert len(rows) == 2
        assert "1 of 1 favourite" in str(app.screen.summary.render())
        await pilot.press("escape")
        await wait_until(pilot, lambda: screen_name(app) == "PlayScreen", "the game again")
        assert app.screen.game.turn.card == card  # the table's turn is untouched


async def test_f_twice_un_hearts_and_the_store_agrees(tmp_path, clock):
    app = make_app(tmp_path, clock, settings=TWO_PLAYERS)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        card = await heart(pilot, app)
        await wait_until(pilot, lambda: app.screen.card_view.has_class("-favourite"), "heart")
        await pilot.press("f")
        await wait_until(pilot, lambda: not app.session.favourites.is_favourite(card), "unheart")
        await wait_until(pilot, lambda: not app.screen.card_view.has_class("-favourite"), "shown")
    assert reopen_store(tmp_path).favourites() == []


async def test_command_palette_opens_favourites(tmp_path, clock):
    app = make_app(tmp_path, clock)
    async with app.run_test(size=(100, 40)) as pilot:
        await setup_ready(pilot)
        [card] = heart_cards(app, 1)
        await pilot.press("ctrl+p")
        await wait_until(pilot, lambda: screen_name(app) == "CommandPalette", "the palette")
        await pilot.press(*"Favourites")

        def favourites_offered() -> bool:  # the palette searches in a worker
            commands = app.screen.query_one(CommandList)
            if commands.highlighted is None:
                return False
            return commands.get_option_at_index(commands.highlighted).hit.text == "Favourites"

        await wait_until(pilot, favourites_offered, "the palette offering Favourites")
        await pilot.press("enter")
        await wait_until(pilot, lambda: screen_name(app) == "FavouritesScreen", "favourites")
        assert any(card.text in row for row in card_rows(app.screen))


async def test_search_filters_as_you_type(tmp_path, clock):
    app = make_app(tmp_path, clock)
    async with app.run_test(size=(100, 40)) as pilot:
        hearted = heart_cards(app, 3)
        await open_favourites(pilot, app)
        screen = app.screen
        target = hearted[1]
        word = max(target.text.rstrip("?.!").split(), key=len)
        others = [card for card in hearted if word.casefold() not in card.text.casefold()]
        await pilot.press("slash", *word)
        assert screen.search.value == word
        rows = card_rows(screen)
        assert any(target.text in row for row in rows)
        assert all(other.text not in row for other in others for row in rows)
        await pilot.press(*"zzqx")  # nothing matches
        assert card_rows(screen) == []
        assert "0 of 3 favourites" in str(screen.summary.render())


async def test_undo_puts_the_card_back_where_it_was(tmp_path, clock):
    app = make_app(tmp_path, clock)
    async with app.run_test(size=(100, 40)) as pilot:
        hearted = heart_cards(app, 3)
        before = app.session.favourites.all()
        await open_favourites(pilot, app)
        screen = app.screen
        await pilot.press("down")  # the middle card
        removed = hearted[1]
        assert screen.cards.row.key == removed.key
        await pilot.press("d")
        assert len(card_rows(screen)) == 2
        assert screen.cards.row.key == hearted[2].key  # the next card moves up under the cursor
        await wait_until(pilot, lambda: removed.key not in stored_keys(app), "the removal")
        await pilot.press("u")
        assert card_rows(screen)[1] == f"♥ {removed.text}"
        assert screen.cards.row.key == removed.key
        await wait_until(pilot, lambda: len(stored_keys(app)) == 3, "the undo")
        assert app.session.favourites.all() == before  # same place, same time
        await pilot.press("u")  # nothing left to put back
        assert "Nothing to put back" in str(screen.summary.render())
    assert [f.key for f in reopen_store(tmp_path).favourites()] == [f.key for f in before]


async def test_the_undo_notice_never_covers_the_undo_button(tmp_path, clock):
    """Regression: the "Removed. Press u to undo." toast sat on top of the Undo button."""
    app = make_app(tmp_path, clock)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        heart_cards(app, 2)
        await open_favourites(pilot, app)
        await pilot.press("d")
        await pilot.pause()
        undo = app.screen.query_one("#undo").region
        toasts = [toast.region for toast in app.screen.query(Toast)]
        assert all(not undo.overlaps(region) for region in toasts)
        assert "Press u to put it back" in str(app.screen.summary.render())
        await pilot.click("#undo")
        await wait_until(pilot, lambda: len(stored_keys(app)) == 2, "the undo")


async def test_escape_twice_fast_leaves_favourites_once(tmp_path, clock):
    app = make_app(tmp_path, clock)
    async with app.run_test(size=(100, 40)) as pilot:
        heart_cards(app, 1)
        await open_favourites(pilot, app)
        press_at_once(app, "escape", "escape", "escape")
        await wait_until(pilot, lambda: screen_name(app) == "SetupScreen", "setup")
        for _ in range(5):
            await pilot.pause()
        assert [type(s).__name__ for s in app.screen_stack][-1] == "SetupScreen"
        assert len(app.screen_stack) == 1  # setup alone: nothing else popped


async def test_five_thousand_favourites_list_and_filter(tmp_path, clock):
    from dataclasses import replace

    app = make_app(tmp_path, clock)
    async with app.run_test(size=(100, 40)) as pilot:
        await setup_ready(pilot)
        base = app.session.deck("table-talk").cards[0]
        for number in range(5000):
            card = replace(base, id=f"many-{number}", text=f"Question number {number}?")
            app.session.favourites.set(card, True)
        await open_favourites(pilot, app)
        assert len(card_rows(app.screen)) == 5000
        await pilot.press("slash", *"4999")
        assert card_rows(app.screen) == ["♥ Question number 4999?"]


async def test_play_these_deals_only_favourites_to_the_last_table(tmp_path, clock):
    app = make_app(tmp_path, clock)
    async with app.run_test(size=(100, 40)) as pilot:
        await setup_ready(pilot)
        for name in ("Ana", "Ben"):
            await pilot.press(*name, "enter")
        hearted = heart_cards(app, 2)
        await pilot.click("#start")
        await wait_until(pilot, lambda: screen_name(app) == "PlayScreen", "the game")
        await pilot.press("escape")
        await wait_until(pilot, lambda: screen_name(app) == "MenuScreen", "the menu")
        await pilot.click("#favourites")
        await wait_until(pilot, lambda: screen_name(app) == "FavouritesScreen", "favourites")
        await pilot.press("p")  # refused mid-game: the running game is not left underneath
        await pilot.pause()
        assert screen_name(app) == "FavouritesScreen"
        await pilot.press("escape")
        await wait_until(pilot, lambda: screen_name(app) == "PlayScreen", "the game again")
        await pilot.press("escape")
        await wait_until(pilot, lambda: screen_name(app) == "MenuScreen", "the menu")
        await pilot.click("#end")
        await wait_until(pilot, lambda: screen_name(app) == "SummaryScreen", "the summary")
        await pilot.press("g")
        await wait_until(pilot, lambda: screen_name(app) == "SetupScreen", "setup")
        await pilot.click("#favourites")
        await wait_until(pilot, lambda: screen_name(app) == "FavouritesScreen", "favourites")
        press_at_once(app, "p", "p")
        await wait_until(pilot, lambda: screen_name(app) == "PlayScreen", "favourites dealt")
        assert [type(s).__name__ for s in app.screen_stack][-2:] == ["SetupScreen", "PlayScreen"]
        game = app.screen.game
        assert game.players == ("Ana", "Ben")
        assert game.settings.deck_ids == ("favourites",)
        keys = {card.key for card in hearted}
        for _ in range(10):
            if game.phase != Phase.TURN:
                break
            assert game.turn.card.key in keys
            await pilot.press("p")


async def test_a_favourite_outlives_its_deck_file(tmp_path, clock):
    decks = tmp_path / "decks"
    decks.mkdir()
    text = (TEST_DECKS / "table-talk.yaml").read_text(encoding="utf-8")
    text = text.replace("id: table-talk", "id: gone-soon").replace(
        "name: Table Talk", "name: Gone Soon"
    )
    (decks / "gone-soon.yaml").write_text(text, encoding="utf-8")
    settings = GameSettings(players=("Ana", "Ben"), deck_ids=("gone-soon",))

    def build(settings=None):
        return create_app(
            data_dir=tmp_path / "data",
            decks_dirs=[decks],
            only_decks_dirs=True,
            clock=clock,
            settings=settings,
            live_timers=False,
        )

    app = build(settings)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        card = await heart(pilot, app)
    shutil.rmtree(decks)
    decks.mkdir()
    shutil.copy(TEST_DECKS / "table-talk.yaml", decks / "table-talk.yaml")

    later = build()
    async with later.run_test(size=(100, 40)) as pilot:
        await open_favourites(pilot, later)
        assert later.session.deck("gone-soon") is None
        rows = listed(later.screen)
        assert rows[0] == ("Gone Soon", True)
        assert any(card.text in text for text, heading in rows if not heading)


async def test_a_search_keystroke_lays_out_nothing_and_draws_only_visible_rows(tmp_path, clock):
    """Regression (issue 13): each keystroke laid out the whole screen (the search box's width,
    the status line and the list's height all asked for it): 40 ms of a 42 ms keystroke."""
    from dataclasses import replace

    app = make_app(tmp_path, clock)
    async with app.run_test(size=(100, 40)) as pilot:
        await setup_ready(pilot)
        base = app.session.deck("table-talk").cards[0]
        for number in range(300):
            card = replace(base, id=f"many-{number}", text=f"Question number {number}?")
            app.session.favourites.set(card, True)
        await open_favourites(pilot, app)
        screen = app.screen
        await pilot.press("slash")
        await pilot.pause()
        layouts: list[bool] = []
        drawn: list[int] = []
        refresh_layout, render_line = screen._refresh_layout, screen.cards.render_line
        screen._refresh_layout = lambda *a, **k: layouts.append(True) or refresh_layout(*a, **k)
        screen.cards.render_line = lambda y: drawn.append(y) or render_line(y)
        await pilot.press("1")  # 300 rows become 138: the list still scrolls
        await wait_until(pilot, lambda: "138 of 300" in str(screen.summary.render()), "filter")
        await pilot.pause()
        assert len(card_rows(screen)) == 138
        assert drawn, "the list was drawn again"
        assert len(drawn) <= screen.cards.size.height  # only the rows on screen
        assert layouts == []
        await pilot.press("2")  # "12", "112", "120".."129", "212": 13 rows, the scrollbar goes
        await wait_until(pilot, lambda: len(card_rows(screen)) == 13, "the short list")
        assert screen.cards.max_scroll_y == 0
        assert screen.search.value == "12"
