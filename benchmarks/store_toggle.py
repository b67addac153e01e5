"""How long a heart takes: add_favourite / remove_favourite on a fresh file, ~500 toggles.

    python benchmarks/store_toggle.py [TOGGLES]

Each toggle is one committed, fsynced transaction (WAL, synchronous=FULL), so this measures the
disk as much as the code. Budget: 5 ms median per toggle.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cardgame.decks.model import Card, Kind
from cardgame.store import Store

BUDGET_MS = 5.0


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def main(toggles: int = 500) -> int:
    with tempfile.TemporaryDirectory(prefix="cardgame-bench-") as folder:
        store = Store.open(Path(folder) / "cardgame.sqlite3")
        if not store.can_save:
            print(f"cannot benchmark: {store.notice}", file=sys.stderr)
            return 1
        cards = [
            Card("bench", f"card-{n}", f"Benchmark card {n}?", 1 + n % 3, Kind.QUESTION)
            for n in range(50)
        ]
        for card in cards[:25]:  # a realistic handful already hearted
            store.add_favourite(card, "Bench")
        adds: list[float] = []
        removes: list[float] = []
        for n in range(toggles):
            card = cards[25 + n % 25]
            start = time.perf_counter()
            saved = store.add_favourite(card, "Bench")
            adds.append((time.perf_counter() - start) * 1000)
            start = time.perf_counter()
            saved = store.remove_favourite(card.deck_id, card.id) and saved
            removes.append((time.perf_counter() - start) * 1000)
            if not saved:
                print(f"a toggle was not saved: {store.notice}", file=sys.stderr)
                return 1
        store.close()
    both = adds + removes
    print(
        f"store toggle: {toggles} adds + {toggles} removes on a fresh WAL file (synchronous=FULL)"
    )
    for name, values in (("add_favourite", adds), ("remove_favourite", removes)):
        print(
            f"  {name:<17} median {statistics.median(values):.3f} ms"
            f"  p95 {percentile(values, 0.95):.3f} ms  max {max(values):.3f} ms"
        )
    median = statistics.median(both)
    verdict = "within" if median <= BUDGET_MS else "OVER"
    print(
        f"favourite toggle median {median:.3f} ms (budget {BUDGET_MS:g} ms)"
        f"  p95 {percentile(both, 0.95):.3f} ms  [{verdict} budget]"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 500))
