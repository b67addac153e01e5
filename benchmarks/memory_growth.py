"""Memory over a long game: deal 1,000 cards and report how much the process grew (budget 5 MiB).

    python benchmarks/memory_growth.py [cards]   # default 1000

The app runs headless on the bundled decks with unlimited passes and no reflections; the table
passes card after card (a new game starts, same table, when the cards run out). Growth is the
resident set size after the last card minus after a 50-card warm-up, both after a full garbage
collection, so caches that fill once are not counted. Also printed: the resident size every 250
cards (what is left after 1,000 cards is bounded memos filling, such as Rich's word-width cache:
run with 2000 to see it level off) and the footer keys alive at the end (Textual's footer kept
every key it had ever shown alive: issue 9, item 12).
"""

from __future__ import annotations

import gc
import os
import sys
import tempfile

from cardgame.app import create_app
from cardgame.engine import GameSettings

CARDS = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
WARM_UP = 50
CHECKPOINT = 250
BUDGET_MIB = 5.0


def resident_bytes() -> int:
    with open("/proc/self/statm", encoding="ascii") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def settled_resident() -> int:
    gc.collect()
    return resident_bytes()


def footer_keys_alive() -> int:
    from textual.widgets._footer import FooterKey

    gc.collect()
    return sum(1 for thing in gc.get_objects() if isinstance(thing, FooterKey))


def main() -> None:
    result: dict[str, int] = {}
    checkpoints: list[tuple[int, int]] = []
    with tempfile.TemporaryDirectory() as data_dir:
        app = create_app(data_dir=data_dir, live_timers=False, seed=1)
        deck_ids = tuple(deck.id for deck in app.session.decks)
        settings = GameSettings(
            players=("Ana", "Ben", "Cy"),
            deck_ids=deck_ids,
            rounds=None,
            passes=None,
            reflect="off",
            depth="deepest",
        )
        app.start_settings = settings

        async def deal(pilot) -> None:
            dealt = 0
            while dealt < CARDS:
                screen = pilot.app.screen
                if type(screen).__name__ != "PlayScreen":
                    await pilot.press("r")  # the summary: play again, same table
                    await pilot.pause()
                    continue
                await pilot.press("p")
                dealt += 1
                if dealt == WARM_UP:
                    result["before"] = settled_resident()
                if dealt % CHECKPOINT == 0:
                    checkpoints.append((dealt, settled_resident()))
            await pilot.pause()
            result["after"] = settled_resident()
            result["footer_keys"] = footer_keys_alive()
            pilot.app.exit()

        app.run(headless=True, size=(100, 30), auto_pilot=deal)
    growth = result["after"] - result["before"]
    cards = CARDS - WARM_UP
    for dealt, resident in checkpoints:
        print(f"after {dealt:5,} cards: {resident / 2**20:6.1f} MiB resident")
    verdict = "within" if growth < BUDGET_MIB * 2**20 else "OVER"
    print(
        f"memory growth over {cards:,} cards: {growth / 2**20:.2f} MiB "
        f"({growth / 1024 / cards:.1f} KiB per card; budget {BUDGET_MIB:g} MiB over "
        f"{CARDS:,}: {verdict}); footer keys alive at the end: {result['footer_keys']}"
    )


if __name__ == "__main__":
    main()
