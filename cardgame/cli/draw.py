"""``cardgame draw``: one card in the terminal, a quick question for two; never imports Textual.

Only cards that suit two people are drawn (the engine's table rules for two players: no card
that needs a group, no "ask anyone" wildcard).

Unseen first, across days: a card dealt in any recorded game or printed by an earlier ``draw``
counts as seen, and the card chosen is one never seen, else the one seen longest ago (the
engine's ``Dealer`` orders them). What is drawn is recorded, so the next draw prefers another.
"""

from __future__ import annotations

import argparse
import random
import time
from typing import TYPE_CHECKING

from ..decks import Wildcard
from ..engine.dealer import CardKey, Dealer, fits_table
from ..engine.settings import EVERYONE
from .context import load_decks, open_store
from .dispatch import EXIT_OK, EXIT_USAGE
from .format import level_label, one_line
from .output import Output

if TYPE_CHECKING:
    from ..decks import Card, Library
    from ..store import Store

DRAWN_SETTING = "draw.last_drawn"  # {"deck_id/card_id": epoch seconds} of recent draws
KEEP_DRAWN = 5000  # the most recent draws remembered
TABLE_OF_TWO = 2  # a draw is a quick question for two: no card that needs a group


def run(args: argparse.Namespace, output: Output) -> int:
    library = load_decks(args)
    try:
        cards = candidates(library, args.deck, args.audience, args.level)
    except LookupError as error:
        output.err.line(f"cardgame draw: {one_line(error)}")
        return EXIT_USAGE
    with open_store(args, output) as store:
        card = Dealer(cards, random.Random(args.seed), last_seen(store)).draw()
        assert card is not None  # candidates() never returns an empty list
        remember_draw(store, card.key)
    deck = library.deck(card.deck_id)
    deck_name = deck.name if deck else card.deck_id
    if args.json:
        output.out.json(
            {
                "deck_id": card.deck_id,
                "deck": deck_name,
                "card_id": card.id,
                "level": card.level,
                "kind": str(card.kind),
                "text": card.text,
            }
        )
        return EXIT_OK
    both = " · you both answer" if card.wildcard == Wildcard.EVERYONE else ""
    output.out.line(f"{one_line(deck_name)} · {level_label(card.level)}{both}")
    output.out.line(card.text)
    if card.follow_up:
        output.out.line(f"Then: {card.follow_up}")
    return EXIT_OK


def candidates(
    library: Library, deck_id: str | None, audience: str, level: int | None
) -> list[Card]:
    """The cards a draw may give; LookupError (saying why) when there are none."""
    decks = library.decks
    if deck_id is not None:
        deck = library.deck(deck_id)
        if deck is None:
            raise LookupError(
                f"No deck with id {deck_id!r}; `cardgame decks` lists the ids you can use."
            )
        decks = [deck]
    cards = [
        card
        for deck in decks
        for card in deck.cards
        if (audience == EVERYONE or audience in card.audience)
        and (level is None or card.level == level)
        and fits_table(card, TABLE_OF_TWO, has_children=False)
    ]
    if not cards:
        wanted = " and ".join(
            part
            for part in (
                f"for the {audience} audience" if audience != EVERYONE else "",
                f"at level {level_label(level)}" if level is not None else "",
            )
            if part
        )
        where = f"deck {deck_id!r}" if deck_id else "any deck"
        raise LookupError(f"No card in {where} {wanted or 'at all'}.")
    return cards


def last_seen(store: Store) -> dict[CardKey, float]:
    """When each card was last dealt in any recorded game or printed by ``draw``."""
    players = sorted({player for game in store.games() for player in game.players})
    seen = dict(store.last_seen(players)) if players else {}
    for key, at in drawn(store).items():
        seen[key] = max(at, seen.get(key, at))
    return seen


def drawn(store: Store) -> dict[CardKey, float]:
    saved = store.get_setting(DRAWN_SETTING, {})
    if not isinstance(saved, dict):
        return {}
    found: dict[CardKey, float] = {}
    for key, at in saved.items():
        deck_id, _, card_id = str(key).partition("/")
        if card_id and isinstance(at, int | float):
            found[(deck_id, card_id)] = float(at)
    return found


def remember_draw(store: Store, key: CardKey) -> None:
    recent = drawn(store)
    recent[key] = time.time()
    newest = sorted(recent.items(), key=lambda item: item[1])[-KEEP_DRAWN:]
    store.set_setting(DRAWN_SETTING, {f"{deck}/{card}": at for (deck, card), at in newest})
