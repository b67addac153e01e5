"""A list of cards, one line each, where ``f`` or ``enter`` keeps (hearts) the highlighted card.

Used by the deck browser and the summary. The heart is written through ``app.session`` in a
worker thread (a locked database never freezes the screen) and shown once the write returns: a
heart on screen is a heart in the store.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from textual import on, work
from textual.binding import Binding
from textual.message import Message

from ..decks import Card
from .line_list import LineList, Row

HEART, NO_HEART = "♥", "♡"


class CardRows(Sequence[Row]):
    """A card list's rows, each built when it is drawn or looked at.

    The summary of a long game lists hundreds of cards and shows eight; building every row
    (and what happened to each card) up front only made garbage.
    """

    def __init__(
        self, cards: dict[tuple[str, str], Card], hearted: set, describe: Callable[[Card], str]
    ) -> None:
        self.cards = cards
        self.keys = list(cards)
        self.hearted = hearted
        self.describe = describe

    def __len__(self) -> int:
        return len(self.keys)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self.keys)))]
        key = self.keys[index]
        card = self.cards[key]
        heart = HEART if key in self.hearted else NO_HEART
        return Row(f"{heart} {card.text}", key, self.describe(card))


class CardList(LineList):
    BINDINGS = [
        Binding("f", "heart", "Heart", id="cards.heart", tooltip="Keep this card (or not)"),
    ]

    @dataclass
    class Hearted(Message):
        """A heart was written: ``kept`` says whether the card is a favourite now."""

        card_list: CardList
        card: Card
        kept: bool

        @property
        def control(self) -> CardList:
            return self.card_list

    def __init__(
        self, describe: Callable[[Card], str] = lambda card: "", *, id: str | None = None
    ) -> None:
        super().__init__(id=id)
        self.describe = describe
        self.cards: dict[tuple[str, str], Card] = {}
        self.hearted: set[tuple[str, str]] = set()

    def show_cards(self, cards: Sequence[Card], *, keep: tuple[str, str] | None = None) -> None:
        """List ``cards``; hearts as the store has them."""
        favourites = self.app.session.favourites
        self.cards = {card.key: card for card in cards}
        self.hearted = {card.key for card in cards if favourites.is_favourite(card)}
        self._redraw(keep)

    def forget(self) -> None:
        """List nothing: the screen is done with its cards (a summary can list hundreds)."""
        self.cards = {}
        self.hearted = set()
        self.set_rows([])

    def _redraw(self, keep: tuple[str, str] | None = None) -> None:
        current = self.row
        keep = keep or (current.key if current else None)
        self.set_rows(CardRows(self.cards, set(self.hearted), self.describe), keep=keep)

    @property
    def card(self) -> Card | None:
        row = self.row
        return None if row is None else self.cards.get(row.key)

    @on(LineList.Selected)
    def action_heart(self) -> None:
        card = self.card
        if card is not None:
            self._write_heart(card, card.key not in self.hearted)

    @work(thread=True, group="hearts")
    def _write_heart(self, card: Card, wanted: bool) -> None:
        kept = self.app.session.favourites.set(card, wanted)
        self.app.call_from_thread(self._written, card, kept)

    def _written(self, card: Card, kept: bool) -> None:
        if kept:
            self.hearted.add(card.key)
        else:
            self.hearted.discard(card.key)
        self._redraw()
        self.post_message(self.Hearted(self, card, kept))
