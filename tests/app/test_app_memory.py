"""Issue 9, item 12: a long game stays flat; nothing the screen has stopped showing stays alive.

Textual's footer rebuilds its keys whenever the screen's bindings change, and kept every key it
had ever built alive (a data-bind watcher, Textualize/textual#6666, and a process-wide colour
memo). ``benchmarks/memory_growth.py`` measures the whole process over 1,000 cards; this test
pins the cause.
"""

from __future__ import annotations

import gc
import weakref

from helpers.app import footer_keys, make_app, screen_name, wait_until

from cardgame.engine import GameSettings
from cardgame.widgets.card_list import CardList
from cardgame.widgets.footer import CompactFooter

TWO_PLAYERS = GameSettings(players=("Ana", "Ben"), deck_ids=("table-talk",), reflect="off")


async def test_the_footer_follows_the_keys_without_building_a_widget_per_key(tmp_path, clock):
    """Textual's footer built a widget per key at every change of the keys (several a turn),
    each kept alive by a watcher entry (issue 9, item 12), and laid the screen out twice more
    each time. This one is one widget: the keys change, it redraws its line, nothing is built."""
    app = make_app(tmp_path, clock, settings=TWO_PLAYERS)
    async with app.run_test(size=(100, 30)) as pilot:
        footer = app.screen.query_one(CompactFooter)
        await wait_until(pilot, lambda: footer.entries, "the footer's keys")
        widgets = len(app.screen.query("*"))
        for expected in ("Resume", "Pause") * 6:
            await pilot.press("space")
            shown = lambda e=expected: e in footer_keys(app.screen).values()  # noqa: E731
            await wait_until(pilot, shown, f"{expected} in the footer")
        assert not footer.children
        assert len(app.screen.query("*")) == widgets


async def test_the_footer_redraws_only_when_the_keys_it_shows_change(tmp_path, clock):
    """A move that leaves the keys on offer as they were draws nothing new."""
    app = make_app(tmp_path, clock, settings=TWO_PLAYERS)
    async with app.run_test(size=(100, 30)) as pilot:
        footer = app.screen.query_one(CompactFooter)
        await wait_until(pilot, lambda: footer.entries, "the footer's keys")
        await pilot.pause()
        redraws = []
        original = footer.refresh

        def counted(*args, **kwargs):
            redraws.append(kwargs)
            return original(*args, **kwargs)

        footer.refresh = counted
        for _ in range(5):
            app.screen.refresh_bindings()
            await pilot.pause()
        assert redraws == []
        await pilot.press("space")  # Pause becomes Resume: one redraw, no layout
        await wait_until(pilot, lambda: redraws, "a redraw")
        assert not any(kwargs.get("layout") for kwargs in redraws)


async def test_a_finished_game_is_let_go_once_the_next_one_starts(tmp_path, clock):
    """Play again: the game that ended, with its whole log, is not kept alive by its old screens.

    Textual keeps the last message each widget handled, and a message keeps its sender: a
    ``Show`` sent while the play screen was busy stayed in the hidden setup screen's widgets and
    held the old play screen, its game and every deal of it (about a megabyte after 900 cards),
    until the next game ended.
    """
    one_round = GameSettings(
        players=("Ana", "Ben"), deck_ids=("table-talk",), reflect="off", rounds=1
    )
    app = make_app(tmp_path, clock, settings=one_round)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: screen_name(app) == "PlayScreen", "the game")
        first_game = weakref.ref(app.game)
        for _ in range(4):  # one round of two players: two cards, then the summary
            if screen_name(app) == "PlayScreen":
                await pilot.press("n")
            await pilot.pause()
        await wait_until(pilot, lambda: screen_name(app) == "SummaryScreen", "the summary")
        await pilot.press("r")
        await wait_until(pilot, lambda: screen_name(app) == "PlayScreen", "the next game")
        assert app.game is not first_game()

        def first_game_let_go() -> bool:
            gc.collect()
            return first_game() is None

        await wait_until(pilot, first_game_let_go, "the finished game to be let go", 50)


async def test_the_summary_lets_its_rows_go_before_the_next_game_is_dealt(tmp_path, clock):
    """Play again: the summary's list (a row per card played, hundreds after a long game) is
    emptied before the next game is built, so the new game reuses that memory."""
    one_round = GameSettings(
        players=("Ana", "Ben"), deck_ids=("table-talk",), reflect="off", rounds=1
    )
    app = make_app(tmp_path, clock, settings=one_round)
    rows_when_dealt: list[int] = []
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: screen_name(app) == "PlayScreen", "the game")
        for _ in range(4):
            if screen_name(app) == "PlayScreen":
                await pilot.press("n")
            await pilot.pause()
        await wait_until(pilot, lambda: screen_name(app) == "SummaryScreen", "the summary")
        summary_cards = app.screen.query_one(CardList)
        assert len(summary_cards.rows) == 2
        start_game = app.start_game

        def start_game_watched(settings):
            rows_when_dealt.append(len(summary_cards.rows))
            return start_game(settings)

        app.start_game = start_game_watched
        await pilot.press("r")
        await wait_until(pilot, lambda: screen_name(app) == "PlayScreen", "the next game")
    assert rows_when_dealt == [0]
