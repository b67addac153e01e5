"""The choices a table makes before a game, and every default for them, declared once.

``TABLE_OPTIONS`` lists each choice with the values offered and the default. ``GameSettings``
takes its field defaults from it; setup's pickers, the ``play`` flags, the remembered table and
"play these" all go through ``GameSettings.from_choices`` / ``to_choices``. Values only: the
words shown to players for each value belong to the screens.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from ..decks import TABLE_AUDIENCES
from .names import (
    MAX_NAME,
    MAX_PLAYERS,
    MIN_PLAYERS,
    SettingsError,
    clean_name,
    clean_names,
    parse_player_list,
)

__all__ = [
    "MAX_NAME",
    "MAX_PLAYERS",
    "MIN_PLAYERS",
    "TABLE_AUDIENCES",
    "SettingsError",
    "clean_name",
    "clean_names",
    "parse_player_list",
]


class Depth(StrEnum):
    LIGHT = "light"
    DEEPER = "deeper"
    DEEPEST = "deepest"
    ESCALATE = "escalate"  # rises through the levels as the game goes


class ReflectMode(StrEnum):
    OFF = "off"
    EVERY = "every"
    ALTERNATE = "alternate"  # every other answer of each speaker, staggered round the table
    DEEPER = "deeper"  # on cards of level 2 and 3


MAX_LEVEL = {Depth.LIGHT: 1, Depth.DEEPER: 2, Depth.DEEPEST: 3, Depth.ESCALATE: 3}
EVERYONE = "everyone"  # the audience choice that filters nothing ("kids" is not a table's)
EXTEND_SECONDS = 30
CLARIFY_SECONDS = 30
MAX_REFLECTION_ATTEMPTS = 2
ALL_CARDS = "all"  # the length token for "until the cards run out"
_MINUTES_SUFFIX = "min"


@dataclass(frozen=True)
class Length:
    """How long a game runs: rounds per player, about so many minutes, or until the cards run out.

    Its ``token`` ("5", "30min", "all") is the one plain value setup, flags and the remembered
    table pass around.
    """

    rounds: int | None = None
    minutes: int | None = None

    @property
    def token(self) -> str:
        if self.minutes:
            return f"{self.minutes}{_MINUTES_SUFFIX}"
        return str(self.rounds) if self.rounds else ALL_CARDS

    @classmethod
    def parse(cls, token: object) -> Length:
        """A token back to a length; ``SettingsError`` names what was wrong."""
        text = str(token).strip().lower()
        if text in (ALL_CARDS, "0"):
            return cls()
        minutes = text.removesuffix(_MINUTES_SUFFIX)
        number = minutes if minutes != text else text
        if not number.isdigit() or int(number) < 1:
            raise SettingsError(
                f"Length is a number of rounds, minutes like 30{_MINUTES_SUFFIX}, or {ALL_CARDS}."
            )
        return cls(minutes=int(number)) if minutes != text else cls(rounds=int(number))


@dataclass(frozen=True)
class TableOption:
    """One choice of the table: its name, the values offered (in order) and the default."""

    name: str
    values: tuple
    default: object

    def __post_init__(self) -> None:
        if not self.offers(self.default):
            raise ValueError(f"{self.name}: default {self.default!r} is not offered")

    def offers(self, value: object) -> bool:
        """Whether ``value`` is one of the values (True is not 1 here, nor 1 True)."""
        flags = isinstance(self.values[0], bool)
        return value in self.values and isinstance(value, bool) == flags


ROUND_CHOICES = (3, 5, 7, 10)
MINUTE_CHOICES = (30, 45, 60)
TURN_CHOICES = (0, 30, 60, 90, 120, 180)  # 0 turns the turn timer off
PASS_CHOICES = (None, 1, 2, 3, 5)  # None is unlimited
REFLECT_SECONDS_CHOICES = (30, 60, 90, 120)
ON_OFF = (True, False)

TABLE_OPTIONS: tuple[TableOption, ...] = (
    TableOption("audience", (EVERYONE, *TABLE_AUDIENCES), EVERYONE),
    TableOption("depth", tuple(Depth), Depth.ESCALATE),
    TableOption(
        "length",
        (
            *(str(rounds) for rounds in ROUND_CHOICES),
            ALL_CARDS,
            *(Length(minutes=minutes).token for minutes in MINUTE_CHOICES),
        ),
        "5",
    ),
    TableOption("turn_seconds", TURN_CHOICES, 90),
    TableOption("passes", PASS_CHOICES, None),
    TableOption("reflect", tuple(ReflectMode), ReflectMode.DEEPER),
    TableOption("reflect_seconds", REFLECT_SECONDS_CHOICES, 60),
    TableOption("speaker_picks", ON_OFF, False),
    TableOption("unseen_first", ON_OFF, True),
    TableOption("bell", ON_OFF, True),
)
OPTIONS = {option.name: option for option in TABLE_OPTIONS}
DEFAULT_LENGTH = Length.parse(OPTIONS["length"].default)


def default_choices() -> dict[str, object]:
    """Every option at its default, as ``to_choices`` gives them."""
    return {option.name: option.default for option in TABLE_OPTIONS}


# Older names for the value tuples, kept for callers that list them.
DEPTHS = tuple(Depth)
REFLECT_MODES = tuple(ReflectMode)


def _enum(kind: type[StrEnum], value: object, label: str) -> StrEnum:
    try:
        return kind(value)
    except ValueError:
        names = ", ".join(kind)
        raise SettingsError(f"{label} is one of {names}, not {value}.") from None


@dataclass(frozen=True)
class GameSettings:
    players: tuple[str, ...]
    deck_ids: tuple[str, ...]
    depth: Depth = OPTIONS["depth"].default
    rounds: int | None = DEFAULT_LENGTH.rounds  # per player; None: no round limit
    turn_seconds: int = OPTIONS["turn_seconds"].default  # 0 turns the turn timer off
    passes: int | None = OPTIONS["passes"].default  # per player; None is unlimited
    audience: str | None = None  # None (or "everyone") filters nothing
    reflect: ReflectMode = OPTIONS["reflect"].default
    reflect_seconds: int = OPTIONS["reflect_seconds"].default
    speaker_picks_listener: bool = OPTIONS["speaker_picks"].default
    fresh_first: bool = OPTIONS["unseen_first"].default
    extra: dict = field(default_factory=dict, compare=False)
    minutes: int | None = DEFAULT_LENGTH.minutes  # play by time: finish the round in progress
    bell: bool = OPTIONS["bell"].default
    children: frozenset[str] = frozenset()  # players dealt only cards a child can answer

    def __post_init__(self) -> None:
        players = clean_names(self.players)
        object.__setattr__(self, "players", players)
        object.__setattr__(self, "deck_ids", tuple(self.deck_ids))
        if not self.deck_ids:
            raise SettingsError("Pick at least one deck.")
        object.__setattr__(self, "depth", _enum(Depth, self.depth, "Depth"))
        object.__setattr__(self, "reflect", _enum(ReflectMode, self.reflect, "Reflection"))
        audience = None if self.audience in (None, "", EVERYONE) else self.audience
        if audience is not None and audience not in TABLE_AUDIENCES:
            choices = ", ".join((EVERYONE, *TABLE_AUDIENCES))
            raise SettingsError(f"Audience is one of {choices}, not {audience}.")
        object.__setattr__(self, "audience", audience)
        if self.rounds is not None and self.rounds < 1:
            raise SettingsError("Rounds must be at least 1.")
        if self.minutes is not None and self.minutes < 1:
            raise SettingsError("Minutes must be at least 1.")
        if self.turn_seconds < 0 or self.reflect_seconds < 0:
            raise SettingsError("Times cannot be negative.")
        if self.passes is not None and self.passes < 0:
            raise SettingsError("Passes cannot be negative.")
        object.__setattr__(self, "children", self._children(players))

    def _children(self, players: tuple[str, ...]) -> frozenset[str]:
        """Children named as the player list spells them; a name not at the table is an error."""
        if self.children is None:
            return frozenset()
        if isinstance(self.children, str):
            raise SettingsError("Children are a set of player names, not one string.")
        at_table = {name.casefold(): name for name in players}
        found = set()
        for child in self.children:
            name = at_table.get(clean_name(child).casefold())
            if name is None:
                raise SettingsError(f"{clean_name(child) or 'A child'} is not one of the players.")
            found.add(name)
        return frozenset(found)

    # -- one declaration, many doors ---------------------------------------------------------

    @property
    def length(self) -> Length:
        return Length(self.rounds, self.minutes)

    @property
    def unseen_first(self) -> bool:
        return self.fresh_first

    @property
    def speaker_picks(self) -> bool:
        return self.speaker_picks_listener

    def to_choices(self) -> dict[str, object]:
        """The table's choices as plain values keyed by ``TABLE_OPTIONS`` names (JSON-safe)."""
        return {
            "audience": self.audience or EVERYONE,
            "depth": str(self.depth),
            "length": self.length.token,
            "turn_seconds": self.turn_seconds,
            "passes": self.passes,
            "reflect": str(self.reflect),
            "reflect_seconds": self.reflect_seconds,
            "speaker_picks": self.speaker_picks_listener,
            "unseen_first": self.fresh_first,
            "bell": self.bell,
        }

    @classmethod
    def from_choices(
        cls,
        choices: Mapping[str, object],
        *,
        players: Iterable[str],
        deck_ids: Iterable[str],
        children: Iterable[str] = (),
        strict: bool = True,
    ) -> GameSettings:
        """Settings from option values keyed by ``TABLE_OPTIONS`` names; a missing one is its
        default. ``strict=False`` (a remembered table, perhaps from an older version) quietly
        replaces any value not offered today with the default instead of refusing it."""
        values = default_choices()
        for name, value in choices.items():
            option = OPTIONS.get(name)
            if option is None:
                if strict:
                    raise SettingsError(f"There is no table option called {name}.")
                continue
            if name == "length" and not strict:
                value = _length_token(value)
            if strict or option.offers(value):
                values[name] = value
        length = Length.parse(values["length"])
        return cls(
            players=tuple(players),
            deck_ids=tuple(deck_ids),
            depth=values["depth"],
            rounds=length.rounds,
            minutes=length.minutes,
            turn_seconds=_number(values["turn_seconds"], "Turn seconds"),
            passes=None if values["passes"] is None else _number(values["passes"], "Passes"),
            audience=values["audience"],
            reflect=values["reflect"],
            reflect_seconds=_number(values["reflect_seconds"], "Reflection seconds"),
            speaker_picks_listener=bool(values["speaker_picks"]),
            fresh_first=bool(values["unseen_first"]),
            bell=bool(values["bell"]),
            children=frozenset(children),
        )

    def describe(self) -> dict:
        """Plain data for the history table."""
        return {
            "decks": list(self.deck_ids),
            "depth": str(self.depth),
            "rounds": self.rounds,
            "minutes": self.minutes,
            "turn_seconds": self.turn_seconds,
            "passes": self.passes,
            "audience": self.audience,
            "reflect": str(self.reflect),
            "reflect_seconds": self.reflect_seconds,
            "children": sorted(self.children),
        }


def _length_token(value: object) -> object:
    """A remembered length as today's token (a number of rounds may have been kept as 5)."""
    try:
        return Length.parse(value).token
    except SettingsError:
        return value


def _number(value: object, label: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        try:
            return int(str(value))
        except ValueError:
            raise SettingsError(f"{label} must be a whole number, not {value}.") from None
    return value
