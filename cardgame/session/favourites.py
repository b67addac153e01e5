"""The favourites service screens use: hearts set as the player sees them, undo, the pseudo-deck."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from .. import decks

if TYPE_CHECKING:
    from ..decks import Card, Deck
    from ..store import Favourite
    from .core import Session

FAVOURITES_DECK_ID = "favourites"
FAVOURITES_DECK_NAME = "Favourites"


class FavouritesService:
    """``session.favourites``: every read and write of hearts goes through here.

    Writes may wait for a lock held by another program (see ``cardgame.store.core``): call
    ``set``, ``remove`` and ``restore`` from a worker thread, and show the heart once ``set``
    has returned.
    """

    def __init__(self, session: Session) -> None:
        self._session = session
        self._last_deck: Deck | None = None  # what deck() read last (see last_deck)

    @property
    def _store(self):
        return self._session.store

    def is_favourite(self, card: Card) -> bool:
        return self._store.is_favourite(card.deck_id, card.id)

    def set(self, card: Card, wanted: bool) -> bool:
        """Make the card a favourite (or not) as the player asked; return whether it is now.

        Idempotent: the state is set, never toggled, so a second copy of the game that shows
        no heart adds one rather than removing the heart the first copy gave.
        """
        if wanted:
            self._store.add_favourite(card, self._session.deck_name(card.deck_id))
        else:
            self._store.remove_favourite(card.deck_id, card.id)
        return self.is_favourite(card)

    def set_later(self, card: Card, wanted: bool, done: Callable[[bool], object]) -> None:
        """``set`` on the store's writer thread, then ``done(is_favourite_now)`` there too.

        For a screen without a worker of its own: show the heart in ``done`` (hopping back to
        the UI thread with ``call_from_thread``), so it shows only once it is saved.
        """
        self._store.later(lambda: done(self.set(card, wanted)))

    def all(self) -> list[Favourite]:
        """Every favourite, by deck name, then the time it was added."""
        return self._store.favourites()

    def first(self, count: int) -> list[Favourite]:
        """The first ``count`` of ``all()``, read at once however many there are (a screenful)."""
        return self._store.favourites(count)

    def count(self) -> int:
        return self._store.favourite_count()

    def remove(self, deck_id: str, card_id: str) -> Favourite | None:
        """Take a heart away; the favourite as it was (for ``restore``), or None if absent."""
        return self._store.take_favourite(deck_id, card_id)[1]

    def restore(self, favourite: Favourite) -> bool:
        """Undo a ``remove``: the same card back in the same place, with its own time."""
        self._store.put_favourite(favourite)
        return self._store.is_favourite(favourite.deck_id, favourite.card_id)

    def is_saved(self, favourite: Favourite) -> bool:
        """False for a heart kept only in memory (the data folder could not take it)."""
        return self._store.is_saved(favourite)

    def added_this_game(self) -> list[Favourite]:
        """The favourites the store holds that were given since the current game started.

        Derived from the store, so a heart given and then removed is not counted; a heart kept
        only in memory is (``is_saved`` tells them apart).
        """
        started = self._session.game_started_at
        if started is None:
            return []
        return [favourite for favourite in self.all() if favourite.added_at >= started]

    def card_for(self, favourite: Favourite) -> Card:
        """The card as its deck has it now, or the copy kept with the heart if the deck is gone."""
        current = self._session.card(favourite.deck_id, favourite.card_id)
        if current is not None:
            return current
        kind = decks.Kind(favourite.kind)
        return decks.Card(
            deck_id=favourite.deck_id,
            id=favourite.card_id,
            text=favourite.text,
            level=favourite.level,
            kind=kind,
            wildcard=decks.Wildcard.EVERYONE if kind == decks.Kind.WILDCARD else None,
        )

    def deck(self) -> Deck | None:
        """The saved favourites as a deck (id ``favourites``), for "play these"; None if none.

        Reads every favourite (5,000 take about 100 ms): call it off the event loop, or when a
        game is being dealt from it. ``last_deck`` answers at once.
        """
        favourites = self.all()
        deck = None
        if favourites:
            cards = tuple(self.card_for(favourite) for favourite in favourites)
            deck = decks.Deck(id=FAVOURITES_DECK_ID, name=FAVOURITES_DECK_NAME, cards=cards)
        self._last_deck = deck
        return deck

    @property
    def last_deck(self) -> Deck | None:
        """The favourites deck as ``deck()`` last read it (None before the first read). Never
        touches the store: setup lists it from here while a worker reads it afresh."""
        return self._last_deck
