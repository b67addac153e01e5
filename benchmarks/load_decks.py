"""How much does reading decks safely cost over a plain YAML load, cold and from the cache?

Writes 50 deck files holding 10,000 cards in a temporary folder, then times, in the same run:
plain ``yaml.load(f, Loader=yaml.CSafeLoader)`` of the same files (the baseline);
``cardgame.decks.load_library(use_cache=False)`` (parse with limits, locate, validate, build
decks: the cold load); and ``load_library`` with an up-to-date parsed-deck cache (the second
start). Prints the best of 5 for each as a ratio to the baseline (budgets: cold at most 1.5x,
cached at most 0.5x) and the peak memory each needs (tracemalloc). ``--cards N`` changes the size.

Run: ``python benchmarks/load_decks.py`` (``--check`` exits 1 when over budget).
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import os
import random
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import yaml

from cardgame.decks import clear_cache, load_library
from cardgame.decks import library as library_module

FILES = 50
CARDS = 10_000
REPEATS = 5
BUDGET = 1.5
CACHED_BUDGET = 0.5

_VOCABULARY = (
    "what when who which how why time place person share tell remember favourite feel felt "
    "someone here tonight family friend partner laugh learn hope dream small big first last "
    "thing moment day week year together alone kind brave honest trust listen say surprise"
)
WORDS = tuple(_VOCABULARY.split())


def _sentence(rng: random.Random, index: int) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(8, 16))]
    return f"{' '.join(words).capitalize()} number {index}?"


def write_decks(folder: Path, files: int = FILES, cards: int = CARDS, seed: int = 1) -> None:
    """Write ``files`` decks sharing ``cards`` cards, in the mix of forms real decks use."""
    rng = random.Random(seed)
    per_file, extra = divmod(cards, files)
    number = 0
    for deck in range(files):
        lines = [
            f"# Benchmark deck {deck}",
            f"id: bench-{deck:02d}",
            f'name: "Benchmark {deck}"',
            'description: "Generated for benchmarks/load_decks.py."',
            'strategy: "Speed"',
            "audience: [couples, friends, family]",
            'color: "#88B2A0"',
            "cards:",
        ]
        for _ in range(per_file + (1 if deck < extra else 0)):
            number += 1
            text = _sentence(rng, number)
            form = number % 5
            if form == 0:
                lines.append(f'  - "{text}"')
                continue
            lines.append(f'  - text: "{text}"')
            lines.append(f"    level: {1 + number % 3}")
            if form == 2:
                lines.append("    kind: action")
            elif form == 3:
                lines.append("    kind: wildcard")
                lines.append(f"    wildcard: {'anyone' if number % 2 else 'everyone'}")
            elif form == 4:
                lines.append("    audience: [couples, friends]")
                lines.append(f'    follow_up: "{_sentence(rng, number)}"')
        (folder / f"bench-{deck:02d}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def plain_load(folder: Path) -> int:
    """Load every file, keeping the data as a library keeps its decks."""
    documents = []
    for path in sorted(folder.glob("*.yaml")):
        with path.open(encoding="utf-8") as handle:
            documents.append(yaml.load(handle, Loader=yaml.CSafeLoader))
    return sum(len(document["cards"]) for document in documents)


def cardgame_load(folder: Path) -> int:
    """The cold load: every file parsed and validated, no cache read or written."""
    library = load_library([folder], use_cache=False)
    if library.problems:
        raise SystemExit(f"benchmark decks did not validate: {library.problems[0]}")
    return sum(len(deck.cards) for deck in library.decks)


def cached_load(folder: Path) -> int:
    """The second start: every file unchanged, so every deck comes from the cache."""
    return sum(len(deck.cards) for deck in load_library([folder]).decks)


def collected_cached_load(folder: Path) -> int:
    """The cached load with the garbage collector left running (what load_library avoids)."""
    paused = library_module.collector_paused
    library_module.collector_paused = contextlib.nullcontext
    try:
        return cached_load(folder)
    finally:
        library_module.collector_paused = paused


def best_of(func: Callable[[Path], int], folder: Path, repeats: int = REPEATS) -> float:
    best = float("inf")
    for _ in range(repeats):
        gc.collect()
        start = time.perf_counter()
        func(folder)
        best = min(best, time.perf_counter() - start)
    return best


def peak_memory(func: Callable[[Path], int], folder: Path) -> int:
    gc.collect()
    tracemalloc.start()
    try:
        func(folder)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 when over the budget")
    parser.add_argument("--cards", type=int, default=CARDS, help="cards in the library")
    args = parser.parse_args(argv)
    cards = args.cards
    if not getattr(yaml, "__with_libyaml__", False):
        print("PyYAML has no libyaml here; CSafeLoader is unavailable", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="cardgame-bench-") as tmp:
        folder = Path(tmp) / "decks"
        folder.mkdir()
        os.environ["CARDGAME_CACHE_DIR"] = str(Path(tmp) / "cache")  # never the user's cache
        write_decks(folder, cards=cards)
        size = sum(path.stat().st_size for path in folder.glob("*.yaml"))
        loaded, plain = cardgame_load(folder), plain_load(folder)
        if loaded != plain or loaded != cards:
            print(f"card counts disagree: cardgame {loaded}, yaml {plain}", file=sys.stderr)
            return 2
        theirs = best_of(plain_load, folder)
        cold = best_of(cardgame_load, folder)
        clear_cache()
        start = time.perf_counter()
        cached_load(folder)  # the first start writes the cache
        writing = time.perf_counter() - start
        cached = best_of(cached_load, folder)
        collected = best_of(collected_cached_load, folder)
        theirs_peak = peak_memory(plain_load, folder)
        cold_peak = peak_memory(cardgame_load, folder)
        cached_peak = peak_memory(cached_load, folder)
    print(f"{FILES} files, {cards} cards, {size / 1024:.0f} KiB; best of {REPEATS}")
    rows = [
        ("yaml.load (CSafeLoader)", theirs, theirs_peak, None),
        ("load_library, no cache", cold, cold_peak, BUDGET),
        ("load_library, writing cache", writing, None, None),
        ("load_library, from cache", cached, cached_peak, CACHED_BUDGET),
        ("  same, collector not paused", collected, None, None),
    ]
    over = False
    for label, seconds, peak, budget in rows:
        memory = f"peak {peak / 2**20:6.2f} MiB" if peak else " " * 16
        verdict = ""
        if budget is not None:
            within = seconds / theirs <= budget
            over = over or not within
            verdict = f"  ({'within' if within else 'OVER'} the {budget}x budget)"
        ratio = seconds / theirs
        print(f"  {label:30} {seconds * 1000:8.1f} ms  {ratio:5.2f}x  {memory}{verdict}")
    return 1 if args.check and over else 0


if __name__ == "__main__":
    raise SystemExit(main())
