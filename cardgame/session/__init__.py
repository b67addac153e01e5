"""The one way in from the screens to the domain: decks, favourites, preferences and history.

Screens and widgets use ``app.session`` (a ``Session``) and never the store itself. Pure Python
(no Textual), so the path from a table's settings to a game, and from a game to the store, is
tested without a terminal.
"""

from __future__ import annotations

from ..store import Favourite, Preferences, TableChoice
from .core import Session
from .favourites import FAVOURITES_DECK_ID, FAVOURITES_DECK_NAME, FavouritesService
from .history import HistoryWriter

__all__ = [
    "FAVOURITES_DECK_ID",
    "FAVOURITES_DECK_NAME",
    "Favourite",
    "FavouritesService",
    "HistoryWriter",
    "Preferences",
    "Session",
    "TableChoice",
]
