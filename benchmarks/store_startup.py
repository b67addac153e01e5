"""What opening the store adds to start-up, measured against a baseline in the same run.

    python benchmarks/store_startup.py [RUNS]

Each case is a fresh ``python -c`` process, run RUNS times (default 20), interleaved so drift
in machine load hits every case alike. Reported: median wall time per case, and the time
``open_store`` adds over ``import sqlite3`` + importing the store module (budget 10 ms), as a
difference and a ratio. The import of cardgame itself is shown separately for context.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUDGET_MS = 10.0

CASES = {
    "nothing": "pass",
    "import sqlite3": "import sqlite3",
    "import cardgame.store": "import sqlite3, cardgame.store",
    "open_store, fresh db": (
        "import sys, cardgame.store as s; st = s.open_store(s.Path(sys.argv[1]) / 'fresh' /"
        " s.Path(sys.argv[2]).name); assert st.can_save, st.notice; st.close()"
    ),
    "open_store, existing db": (
        "import sys, cardgame.store as s;"
        " st = s.open_store(s.Path(sys.argv[1]) / 'existing.sqlite3');"
        " assert st.can_save and not st.notice, st.notice; st.close()"
    ),
}


def run(code: str, *args: str) -> float:
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
    }
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code, *args], check=True, env=env)
    return (time.perf_counter() - start) * 1000


def main(runs: int = 20) -> int:
    times: dict[str, list[float]] = {name: [] for name in CASES}
    with tempfile.TemporaryDirectory(prefix="cardgame-bench-") as folder:
        # An existing db with some history in it, as after a few weeks of play.
        run(
            "import sys, cardgame.store as s\n"
            "from cardgame.decks.model import Card\n"
            "st = s.open_store(s.Path(sys.argv[1]) / 'existing.sqlite3')\n"
            "for n in range(100): st.add_favourite(Card('d', f'c{n}', 'Text ' * 20), 'Deck')\n"
            "for g in range(50):\n"
            "    game = st.start_game(['Ana', 'Bo', 'Cy'], {'timer': 60})\n"
            "    for n in range(30): st.record_deal(game, 'd', f'c{n}', 'Ana', 'answered', 9.5)\n"
            "    st.finish_game(game)\n"
            "st.close()\n",
            folder,
        )
        for number in range(runs):
            for name, code in CASES.items():
                times[name].append(run(code, folder, f"fresh-{number}.sqlite3"))
    median = {name: statistics.median(values) for name, values in times.items()}
    print(f"store start-up: median of {runs} fresh processes each (interleaved)")
    for name, value in median.items():
        print(f"  {name:<24} {value:7.1f} ms")
    base = median["import cardgame.store"]
    print(
        f"  import cardgame.store adds {base - median['import sqlite3']:.1f} ms over import sqlite3"
    )
    for name in ("open_store, fresh db", "open_store, existing db"):
        added = median[name] - base
        verdict = "within" if added <= BUDGET_MS else "OVER"
        print(
            f"{name}: adds {added:.1f} ms over importing the store (budget {BUDGET_MS:g} ms),"
            f" ratio {median[name] / base:.3f}x; vs import sqlite3 alone"
            f" +{median[name] - median['import sqlite3']:.1f} ms, vs nothing"
            f" +{median[name] - median['nothing']:.1f} ms [{verdict} budget]"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 20))
