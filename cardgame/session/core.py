"""``Session``: what one run of the game holds between screens, and the services it hands out."""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Self

from .. import paths
from .favourites import FAVOURITES_DECK_ID, FAVOURITES_DECK_NAME, FavouritesService
from .history import HistoryWriter

if TYPE_CHECKING:
    from ..decks import Card, Deck, Library
    from ..engine import Clock, Game, GameSettings
    from ..store import GameSummaryRow, Preferences, Store

Progress = Callable[[int, int], object]


@dataclass
class Session:
    """Decks load on first use (``library``), so the app can draw before it reads a deck.

    ``store`` is what the session is built on: the session package, the command-line tools
    that never start the TUI, and tests use it. The app, its screens and widgets and the web
    package use the services instead (``favourites``, ``preferences``, ``notes``,
    ``new_game``, ``games``, ``notices``); ``tests/unit/test_ui_architecture.py`` checks it.

    ``preferences_scope`` names whose preferences and notes these are: "" for the game on
    this machine, a served table's own name for ``cardgame serve`` (one data folder, so
    favourites and history are the household's, but each table gets back its own table).
    """

    store: Store
    clock: Clock = time.monotonic
    seed: int | None = None
    decks_dirs: tuple[Path, ...] = ()
    _library: Library | None = None
    _games_started: int = 0
    favourites: FavouritesService = field(init=False, repr=False)
    history: HistoryWriter | None = field(default=None, init=False, repr=False)
    game_started_at: float | None = field(default=None, init=False)
    preferences_scope: str = ""
    _preferences: Preferences | None = field(default=None, init=False, repr=False)
    _decks: dict[str, Deck] | None = field(default=None, init=False, repr=False)
    _loading: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False)

    def __post_init__(self) -> None:
        self.favourites = FavouritesService(self)

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
        preferences_scope: str = "",
    ) -> Self:
        from ..store import open_store

        store = store or open_store(paths.database_path(data_dir))
        store.ui_thread = threading.current_thread()  # the app is built where its loop runs
        store.later(store.read_ahead)  # the table that played last starts without waiting
        return cls(
            store,
            clock,
            seed,
            tuple(decks_dirs),
            _library=library,
            preferences_scope=preferences_scope,
        )

    # ---------------------------------------------------------------- decks

    def load_library(self, progress: Progress | None = None) -> Library:
        """Read every deck (once); safe to call from a worker thread, ``progress(done, total)``."""
        with self._loading:
            if self._library is None:
                from ..decks import load_library

                sources = paths.deck_sources(self.decks_dirs)
                self._library = load_library(sources, progress=progress)
            if self._decks is None:
                self._decks = {deck.id: deck for deck in self._library.decks}
            return self._library

    @property
    def library(self) -> Library:
        return self._library if self._decks is not None else self.load_library()

    @property
    def library_loaded(self) -> bool:
        """The deck files are read (given to the session, or read already): ``library`` then
        answers without touching the disk."""
        return self._library is not None

    @property
    def decks(self) -> list[Deck]:
        return self.library.decks

    def deck(self, deck_id: str) -> Deck | None:
        """A loaded deck by id; ``favourites`` is the deck of saved favourites."""
        if deck_id == FAVOURITES_DECK_ID:
            return self.favourites.deck()
        return self._deck_index().get(deck_id)

    def deck_name(self, deck_id: str) -> str:
        """What a deck is called, wherever it is shown (its id if it is gone)."""
        if deck_id == FAVOURITES_DECK_ID:
            return FAVOURITES_DECK_NAME
        deck = self._deck_index().get(deck_id)
        return deck.name if deck else deck_id

    def card(self, deck_id: str, card_id: str) -> Card | None:
        """A loaded card by its key: two dict lookups, whatever the size of the library. Only
        that deck's cards are built (a cached deck builds them when first asked)."""
        deck = self._deck_index().get(deck_id)
        return deck.card(card_id) if deck is not None else None

    def _deck_index(self) -> dict[str, Deck]:
        if self._decks is None:
            self.load_library()
        return self._decks

    # ---------------------------------------------------------------- preferences

    @property
    def preferences(self) -> Preferences:
        """What the game remembers between runs (the last table, bell, theme)."""
        if self._preferences is None:
            self._preferences = self.store.preferences(self.preferences_scope)
        return self._preferences

    def save_preferences(self, preferences: Preferences) -> None:
        """Remember ``preferences``; written on the store's writer thread (never blocks)."""
        self._preferences = preferences
        scope = self.preferences_scope
        self.store.later(lambda: self.store.save_preferences(preferences, scope))

    def _scoped(self, key: str) -> str:
        return f"{key}@{self.preferences_scope}" if self.preferences_scope else key

    def set_note(self, key: str, value: Any) -> None:
        """Keep a small JSON ``value`` for this scope until ``take_note(key)``; written now."""
        self.store.set_setting(self._scoped(key), value)

    def take_note(self, key: str) -> Any:
        """The value ``set_note`` kept for this scope, once (None when there is none)."""
        value = self.store.get_setting(self._scoped(key))
        if value is not None:
            self.store.set_setting(self._scoped(key), None)
        return value

    # ---------------------------------------------------------------- games

    def rng(self) -> random.Random:
        """A fresh random source per game; with a seed, game n of a run deals the same each time."""
        self._games_started += 1
        if self.seed is None:
            return random.Random()
        return random.Random(f"{self.seed}:{self._games_started}")

    def new_game(self, settings: GameSettings) -> Game:
        """A game of ``settings``, its history written to the store as it is played."""
        from ..engine import Game, Phase  # the game's code, once a game is dealt
        from ..engine.dealer import LastSeen

        decks = list(self.decks)
        chosen = set(settings.deck_ids)
        if FAVOURITES_DECK_ID in chosen:
            favourites = self.favourites.deck()
            decks += [favourites] if favourites else []
            # A favourite is seen as the card of its own deck.
            chosen |= {card.deck_id for card in favourites.cards} if favourites else set()
        prompts = self.library.prompts
        last_seen = None
        if settings.unseen_first:
            # Only the decks this game deals from, grouped by deck (see ``LastSeen``).
            last_seen = LastSeen(self.store.seen_by_deck(list(settings.players), chosen))
        game = Game(
            settings,
            decks,
            rng=self.rng(),
            clock=self.clock,
            prompts=prompts.reflection if prompts else None,
            closing=prompts.closing if prompts else (),
            last_seen=last_seen,
            kids_prompts=prompts.kids if prompts else None,
        )
        self.game_started_at = self.store.now()
        self.history = None
        if game.phase != Phase.OVER:  # no card matched: nothing was played, nothing to record
            self.history = HistoryWriter(self.store, game)
            self.history.start()
        return game

    def games(self) -> list[GameSummaryRow]:
        """Every game that dealt a card, newest first (``finished`` False if left early)."""
        return self.store.games()

    def notices(self) -> list[str]:
        """Store problems to tell the table (can't save, waiting for a lock...), each once."""
        return self.store.notices()

    def watch_notices(self, listener: Callable[[], object]) -> None:
        """Call ``listener()`` when there is a new notice (maybe from the store's writer
        thread: an app hops back with ``call_from_thread``, then reads ``notices()``)."""
        self.store.on_notice(listener)

    def wait_for_writes(self, timeout: float | None = None) -> bool:
        """Block until history and preferences queued so far are written (tests, quitting)."""
        return self.store.flush(timeout)

    def close(self) -> None:
        if self.history is not None:
            self.history.sync()
        self.store.close()
