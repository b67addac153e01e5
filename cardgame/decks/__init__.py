"""Deck format v1.1: the model, the untrusting loader and the validator. Never imports Textual.

The format's limits (``limits``) are imported at once; the model, the loader and the validator
(and PyYAML with them) when first used, so the app can draw its first frame before it reads any
deck or builds a dataclass of the model.
"""

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .cache_file import clear_cache
    from .discovery import deck_files, find_deck_files, find_id_clashes
    from .library import Library, load_library
    from .limits import (
        AUDIENCES,
        FORMAT_VERSION,
        KIDS,
        LEVEL_NAMES,
        MAX_PLAYERS,
        MIN_PLAYERS,
        TABLE_AUDIENCES,
    )
    from .loader import load_file
    from .model import (
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
    from .validate import card_id_for

_MODULES = {
    "limits": ("AUDIENCES", "FORMAT_VERSION", "KIDS", "LEVEL_NAMES", "MAX_PLAYERS",
               "MIN_PLAYERS", "TABLE_AUDIENCES"),
    "model": ("Card", "Deck", "DeckError", "DeckOrder", "DeckSummary", "Kind", "Problem",
              "ReflectionPrompts", "TablePrompts", "Wildcard"),
    "library": ("Library", "load_library"),
    "discovery": ("deck_files", "find_deck_files", "find_id_clashes"),
    "loader": ("load_file",),
    "validate": ("card_id_for",),
    "cache_file": ("clear_cache",),
}  # fmt: skip
_LAZY = {name: module for module, names in _MODULES.items() for name in names}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        from importlib import import_module

        # Not kept here: a test may replace the name in its module, and must be seen doing so.
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
