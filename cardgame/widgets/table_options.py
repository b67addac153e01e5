"""The table's pickers, one per ``TABLE_OPTIONS`` entry, with the words players see for each value.

The engine declares each option once (its values and default); what a value is called on screen
("About 30 minutes", "Unlimited") lives here, with the screen, not in the engine.
"""

from __future__ import annotations

from collections.abc import Mapping

from textual.containers import Grid
from textual.widgets import Static

from ..engine import TABLE_OPTIONS, Length, TableOption
from .choice import Choice

LABELS = {
    "audience": "Audience",
    "depth": "Depth",
    "length": "Length",
    "turn_seconds": "Turn timer",
    "passes": "Passes",
    "reflect": "Reflection",
    "reflect_seconds": "Reflect time",
    "speaker_picks": "Speaker picks",
    "unseen_first": "Unseen first",
    "bell": "Bell",
}
DEPTH_WORDS = {"light": "Light", "deeper": "Deeper", "deepest": "Deepest", "escalate": "Escalate"}
REFLECT_WORDS = {
    "off": "Off",
    "every": "Every turn",
    "alternate": "Every other turn",
    "deeper": "On deeper cards",
}
# Names an older version remembered options by, and how its values read today.
OLD_NAMES = {
    "rounds": ("length", lambda rounds: str(rounds) if rounds else "all"),
    "turn": ("turn_seconds", int),
    "reflect_time": ("reflect_seconds", int),
    "fresh_first": ("unseen_first", bool),
    "passes": ("passes", lambda passes: None if passes is None or passes < 0 else passes),
    "audience": ("audience", lambda audience: audience or "everyone"),
}


def _seconds(seconds: int) -> str:
    return "Off" if seconds == 0 else f"{seconds} seconds"


def _length(token: str) -> str:
    length = Length.parse(token)
    if length.minutes:
        return f"About {length.minutes} minutes"
    return f"{length.rounds} rounds" if length.rounds else "Until the cards run out"


WORDS = {
    "audience": lambda value: str(value).capitalize(),
    "depth": lambda value: DEPTH_WORDS[str(value)],
    "length": _length,
    "turn_seconds": _seconds,
    "passes": lambda value: "Unlimited" if value is None else f"{value} each",
    "reflect": lambda value: REFLECT_WORDS[str(value)],
    "reflect_seconds": _seconds,
}


def value_words(option: TableOption, value: object) -> str:
    """What a player sees for ``value`` of ``option``."""
    words = WORDS.get(option.name)
    if words is not None:
        return words(value)
    return "On" if value else "Off"


def upgraded(options: Mapping[str, object]) -> dict[str, object]:
    """Remembered options under today's names (an older version's names read too)."""
    current = dict(options)
    for old, (name, convert) in OLD_NAMES.items():
        if old in options and (old == name or name not in options):
            try:
                current[name] = convert(options[old])
            except (TypeError, ValueError):
                current.pop(name, None)
    return current


class TableOptions(Grid):
    """A label and a ``Choice`` per table option; ``values`` are what ``from_choices`` takes."""

    def compose(self):
        for option in TABLE_OPTIONS:
            yield Static(LABELS[option.name], classes="label")
            yield Choice(
                [(value_words(option, value), value) for value in option.values],
                option.default,
                id=option.name,
            )

    def choice(self, name: str) -> Choice:
        return self.query_one(f"#{name}", Choice)

    @property
    def values(self) -> dict[str, object]:
        return {option.name: self.choice(option.name).value for option in TABLE_OPTIONS}

    def restore(self, remembered: Mapping[str, object]) -> None:
        """Show remembered values; one no longer offered keeps the default."""
        for name, value in upgraded(remembered).items():
            if name in LABELS and self.choice(name).has_value(value):
                self.choice(name).value = value
