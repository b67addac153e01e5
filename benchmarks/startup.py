"""Start-up of CardGameApp as ratios against a bare Textual app (a Static and a Footer), both
measured in the same run, whole process from spawn (imports included), headless, medians.

    python benchmarks/startup.py [--runs N] [--cards N]

Figures (budgets from issue 13):
- first frame: Textual's Ready event (at most 1.25x the bare app's Ready);
- setup usable: the form is built and the deck list filled (at most 1.6x the bare app's Ready);
- with ``--cards N`` (say 100000): that many cards in generated user decks, measured on the
  second start, when the parsed-deck cache is warm (at most 3x the bare app's Ready);
- peak memory (RSS) against the bare app, for information.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

CHILD = r"""
import time
start = time.perf_counter()
import json, resource, sys

marks = {}


def mark(name: str) -> None:
    # Wall time and CPU time (every thread) since the child started, in seconds.
    marks[name] = time.perf_counter() - start
    marks[f"{name}_cpu"] = time.process_time()


def report() -> None:
    marks["peak_kib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps(marks), file=sys.__stdout__, flush=True)


if sys.argv[1] == "bare":
    from textual.app import App
    from textual.widgets import Footer, Static

    class Bare(App):
        def compose(self):
            yield Static("Hello")
            yield Footer()

        def on_ready(self) -> None:
            mark("ready")
            mark("usable")
            report()
            self.exit()

    Bare().run(headless=True, size=(100, 30))
else:
    from cardgame.app import CardGameApp
    from cardgame.screens import setup

    def on_ready(self) -> None:
        mark("ready")

    drawn = setup.SetupScreen._form_drawn

    def form_drawn(self) -> None:  # the deck list filled, laid out and drawn: usable
        drawn(self)
        mark("usable")
        report()
        self.app.exit()

    CardGameApp.on_ready = on_ready  # patched on the class: Textual dispatches by class
    setup.SetupScreen._form_drawn = form_drawn
    CardGameApp().run(headless=True, size=(100, 30))
"""


def write_library(folder: Path, cards: int, per_file: int = 100) -> None:
    """``cards`` original-looking cards in decks of ``per_file``, as a player's folder holds."""
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(0, cards, per_file):
        deck = number // per_file
        lines = [f"id: generated-{deck}", f"name: Generated {deck}", "cards:"]
        for card in range(number, min(number + per_file, cards)):
            lines.append(f"  - text: Generated question number {card} for the table?")
            lines.append(f"    level: {1 + card % 3}")
        (folder / f"generated-{deck:05d}.yaml").write_text("\n".join(lines) + "\n")


def measure(kind: str, home: Path) -> dict:
    env = {
        "CARDGAME_DATA_DIR": str(home / "data"),
        "CARDGAME_CONFIG_DIR": str(home / "config"),
        "CARDGAME_CACHE_DIR": str(home / "cache"),
        "XDG_CACHE_HOME": str(home / "cache"),
        "PATH": os.environ.get("PATH", "/usr/bin"),
    }
    out = subprocess.run(
        [sys.executable, "-c", CHILD, kind], capture_output=True, text=True, env=env, check=True
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def medians(home: Path, runs: int) -> dict[str, dict[str, float]]:
    measure("cardgame", home)  # warm the file cache, the deck cache and create the store once
    results: dict[str, list[dict]] = {"bare": [], "cardgame": []}
    for _ in range(runs):
        for kind in results:  # interleaved, so load on the machine hits both alike
            results[kind].append(measure(kind, home))
    return {
        kind: {key: statistics.median(r[key] for r in rows) for key in rows[0]}
        for kind, rows in results.items()
    }


def line(label: str, app: dict, bare: dict, key: str, budget: float) -> str:
    """Wall-clock ratio (the figure) and CPU-time ratio (steadier on a busy machine)."""
    wall, cpu = app[key] / bare["ready"], app[f"{key}_cpu"] / bare["ready_cpu"]
    verdict = "ok" if wall <= budget else "OVER BUDGET"
    return (
        f"{label}: cardgame {app[key] * 1000:.0f} ms vs bare Textual {bare['ready'] * 1000:.0f} ms,"
        f" ratio {wall:.2f}x (budget {budget}x) {verdict}; CPU time ratio {cpu:.2f}x"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--cards", type=int, default=0, help="cards in generated user decks")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        if args.cards:
            write_library(home / "config" / "decks", args.cards)
        figures = medians(home, args.runs)
    bare, app = figures["bare"], figures["cardgame"]
    print(f"runs: {args.runs} each, interleaved, median; user decks: {args.cards:,} cards")
    if args.cards:
        print(line("setup usable, second start", app, bare, "usable", 3.0))
        return
    print(line("first frame", app, bare, "ready", 1.25))
    print(line("setup usable (form built, decks listed)", app, bare, "usable", 1.6))
    print(
        f"peak memory: cardgame {app['peak_kib'] / 1024:.1f} MiB vs bare "
        f"{bare['peak_kib'] / 1024:.1f} MiB, ratio {app['peak_kib'] / bare['peak_kib']:.2f}x"
    )


if __name__ == "__main__":
    main()
