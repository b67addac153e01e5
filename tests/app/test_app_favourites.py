"""Pilot tests of favourites: heart in play, find them, search, remove and undo, play them."""

from __future__ import annotations

import shutil

from helpers.app import TEST_DECKS, make_app, reopen_store, screen_name, wait_until
from textual.command import CommandList

from cardgame.app import create_app
from cardgame.engine import GameSettings, Phase

TWO_PLAYERS = GameSettings(players=("Ana", "Ben"), deck_ids=("table-talk",), reflect="off")


def listed(screen) -> list[tuple[str, bool]]:
    """The favourites list as (text, is a deck heading) rows."""
    options = screen.cards
    rows = []
    for index in range(options.option_count):
        option = options.get_option_at_index(index)
        rows.append((str(option.prompt), option.disabled))
    return rows


def card_rows(screen) -> list[str]:
    return [text for text, heading in listed(screen) if not heading]


async def heart(pilot, app):
    """Heart the card on the table; return it."""
    card = app.screen.game.turn.card
    await pilot.press("f")
    await pilot.pause()
    return card


async def open_favourites_from_menu(pilot, app):
    await pilot.press("escape")
    await pilot.pause()
    assert screen_name(app) == "MenuScreen"
    await pilot.click("#favourites")
    await pilot.pause()
    assert screen_name(app) == "FavouritesScreen"


async def test_heart_then_open_from_the_menu_lists_it_under_its_deck(tmp_path, clock):
    app = make_app(tmp_path, clock, settings=TWO_PLAYERS)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        card = await heart(pilot, app)
        await open_favourites_from_menu(pilot, app)
        rows = listed(app.screen)
        assert rows[0] == ("Table Talk", True)
        assert len(rows) == 2 and not rows[1][1]
        assert card.text in rows[1][0] and rows[1][0].startswith("♥")
        assert "1 of 1 favourites shown" in str(app.screen.summary.render())
        await pilot.press("escape")
        await pilot.pause()
        assert screen_name(app) == "PlayScreen"
        assert app.screen.game.turn.card == card  # the table's turn is untouched


async def test_f_twice_un_hearts_and_the_store_agrees(tmp_path, clock):
    app = make_app(tmp_path, clock, settings=TWO_PLAYERS)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        store = app.session.store
        card = await heart(pilot, app)
        assert store.is_favourite(card.deck_id, card.id)
        assert app.screen.card_view.has_class("-favourite")
        await pilot.press("f")
        await pilot.pause()
        assert not app.screen.card_view.has_class("-favourite")
        assert not store.is_favourite(card.deck_id, card.id)
    assert reopen_store(tmp_path).favourites() == []


async def test_command_palette_opens_favourites(tmp_path, clock):
    app = make_app(tmp_path, clock, settings=TWO_PLAYERS)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        card = await heart(pilot, app)
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert screen_name(app) == "CommandPalette"
        await pilot.press(*"Favourites")

        def favourites_offered() -> bool:  # the palette searches in a worker
            commands = app.screen.query_one(CommandList)
            if commands.highlighted is None:
                return False
            return commands.get_option_at_index(commands.highlighted).hit.text == "Favourites"

        await wait_until(pilot, favourites_offered, "the palette offering Favourites")
        await pilot.press("enter")
        await pilot.pause()
        assert screen_name(app) == "FavouritesScreen"
        assert any(card.text in row for row in card_rows(app.screen))


async def heart_several(pilot, app, count: int) -> list:
    """Heart ``count`` different cards, passing between them."""
    hearted = []
    while len(hearted) < count:
        card = app.screen.game.turn.card
        if card not in hearted:
            hearted.append(await heart(pilot, app))
        await pilot.press("p")
        await pilot.pause()
    return hearted


