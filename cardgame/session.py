"""What one run of the game holds between screens: decks, the store, the clock and randomness.

Pure Python (no Textual), so the path from a table's settings to a game, and from a game to the
store, is tested without a terminal.
"""

from __future__ import annotations

import random
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from . import paths
from .decks import Card, Deck, Kind, Wildcard
from .engine import Clock, Game, GameSettings

if TYPE_CHECKING:
    from .decks import Library
    from .store import Favourite, Store

FAVOURITES_DECK_ID = "favourites"


@dataclass
class HistoryWriter:
    """Copies a game's log into the store as it grows, so a crash loses at most one step."""

    store: Store
    game: Game
    game_id: int | None = None
    deals_written: int = 0
    reflections_written: int = 0
    finished: bool = False

    def start(self) -> None:
        self.game_id = self.store.start_game(list(self.game.players), self.game.settings.describe())

    def sync(self) -> None:
        log = self.game.log
        for deal in log.deals[self.deals_written :]:
            self.store.record_deal(
                self.game_id,
                deal.card.deck_id,
                deal.card.id,
                deal.answered_by,
                deal.outcome,
                round(deal.seconds, 1),
            )
        self.deals_written = len(log.deals)
        for record in log.reflections[self.reflections_written :]:
            self.store.record_reflection(
                self.game_id,
                record.card.deck_id,
                record.card.id,
                record.speaker,
                record.listener,
                record.attempts,
                record.outcome,
            )
        self.reflections_written = len(log.reflections)
        if self.game.ended_at is not None and not self.finished:
            self.store.finish_game(self.game_id)
            self.finished = True


@dataclass
class Session:
    """Decks load on first use (``library``), so the app can draw before it reads a deck."""

    store: Store
    clock: Clock = time.monotonic
    seed: int | None = None
    decks_dirs: tuple[Path, ...] = ()
    favourites_added: set[tuple[str, str]] = field(default_factory=set)
    _library: Library | None = None
    _games_started: int = 0

    @classmethod
    def open(
        cls,
        *,
        data_dir: Path | None = None,
        decks_dirs: Sequence[Path] = (),
        clock: Clock = time.monotonic,
        seed: int | None = None,
        library: Library | None = None,
        store: Store | None = None,
    ) -> Session:
        from .store import open_store

        store = store or open_store(paths.database_path(data_dir))
        return cls(store, clock, seed, tuple(decks_dirs), _library=library)

    @property
    def library(self) -> Library:
        if self._library is None:
            from .decks import load_library

            self._library = load_library(paths.deck_sources(self.decks_dirs))
        return self._library

    @property
    def decks(self) -> list[Deck]:
        return self.library.decks

    def rng(self) -> random.Random:
        """A fresh random source per game; with a seed, game n of a run deals the same each time."""
        self._games_started += 1
        if self.seed is None:
            return random.Random()
        return random.Random(f"{self.seed}:{self._games_started}")

    def favourites_deck(self) -> Deck | None:
        """A deck of the saved favourites, for "play these"."""
        favourites = self.store.favourites()
        if not favourites:
            return None
        cards = tuple(self.favourite_card(favourite) for favourite in favourites)
        return Deck(id=FAVOURITES_DECK_ID, name="Favourites", cards=cards)

    def favourite_card(self, favourite: Favourite) -> Card:
        """The card as its deck has it now, or the copy kept with the heart if the deck is gone."""
        deck = self.library.deck(favourite.deck_id)
        current = deck and next((c for c in deck.cards if c.id == favourite.card_id), None)
        if current:
            return current
        kind = Kind(favourite.kind)
        return Card(
            deck_id=favourite.deck_id,
            id=favourite.card_id,
            text=favourite.text,
            level=favourite.level,
            kind=kind,
            wildcard=Wildcard.EVERYONE if kind == Kind.WILDCARD else None,
        )

    def new_game(self, settings: GameSettings) -> Game:
        decks = list(self.decks)
        if FAVOURITES_DECK_ID in settings.deck_ids:
            favourites = self.favourites_deck()
            decks += [favourites] if favourites else []
        prompts = self.library.prompts
        last_seen = self.store.last_seen(list(settings.players)) if settings.fresh_first else None
        self.favourites_added = set()
        return Game(
            settings,
            decks,
            rng=self.rng(),
            clock=self.clock,
            prompts=prompts.reflection if prompts else None,
            closing=prompts.closing if prompts else (),
            last_seen=last_seen,
        )

    def deck_name(self, deck_id: str) -> str:
        deck = self.library.deck(deck_id)
        return deck.name if deck else deck_id

    def toggle_favourite(self, card: Card) -> bool:
        """Save or remove a heart; return whether the card is a favourite once written."""
        if self.store.is_favourite(card.deck_id, card.id):
            self.store.remove_favourite(card.deck_id, card.id)
            self.favourites_added.discard(card.key)
        elif self.store.add_favourite(card, self.deck_name(card.deck_id)):
            self.favourites_added.add(card.key)
        return self.store.is_favourite(card.deck_id, card.id)
