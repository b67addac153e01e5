"""Time to first frame (Textual's Ready event) and peak memory of CardGameApp with the bundled
decks, as ratios against a bare Textual app measured in the same run.

    python benchmarks/startup.py [runs]

Each measurement is a fresh subprocess (imports included), run headless; the median is reported.
Budget: at most 1.3x for both time and memory.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile

RUNS = int(sys.argv[1]) if len(sys.argv) > 1 else 7

CHILD = r"""
import time
start = time.perf_counter()
import json, resource, sys
from textual.app import App

if sys.argv[1] == "bare":
    app_class = App
else:
    from cardgame.app import CardGameApp as app_class


def first_frame(self, event) -> None:
    # Textual posts Ready once the first screen has been laid out and drawn.
    elapsed = time.perf_counter() - start
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"seconds": elapsed, "peak_kib": peak_kib}), file=sys.__stdout__)
    self.exit()


app_class.on_ready = first_frame  # patched on the class: Textual dispatches by class
app_class().run(headless=True, size=(100, 30))
"""


def measure(kind: str, data_dir: str) -> dict:
    env = {"CARDGAME_DATA_DIR": data_dir, "CARDGAME_CONFIG_DIR": data_dir, "PATH": "/usr/bin"}
    out = subprocess.run(
        [sys.executable, "-c", CHILD, kind], capture_output=True, text=True, env=env, check=True
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def main() -> None:
    with tempfile.TemporaryDirectory() as data_dir:
        measure("cardgame", data_dir)  # warm the file cache and create the store once
        results: dict[str, list[dict]] = {"bare": [], "cardgame": []}
        for _ in range(RUNS):
            for kind in results:  # interleaved, so load on the machine hits both alike
                results[kind].append(measure(kind, data_dir))
    bare_time = statistics.median(r["seconds"] for r in results["bare"])
    app_time = statistics.median(r["seconds"] for r in results["cardgame"])
    bare_mem = statistics.median(r["peak_kib"] for r in results["bare"])
    app_mem = statistics.median(r["peak_kib"] for r in results["cardgame"])
    print(f"runs: {RUNS} each, interleaved, median")
    print(
        f"time to first frame: bare Textual {bare_time * 1000:.0f} ms, "
        f"cardgame {app_time * 1000:.0f} ms, ratio {app_time / bare_time:.2f}x (budget 1.3x)"
    )
    print(
        f"peak memory: bare Textual {bare_mem / 1024:.1f} MiB, "
        f"cardgame {app_mem / 1024:.1f} MiB, ratio {app_mem / bare_mem:.2f}x (budget 1.3x)"
    )


if __name__ == "__main__":
    main()
