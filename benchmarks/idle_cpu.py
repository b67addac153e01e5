"""CPU used while a turn timer runs on the play screen (budget: at most 2% of one core).

    python benchmarks/idle_cpu.py [seconds]   # default 30

The app runs headless with the bundled decks and a 90-second turn; nobody presses a key. The
figure is process CPU time over wall time for the window, measured after start-up settles.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
import time

from cardgame.app import create_app
from cardgame.engine import GameSettings

SECONDS = float(sys.argv[1]) if len(sys.argv) > 1 else 30.0


def main() -> None:
    with tempfile.TemporaryDirectory() as data_dir:
        settings = GameSettings(players=("Ana", "Ben"), deck_ids=("empathy",), turn_seconds=90)
        app = create_app(data_dir=data_dir, settings=settings)
        result: dict[str, float] = {}

        async def watch(pilot) -> None:
            await asyncio.sleep(1.0)  # let start-up and the first timer ticks settle
            cpu, wall = time.process_time(), time.perf_counter()
            await asyncio.sleep(SECONDS)
            result["cpu"] = time.process_time() - cpu
            result["wall"] = time.perf_counter() - wall
            app.exit()

        app.run(headless=True, size=(100, 30), auto_pilot=watch)
    share = 100 * result["cpu"] / result["wall"]
    print(
        f"idle CPU with the turn timer running: {share:.2f}% of one core "
        f"({result['cpu'] * 1000:.0f} ms CPU over {result['wall']:.1f} s; budget 2%)"
    )


if __name__ == "__main__":
    main()
