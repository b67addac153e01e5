"""Where the parsed-deck cache lives, and removing it (``cardgame cache clear``; a cache found
lying when a deck's cards are built). Apart from ``cache`` so ``lazy`` can use it too."""

from __future__ import annotations

from pathlib import Path

from .. import paths

CACHE_FILE = "decks.json"


def cache_path() -> Path:
    return paths.cache_dir() / CACHE_FILE


def clear_cache() -> int:
    """Remove the parsed-deck cache; the number of files removed (0 when there was none)."""
    removed = 0
    folder = paths.cache_dir()
    for path in [folder / CACHE_FILE, *folder.glob(".decks-*.tmp")]:
        try:
            path.unlink()
        except OSError:  # gone already, or not ours to remove
            continue
        removed += 1
    return removed
