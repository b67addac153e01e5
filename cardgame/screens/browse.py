"""Browse a deck: page through its cards filtered by level and audience, heart any, or draw one.

Reached from setup, the in-game menu and the command palette (``ShowBrowser``). The highlighted
card is shown whole under the list (rows are cut to one line).
"""

from __future__ import annotations

import random

from textual import getters, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Static

from ..decks import AUDIENCES, LEVEL_NAMES, Card, Deck
from ..widgets.card import level_dots
from ..widgets.card_list import CardList
from ..widgets.choice import Choice
from ..widgets.footer import CompactFooter
from ..widgets.line_list import LineList
from ..widgets.words import plural
from .base import CardGameScreen

ANY = ""  # the filter value that keeps every card
# Choice options are (words shown, value).
LEVELS = (
    ("Every level", ANY),
    *((name.capitalize(), level) for level, name in LEVEL_NAMES.items()),
)
AUDIENCE_CHOICES = (
    ("Everyone", ANY),
    *((audience.capitalize(), audience) for audience in AUDIENCES),
)
BUTTONS = (
    ("Draw one (r)", "draw", "screen.draw", "primary"),
    ("Heart (f)", "heart", "screen.heart", "default"),
    ("Back (esc)", "back", "screen.close", "default"),
)


def describe(card: Card) -> str:
    return f"{level_dots(card.level)} {card.kind}"


class BrowseScreen(CardGameScreen):
    CSS_PATH = "browse.tcss"
    BINDINGS = [
        Binding("escape", "close", "Back", id="browse.back", tooltip="Back"),
        Binding("r", "draw", "Draw one", id="browse.draw", tooltip="A card at random"),
        Binding("[", "deck(-1)", "Previous deck", id="browse.previous", tooltip="Previous deck"),
        Binding("]", "deck(1)", "Next deck", id="browse.next", tooltip="Next deck"),
    ]

    cards = getters.query_one("#browse-cards", CardList)
    status = getters.query_one("#browse-status", Static)
    whole = getters.query_one("#browse-card", Static)

    def __init__(self, deck_id: str | None = None) -> None:
        super().__init__()
        self.deck_id = deck_id

    def compose(self) -> ComposeResult:
        decks = self.app.session.decks
        deck_choices = [(deck.name, deck.id) for deck in decks] or [("No decks", "")]
        with Vertical(id="browse"):
            yield Static("Browse the decks", classes="title")
            with Grid(id="browse-filters"):
                yield Static("Deck [ ]", classes="label")
                yield Choice(deck_choices, self.deck_id, id="browse-deck")
                yield Static("Level", classes="label")
                yield Choice(LEVELS, ANY, id="browse-level")
                yield Static("Audience", classes="label")
                yield Choice(AUDIENCE_CHOICES, ANY, id="browse-audience")
            yield CardList(describe, id="browse-cards")
            yield Static(id="browse-card", markup=False)
            yield Static(id="browse-status", classes="hint", markup=False)
            with Horizontal(classes="button-row"):
                for label, button_id, action, variant in BUTTONS:
                    yield Button(label, id=button_id, action=action, variant=variant, compact=True)
        yield CompactFooter()

    def on_mount(self) -> None:
        seed = self.app.session.seed
        self.rng = random.Random(seed)
        self.show()
        self.cards.focus()

    # -- what is shown -----------------------------------------------------------------------

    def _value(self, choice_id: str):
        return self.query_one(f"#{choice_id}", Choice).value

    @property
    def deck(self) -> Deck | None:
        return self.app.session.deck(self._value("browse-deck"))

    @property
    def matching(self) -> list[Card]:
        deck = self.deck
        if deck is None:
            return []
        level, audience = self._value("browse-level"), self._value("browse-audience")
        return [
            card
            for card in deck.cards
            if (level == ANY or card.level == level)
            and (audience == ANY or audience in card.audience)
        ]

    def show(self, keep: tuple[str, str] | None = None) -> None:
        deck = self.deck
        matching = self.matching
        self.cards.show_cards(matching, keep=keep)
        total = len(deck.cards) if deck else 0
        if not matching:
            self.status.update("No card in this deck fits these filters.")
        else:
            self.status.update(
                f"{len(matching):,} of {plural(total, 'card')} · f keeps one · r draws one"
            )
        self._show_whole()

    def _show_whole(self) -> None:
        card = self.cards.card
        self.whole.update(Content(card.text) if card else "")

    @on(Choice.Changed)
    def _filter_changed(self) -> None:
        if self.is_mounted:
            self.show()

    @on(LineList.Highlighted, "#browse-cards")
    def _highlighted(self) -> None:
        self._show_whole()

    # -- actions -----------------------------------------------------------------------------

    def action_deck(self, step: int) -> None:
        self.query_one("#browse-deck", Choice).action_step(step)

    def action_draw(self) -> None:
        """A card at random from those shown: highlighted, and shown whole."""
        matching = self.matching
        if not matching:
            self.status.update("No card to draw: loosen the filters.")
            return
        card = self.rng.choice(matching)
        self.cards.cursor = self.cards.index_of(card.key)
        self.status.update(f"Drawn at random from {plural(len(matching), 'card')}.")

    def action_heart(self) -> None:
        self.cards.action_heart()

    def action_close(self) -> None:
        self.dismiss(None)  # once (``DismissesOnce``): a second fast escape pops nothing more
