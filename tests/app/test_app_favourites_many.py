"""The favourites screen with more favourites than a screen shows: the first screenful comes
before the first frame, the rest just after it (issue 13), and nothing is lost in between."""

from __future__ import annotations

import threading

from helpers.app import make_app, reopen_store, screen_name, setup_ready, wait_until

from cardgame.screens.favourites import FIRST_READ
from cardgame.store import Favourite

MANY = FIRST_READ + 80


def favourites(count: int) -> list[Favourite]:
    return [
        Favourite(
            f"deck-{n // 40:02d}",
            f"card-{n:03d}",
            f"Question {n:03d}?",
            1,
            "question",
            f"Deck {n // 40:02d}",
            float(n),
        )
        for n in range(count)
    ]


def card_texts(screen) -> list[str]:
    return [row.text for row in screen.cards.rows if not row.is_heading]


async def test_the_first_screenful_shows_before_the_rest_is_read_and_a_removal_meanwhile_sticks(
    tmp_path, clock
):
    app = make_app(tmp_path, clock)
    saved = favourites(MANY)
    for favourite in saved:
        app.session.store.put_favourite(favourite)
    service = app.session.favourites
    read_all, release = service.all, threading.Event()

    def held_back() -> list[Favourite]:  # the whole list is read only when the test says
        release.wait(10)
        return read_all()

    service.all = held_back
    async with app.run_test(size=(100, 30)) as pilot:
        await setup_ready(pilot)
        await pilot.press("ctrl+f")
        await wait_until(pilot, lambda: screen_name(app) == "FavouritesScreen", "favourites")
        screen = app.screen
        await wait_until(pilot, lambda: card_texts(screen), "the first screenful")
        assert not screen.complete
        assert card_texts(screen) == [f"♥ {f.text}" for f in saved[:FIRST_READ]]
        assert f"{FIRST_READ} of {MANY} favourites" in str(screen.summary.render())
        await pilot.press("d")  # the first card, removed before the whole list is in
        assert card_texts(screen)[0] == f"♥ {saved[1].text}"
        release.set()
        await wait_until(pilot, lambda: screen.complete, "the whole list")
        assert card_texts(screen) == [f"♥ {f.text}" for f in saved[1:]]
        assert f"{MANY - 1} of {MANY - 1} favourites" in str(screen.summary.render())
        assert screen.cards.row.key == saved[1].key  # the cursor stayed where it was
        await pilot.press("u")  # undo puts it back in its place, in the whole list
        assert card_texts(screen) == [f"♥ {f.text}" for f in saved]
        await pilot.press("end")
        assert screen.cards.row.key == saved[-1].key
    store = reopen_store(tmp_path)
    assert [f.key for f in store.favourites()] == [f.key for f in saved]
    store.close()


async def test_a_few_favourites_are_all_there_from_the_first_frame(tmp_path, clock):
    app = make_app(tmp_path, clock)
    for favourite in favourites(3):
        app.session.store.put_favourite(favourite)
    async with app.run_test(size=(100, 30)) as pilot:
        await setup_ready(pilot)
        await pilot.press("ctrl+f")
        await wait_until(pilot, lambda: screen_name(app) == "FavouritesScreen", "favourites")
        screen = app.screen
        assert screen.complete  # the first read had them all: nothing more to wait for
        await wait_until(pilot, lambda: card_texts(screen), "the list")
        assert len(card_texts(screen)) == 3


async def test_setup_never_reads_every_favourite_on_the_event_loop(tmp_path, clock):
    """Regression: setup built its Favourites deck from every favourite on the event loop, at
    each fill of the deck list (5,000 hearts: about 100 ms a time, the screen frozen)."""
    app = make_app(tmp_path, clock)
    saved = favourites(MANY)
    for favourite in saved:
        app.session.store.put_favourite(favourite)
    service = app.session.favourites
    read_all, readers = service.all, []

    def watched() -> list[Favourite]:
        readers.append(threading.current_thread() is threading.main_thread())
        return read_all()

    service.all = watched
    async with app.run_test(size=(100, 30)) as pilot:
        await setup_ready(pilot)
        deck_list = app.screen.deck_list

        def listed() -> list[str]:
            return [
                str(deck_list.get_option_at_index(i).prompt) for i in range(deck_list.option_count)
            ]

        await wait_until(pilot, lambda: f"Favourites · {MANY} cards" in listed(), "Favourites")
        await pilot.press("ctrl+f")
        await wait_until(pilot, lambda: screen_name(app) == "FavouritesScreen", "favourites")
        await wait_until(pilot, lambda: app.screen.complete, "the whole list")
        await pilot.press("escape")  # back to setup: the list is filled again
        await wait_until(pilot, lambda: screen_name(app) == "SetupScreen", "setup again")
        await wait_until(pilot, lambda: len(readers) >= 3, "a second read for setup")
    assert readers and not any(readers), "every favourite was read on the event loop"
