"""The choices a table makes before a game."""

from __future__ import annotations

from dataclasses import dataclass, field

DEPTHS = ("light", "deeper", "deepest", "escalate")
DEPTH_LABELS = {
    "light": "Light",
    "deeper": "Deeper",
    "deepest": "Deepest",
    "escalate": "Escalate",
}
MAX_LEVEL = {"light": 1, "deeper": 2, "deepest": 3, "escalate": 3}
REFLECT_MODES = ("off", "every", "alternate", "deeper")
REFLECT_LABELS = {
    "off": "Off",
    "every": "Every turn",
    "alternate": "Every other turn",
    "deeper": "On deeper cards",
}
TURN_CHOICES = (0, 30, 60, 90, 120, 180)
MIN_PLAYERS, MAX_PLAYERS = 2, 12
MAX_NAME = 24
EXTEND_SECONDS = 30
CLARIFY_SECONDS = 30
MAX_REFLECTION_ATTEMPTS = 2


class SettingsError(ValueError):
    """The settings cannot make a game; the message says why, for a person."""


def clean_names(names: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """Trim names, drop blanks, refuse duplicates and too few or too many players."""
    cleaned = tuple(" ".join(name.split())[:MAX_NAME] for name in names if name.strip())
    folded = [name.casefold() for name in cleaned]
    duplicates = sorted({name for name in cleaned if folded.count(name.casefold()) > 1})
    if duplicates:
        raise SettingsError(f"Two players share the name {duplicates[0]}; add an initial.")
    if not MIN_PLAYERS <= len(cleaned) <= MAX_PLAYERS:
        raise SettingsError(f"A game needs {MIN_PLAYERS} to {MAX_PLAYERS} players.")
    return cleaned


@dataclass(frozen=True)
class GameSettings:
    players: tuple[str, ...]
    deck_ids: tuple[str, ...]
    depth: str = "escalate"
    rounds: int | None = 5  # per player; None plays until the cards run out
    turn_seconds: int = 90  # 0 turns the turn timer off
    passes: int | None = None  # per player; None is unlimited
    audience: str | None = None
    reflect: str = "deeper"
    reflect_seconds: int = 60
    speaker_picks_listener: bool = False
    fresh_first: bool = True
    extra: dict = field(default_factory=dict, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "players", clean_names(self.players))
        if not self.deck_ids:
            raise SettingsError("Pick at least one deck.")
        if self.depth not in DEPTHS:
            raise SettingsError(f"Depth is one of {', '.join(DEPTHS)}.")
        if self.reflect not in REFLECT_MODES:
            raise SettingsError(f"Reflection is one of {', '.join(REFLECT_MODES)}.")
        if self.rounds is not None and self.rounds < 1:
            raise SettingsError("Rounds must be at least 1.")
        if self.turn_seconds < 0 or self.reflect_seconds < 0:
            raise SettingsError("Times cannot be negative.")
        if self.passes is not None and self.passes < 0:
            raise SettingsError("Passes cannot be negative.")

    def describe(self) -> dict:
        """Plain data for the history table."""
        return {
            "decks": list(self.deck_ids),
            "depth": self.depth,
            "rounds": self.rounds,
            "turn_seconds": self.turn_seconds,
            "passes": self.passes,
            "audience": self.audience,
            "reflect": self.reflect,
            "reflect_seconds": self.reflect_seconds,
        }
