"""A served game's session: the remembered table kept per table (or browser), and a note for
the next page when a game was interrupted. Pure Python, like the session it extends."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..engine import Game, GameSettings
from ..session import Session

INTERRUPTED_SETTING = "web_interrupted"
MAX_NAMES_SHOWN = 6


class ScopedSettings:
    """The store, except that the table's own settings are read and written for ``scope``.

    Two families serving from one machine share favourites and history (one data folder), but
    each gets back its own table. ``scoped_keys`` are the store's old-style preference keys
    (``last_table``, ``bell``): they go to the scope's preferences record, the same one
    ``session.preferences`` reads with ``preferences_scope``, so both ways agree. Other keys
    listed in ``noted_keys`` are kept as ``key@scope``; everything else passes through.
    """

    def __init__(
        self, store: Any, scope: str, scoped_keys: Sequence[str], noted_keys: Sequence[str] = ()
    ) -> None:
        self._store = store
        self.scope = scope
        self.scoped_keys = frozenset(scoped_keys)
        self.noted_keys = frozenset(noted_keys)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._store, name)

    def get_setting(self, key: str, default: Any = None) -> Any:
        if key in self.scoped_keys:
            value = self._store.preferences(self.scope).legacy(key)
            return default if value is None else value
        if key in self.noted_keys:
            key = f"{key}@{self.scope}"
        return self._store.get_setting(key, default)

    def set_setting(self, key: str, value: Any) -> None:
        if key in self.scoped_keys:
            preferences = self._store.preferences(self.scope).with_legacy(key, value)
            self._store.save_preferences(preferences, self.scope)
            return
        if key in self.noted_keys:
            key = f"{key}@{self.scope}"
        self._store.set_setting(key, value)


@dataclass
class WebSession(Session):
    """A session that knows the game in progress, so a page that goes away can say so."""

    current_game: Game | None = None

    @classmethod
    def open_scoped(
        cls,
        *,
        scope: str,
        scoped_keys: Sequence[str],
        data_dir: Path | None = None,
        decks_dirs: Sequence[Path] = (),
    ) -> WebSession:
        session = cls.open(data_dir=data_dir, decks_dirs=decks_dirs)
        assert isinstance(session, WebSession)
        session.store = ScopedSettings(session.store, scope, scoped_keys, (INTERRUPTED_SETTING,))
        session.preferences_scope = scope
        return session

    def new_game(self, settings: GameSettings) -> Game:
        self.current_game = super().new_game(settings)
        return self.current_game

    def note_if_interrupted(self) -> None:
        """Called as the game's process ends: leave a note if a game was still going."""
        game = self.current_game
        if game is None or game.ended_at is not None or not game.log.deals:
            return
        note = {"players": list(game.players), "cards": len(game.log.deals)}
        self.store.set_setting(INTERRUPTED_SETTING, note)

    def take_interrupted_notice(self) -> str | None:
        """The sentence for the next page of the same table, once; None when there is nothing."""
        note = self.store.get_setting(INTERRUPTED_SETTING)
        if not isinstance(note, dict):
            return None
        self.store.set_setting(INTERRUPTED_SETTING, None)
        players = [str(name) for name in note.get("players") or ()][:MAX_NAMES_SHOWN]
        cards = note.get("cards")
        count = f"{cards} card{'s' if cards != 1 else ''}" if isinstance(cards, int) else "cards"
        who = ", ".join(players) or "your table"
        return (
            f"The earlier game ({who}: {count} played) was saved to history. "
            "The table is set as you left it: start again when you are ready."
        )