async def test_search_filters_then_remove_and_undo(tmp_path, clock):
    app = make_app(tmp_path, clock, settings=TWO_PLAYERS)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        hearted = await heart_several(pilot, app, 3)
        await open_favourites_from_menu(pilot, app)
        screen = app.screen
        assert len(card_rows(screen)) == 3
        target = hearted[1]
        word = max(target.text.rstrip("?.!").split(), key=len)
        others = [card for card in hearted if word.casefold() not in card.text.casefold()]
        await pilot.press("slash")
        await pilot.press(*word)
        await pilot.pause()
        assert screen.search.value == word
        rows = card_rows(screen)
        assert any(target.text in row for row in rows)
        assert all(other.text not in row for other in others for row in rows)
        assert len(rows) == 3 - len(others)
        await pilot.press(*"zzqx")  # nothing matches
        await pilot.pause()
        assert card_rows(screen) == []
        assert "0 of 3 favourites shown" in str(screen.summary.render())

        # Clear the search, then remove the highlighted card and put it back.
        screen.search.value = ""
        await pilot.pause()
        screen.cards.focus()
        await pilot.pause()
        removed = screen._highlighted()
        assert removed is not None
        store = app.session.store
        await pilot.press("d")
        await pilot.pause()
        assert not store.is_favourite(removed.deck_id, removed.card_id)
        assert len(card_rows(screen)) == 2
        assert all(removed.text not in row for row in card_rows(screen))
        await pilot.press("u")
        await pilot.pause()
        assert store.is_favourite(removed.deck_id, removed.card_id)
        assert len(card_rows(screen)) == 3
        again = {(f.deck_id, f.card_id): f for f in store.favourites()}
        restored = again[(removed.deck_id, removed.card_id)]
        assert (restored.text, restored.level, restored.kind, restored.deck_name) == (
            removed.text,
            removed.level,
            removed.kind,
            removed.deck_name,
        )
        await pilot.press("u")  # a second undo has nothing left to restore
        await pilot.pause()
        assert len(store.favourites()) == 3
    assert {(f.deck_id, f.card_id) for f in reopen_store(tmp_path).favourites()} == {
        card.key for card in hearted
    }


async def test_play_these_deals_only_favourites_to_the_last_table(tmp_path, clock):
    app = make_app(tmp_path, clock)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        assert screen_name(app) == "SetupScreen"
        for name in ("Ana", "Ben"):
            await pilot.press(*name, "enter")
        await pilot.pause()
        await pilot.click("#start")
        await pilot.pause()
        assert screen_name(app) == "PlayScreen"
        hearted = await heart_several(pilot, app, 2)
        await open_favourites_from_menu(pilot, app)
        await pilot.press("p")  # refused mid-game: the running game is not left underneath
        await pilot.pause()
        assert screen_name(app) == "FavouritesScreen"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        await pilot.click("#end")
        await pilot.pause()
        await pilot.press("g")  # summary -> setup
        await pilot.pause()
        assert screen_name(app) == "SetupScreen"
        await pilot.click("#favourites")
        await pilot.pause()
        await pilot.press("p")
        await pilot.pause()
        assert screen_name(app) == "PlayScreen"
        assert [type(s).__name__ for s in app.screen_stack][-2:] == ["SetupScreen", "PlayScreen"]
        game = app.screen.game
        assert game.players == ("Ana", "Ben")
        assert game.settings.deck_ids == ("favourites",)
        favourite_keys = app.session.store.favourite_keys()
        assert favourite_keys == {card.key for card in hearted}
        for _ in range(10):
            if game.phase != Phase.TURN:
                break
            assert game.turn.card.key in favourite_keys
            await pilot.press("n")
            await pilot.pause()
            while screen_name(app) in ("ReflectionScreen", "ChoosePlayerScreen"):
                keys = ("enter",) if screen_name(app) == "ChoosePlayerScreen" else ("enter", "1")
                await pilot.press(*keys, "enter")
                await pilot.pause()
        dealt = {deal.card.key for deal in game.log.deals}
        assert dealt and dealt <= favourite_keys
        assert screen_name(app) == "SummaryScreen"


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
        await pilot.pause()
        assert later.session.library.deck("gone-soon") is None
        assert screen_name(later) == "SetupScreen"
        await pilot.press("ctrl+f")
        await pilot.pause()
        assert screen_name(later) == "FavouritesScreen"
        rows = listed(later.screen)
        assert rows[0] == ("Gone Soon", True)
        assert any(card.text in text for text, heading in rows if not heading)
