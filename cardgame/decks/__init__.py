"""Deck format v1: the model, the untrusting loader and the validator. Never imports Textual."""

from .loader import Library, deck_files, load_file, load_library
from .model import (
    AUDIENCES,
    LEVEL_NAMES,
    Card,
    Deck,
    DeckError,
    Kind,
    Problem,
    ReflectionPrompts,
    TablePrompts,
    Wildcard,
)
from .validate import card_id_for

__all__ = [
    "AUDIENCES",
    "LEVEL_NAMES",
    "Card",
    "Deck",
    "DeckError",
    "Kind",
    "Library",
    "Problem",
    "ReflectionPrompts",
    "TablePrompts",
    "Wildcard",
    "card_id_for",
    "deck_files",
    "load_file",
    "load_library",
]
