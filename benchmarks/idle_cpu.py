"""CPU used by the timed screens while nobody presses a key, against a 1 Hz clock app.

    python benchmarks/idle_cpu.py [seconds] [pairs]   # default 10 s windows, 3 pairs

Each figure is a ratio against a baseline measured in the same run: a bare Textual app showing
a ``Digits`` clock and a ``ProgressBar`` updated once a second (what any countdown must at least
cost). Windows alternate baseline / screen, and the medians of the pairs are compared.

| screen                              | budget (issue 13) |
|-------------------------------------|-------------------|
| play, turn timer running            | at most 1.2x      |
| play, paused                        | at most 0.4x      |
| reflection, listening with a timer  | at most 1.2x      |

Everything runs headless at 100x30 with the bundled decks; CPU is process time over the window,
measured after start-up settles.
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable

from textual.app import App, ComposeResult
from textual.widgets import Digits, ProgressBar

from cardgame.app import create_app
from cardgame.engine import GameSettings

SECONDS = float(sys.argv[1]) if len(sys.argv) > 1 else 10.0
PAIRS = int(sys.argv[2]) if len(sys.argv) > 2 else 3
SETTLE = 1.5
BUDGETS = {"play, timer running": 1.2, "play, paused": 0.4, "reflection with its timer": 1.2}


class ClockApp(App):
    """The baseline: a 1 Hz countdown drawn with Digits and a ProgressBar."""

    def compose(self) -> ComposeResult:
        yield Digits("1:30")
        yield ProgressBar(total=90, show_eta=False)

    def on_mount(self) -> None:
        self.left = 90
        self.set_interval(1.0, self.tick)

    def tick(self) -> None:
        self.left = max(0, self.left - 1)
        self.query_one(Digits).update(f"{self.left // 60}:{self.left % 60:02d}")
        self.query_one(ProgressBar).update(progress=90 - self.left)


Setup = Callable[[object], Awaitable[None]]


def measure(app: App, setup: Setup | None = None) -> float:
    """CPU seconds per wall second while ``app`` idles (after ``setup`` put it in its state)."""
    result: dict[str, float] = {}

    async def watch(pilot) -> None:
        if setup is not None:
            await setup(pilot)
        await asyncio.sleep(SETTLE)
        cpu, wall = time.process_time(), time.perf_counter()
        await asyncio.sleep(SECONDS)
        result["share"] = (time.process_time() - cpu) / (time.perf_counter() - wall)
        pilot.app.exit()

    app.run(headless=True, size=(100, 30), auto_pilot=watch)
    return result["share"]


def game_app(data_dir: str, **options):
    settings = GameSettings(
        players=("Ana", "Ben", "Cy"),
        deck_ids=("empathy", "presence"),
        turn_seconds=90,
        reflect_seconds=90,
        **options,
    )
    return create_app(data_dir=data_dir, settings=settings, seed=5)


async def first_question(pilot) -> None:
    """Pass until the card is a plain question (wildcards get no reflection)."""
    for _ in range(50):
        turn = pilot.app.screen.game.turn
        if turn is not None and turn.card.wildcard is None:
            return
        await pilot.press("p")


async def paused(pilot) -> None:
    await pilot.press("space")


async def reflecting(pilot) -> None:
    await first_question(pilot)
    await pilot.press("n")
    for _ in range(50):
        if type(pilot.app.screen).__name__ == "ReflectionScreen":
            break
        await pilot.pause()
    reflection = pilot.app.screen.game.reflection
    if reflection is not None and reflection.step == "choose_listener":
        await pilot.press("enter")


def main() -> None:
    scenarios: dict[str, tuple[dict, Setup | None]] = {
        "play, timer running": ({"reflect": "off"}, None),
        "play, paused": ({"reflect": "off"}, paused),
        "reflection with its timer": ({"reflect": "every"}, reflecting),
    }
    ratios: dict[str, list[float]] = {name: [] for name in scenarios}
    baselines: list[float] = []
    with tempfile.TemporaryDirectory() as data_dir:
        for _ in range(PAIRS):
            for name, (options, setup) in scenarios.items():
                baseline = measure(ClockApp())
                share = measure(game_app(data_dir, **options), setup)
                baselines.append(baseline)
                ratios[name].append(share / baseline if baseline else float("inf"))
    print(
        f"baseline (Digits + ProgressBar at 1 Hz): {100 * statistics.median(baselines):.2f}% "
        f"of one core; {PAIRS} pairs of {SECONDS:g} s windows"
    )
    for name, values in ratios.items():
        ratio = statistics.median(values)
        budget = BUDGETS[name]
        verdict = "within" if ratio <= budget else "OVER"
        print(f"{name:<28} {ratio:5.2f}x the baseline (budget {budget}x: {verdict})")


if __name__ == "__main__":
    main()
