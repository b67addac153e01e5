"""A prompt card, big and centred, in its deck's colour."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.color import Color
from textual.containers import Vertical
from textual.content import Content
from textual.reactive import var
from textual.widgets import Static

from ..decks import LEVEL_NAMES, Card, Kind, Wildcard

HEART = "♥"


def level_dots(level: int) -> str:
    return "●" * level + "○" * (3 - level)


def wildcard_label(card: Card, players: int) -> str:
    """What a wildcard asks of the table, in words that fit its size ("" for other cards)."""
    if card.wildcard == Wildcard.EVERYONE:
        return "You both answer" if players == 2 else "Everyone answers"
    if card.wildcard == Wildcard.ANYONE:
        return "Ask anyone"
    return ""


def card_meta(card: Card, deck_name: str, players: int = 3) -> Content:
    """``Deck name · ●●○ deeper · question``, as plain text (deck names are untrusted)."""
    kind = str(card.kind)
    if card.kind == Kind.WILDCARD:
        kind = f"wildcard: {wildcard_label(card, players).lower()}"
    parts = [deck_name, f"{level_dots(card.level)} {LEVEL_NAMES[card.level]}", kind]
    return Content(" · ".join(parts))


class CardView(Vertical):
    """Shows one card. Every string on it came from a deck file, so none is read as markup."""

    DEFAULT_CLASSES = "card"
    favourite: var[bool] = var(False, toggle_class="-favourite")
    time_up: var[bool] = var(False, toggle_class="-time-up")

    def compose(self) -> ComposeResult:
        yield Static(id="card-meta", markup=False)
        yield Static(id="card-text", markup=False)
        yield Static(id="card-follow-up", markup=False)
        yield Static(id="card-note", markup=False)
        yield Static(HEART + " favourite", id="card-heart", markup=False)

    def show(
        self, card: Card, deck_name: str, color: str | None, note: str = "", players: int = 3
    ) -> None:
        """Put ``card`` on the table; ``note`` says what a wildcard does, or who was asked."""
        self.query_one("#card-meta", Static).update(card_meta(card, deck_name, players))
        self.query_one("#card-text", Static).update(Content(card.text))
        follow = self.query_one("#card-follow-up", Static)
        follow.update(Content("Then: " + card.follow_up) if card.follow_up else Content(""))
        follow.display = bool(card.follow_up)
        note_widget = self.query_one("#card-note", Static)
        note_widget.update(Content(note))
        note_widget.display = bool(note)
        self.paint(color)

    def paint(self, color: str | None) -> None:
        """The deck's colour (the theme's panel when it has none, or one Textual cannot read)."""
        try:
            background = Color.parse(color) if color else None
        except Exception:  # a colour from a deck file must never crash the card
            background = None
        if background is not None:
            self.styles.background = background
            self.styles.color = background.get_contrast_text(alpha=0.95)
        else:
            self.styles.clear_rule("background")
            self.styles.clear_rule("color")
        # Textual 6+ caches each child's visual style and misses a parent's inline change
        # (Textual issues 6235, 6289, 6322): without this the text rows keep the last deck's
        # background after a pass.
        for child in self.query(Static):
            child.notify_style_update()
