"""What screens ask the app to do: screens post these, ``CardGameApp`` picks the next screen.

A screen never imports another screen to push it: it says what happened ("the turn is done",
"show the favourites") and the app, which owns every push, switch and pop, handles the message
with ``@on(...)``. Every message bubbles from the screen that posts it up to the app.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from .engine import Game, GameSettings


@dataclass
class StartGame(Message):
    """Setup has a table: deal a game with these settings."""

    settings: GameSettings


@dataclass
class TurnDone(Message):
    """The game moved (a card answered, passed, asked or the game ended): show what comes next."""


@dataclass
class ReflectionDone(Message):
    """The reflection round is over: back to the table (or the summary if the game ended)."""


@dataclass
class GameOver(Message):
    """The game has ended: show its summary."""

    game: Game


@dataclass
class ShowMenu(Message):
    """The in-game menu (escape): back to the table, favourites, end the game, quit."""


@dataclass
class AskWhom(Message):
    """An "ask anyone" card: let the player choose whom to ask."""


@dataclass
class ShowFavourites(Message):
    """The favourites screen."""


@dataclass
class ShowBrowser(Message):
    """The deck browser, opened on ``deck_id`` (or the first deck)."""

    deck_id: str | None = None


@dataclass
class ShowHelp(Message):
    """Keys and table rules for the screen on top."""


@dataclass
class NewGame(Message):
    """From the summary: back to setup for a new table."""


@dataclass
class PlayAgain(Message):
    """From the summary: the same table again, a fresh deal."""


@dataclass
class PlayThese(Message):
    """From favourites: deal the favourite cards; ``settings`` is the table to play them with."""

    settings: GameSettings | None = None


@dataclass
class QuitRequested(Message):
    """Leave the app; during a game the app asks first (unless ``confirmed``)."""

    confirmed: bool = False
