"""What the game's screens share: the typed app, and the countdown keys of a timed screen."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import getters
from textual.screen import Screen

from ..engine import Countdown, Game

if TYPE_CHECKING:
    from ..app import CardGameApp


def _app_class() -> type[CardGameApp]:
    from ..app import CardGameApp

    return CardGameApp


class CardGameScreen(Screen):
    app = getters.app(_app_class)


class TimedScreen(CardGameScreen):
    """A screen showing the game's countdown: pause, +30 seconds, one bell when time is up."""

    game: Game
    _rang_for: Countdown | None = None

    def tick(self) -> None:
        raise NotImplementedError

    def ring_once(self, timer: Countdown | None) -> None:
        """Ring the bell the first time ``timer`` runs out (unless the table turned it off)."""
        if timer and timer.expired and self._rang_for is not timer:
            self._rang_for = timer
            if self.app.bell_on:
                self.app.bell()

    def action_pause(self) -> None:
        self.game.toggle_pause()
        self.tick()

    def action_extend(self) -> None:
        self.game.extend()
        self.tick()

    def action_help(self) -> None:
        self.app.action_help()
