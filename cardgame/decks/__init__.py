"""Deck format v1.1: the model, the untrusting loader and the validator. Never imports Textual.

The model is imported at once; the loader and validator (and PyYAML with them) only when first
used, so the app can draw its first frame before it reads any deck.
"""

from typing import TYPE_CHECKING, Any

from .model import (
    AUDIENCES,
    FORMAT_VERSION,
    KIDS,
    LEVEL_NAMES,
    MAX_PLAYERS,
    MIN_PLAYERS,
    TABLE_AUDIENCES,
    Card,
    Deck,
    DeckError,
    DeckOrder,
    DeckSummary,
    Kind,
    Problem,
    ReflectionPrompts,
    TablePrompts,
    Wildcard,
)

if TYPE_CHECKING:
    from .cache_file import clear_cache
    from .discovery import deck_files, find_deck_files, find_id_clashes
    from .library import Library, load_library
    from .loader import load_file
    from .validate import card_id_for

_LAZY = {
    "Library": "library",
    "load_library": "library",
    "deck_files": "discovery",
    "find_deck_files": "discovery",
    "find_id_clashes": "discovery",
    "load_file": "loader",
    "card_id_for": "validate",
    "clear_cache": "cache_file",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        from importlib import import_module

        return getattr(import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "AUDIENCES",
    "FORMAT_VERSION",
    "KIDS",
    "LEVEL_NAMES",
    "MAX_PLAYERS",
    "MIN_PLAYERS",
    "TABLE_AUDIENCES",
    "Card",
    "Deck",
    "DeckError",
    "DeckOrder",
    "DeckSummary",
    "Kind",
    "Library",
    "Problem",
    "ReflectionPrompts",
    "TablePrompts",
    "Wildcard",
    "card_id_for",
    "clear_cache",
    "deck_files",
    "find_deck_files",
    "find_id_clashes",
    "load_file",
    "load_library",
]
