"""A served game's session: the remembered table kept per table (or browser), and a note for
the next page when a game was interrupted. Pure Python, like the session it extends.

Each served table opens its session with ``preferences_scope`` set to the table's scope
(``network.table_scope``): its preferences and notes are its own, while favourites and history
are the household's (one data folder).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..engine import Game, GameSettings
from ..session import Session

INTERRUPTED_SETTING = "web_interrupted"
MAX_NAMES_SHOWN = 6


@dataclass
class WebSession(Session):
    """A session that knows the game in progress, so a page that goes away can say so."""

    current_game: Game | None = None

    def new_game(self, settings: GameSettings) -> Game:
        self.current_game = super().new_game(settings)
        return self.current_game

    def note_if_interrupted(self) -> None:
        """Called as the game's process ends: leave a note if a game was still going."""
        game = self.current_game
        if game is None or game.ended_at is not None or not game.log.deals:
            return
        note = {"players": list(game.players), "cards": len(game.log.deals)}
        self.set_note(INTERRUPTED_SETTING, note)

    def take_interrupted_notice(self) -> str | None:
        """The sentence for the next page of the same table, once; None when there is nothing."""
        note = self.take_note(INTERRUPTED_SETTING)
        if not isinstance(note, dict):
            return None
        players = [str(name) for name in note.get("players") or ()][:MAX_NAMES_SHOWN]
        cards = note.get("cards")
        count = f"{cards} card{'s' if cards != 1 else ''}" if isinstance(cards, int) else "cards"
        who = ", ".join(players) or "your table"
        return (
            f"The earlier game ({who}: {count} played) was saved to history. "
            "The table is set as you left it: start again when you are ready."
        )
