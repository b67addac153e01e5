"""The game as pure Python: dealing, turns, timers and reflection. Never imports Textual.

Randomness comes in as a ``random.Random`` and time as a clock function, so a test decides both.

- ``settings``: the table's choices. ``TABLE_OPTIONS`` declares every choice, its values and its
  default once; ``GameSettings`` (validated, frozen) takes its defaults from it and converts to and
  from plain choices (``from_choices`` / ``to_choices``). Values only: labels live in the screens.
- ``names``: player names, cleaned at entry, with one length limit (``MAX_NAME``).
- ``dealer``: which cards a table may be dealt (audience, depth, table size, children) and the
  order (shuffled, unseen first, or a fixed deck's file order); ``check_dealable`` says why none.
- ``game``: one game's state machine: turns in rotation, passes, wildcards, play by rounds or time.
- ``turn``: where a game stands (``Phase``) and the turn on the table.
- ``reflection``: a listening-reflection round, the listener rotation and "every other turn".
- ``records``, ``events``: what the game writes down and tells subscribers (``Game.subscribe``).
- ``timer``: a pausable countdown read on demand (``face``, ``next_change_in`` for redraws).
"""

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .dealer import (
        Dealer,
        check_dealable,
        dealable_cards,
        eligible_cards,
        escalation_level,
    )
    from .events import DealLogged, GameEnded, GameEvent, ReflectionLogged
    from .game import Game
    from .names import MAX_NAME, SettingsError, clean_name, clean_names, parse_player_list
    from .records import (
        DealOutcome,
        DealRecord,
        EndReason,
        GameLog,
        PlayerStats,
        ReflectionOutcome,
        ReflectionRecord,
    )
    from .reflection import (
        BUILT_IN_KIDS_PROMPTS,
        BUILT_IN_PROMPTS,
        Heard,
        ListenerRotation,
        Reflection,
        ReflectionStepError,
        RoundWords,
        Step,
        wants_reflection,
    )
    from .settings import (
        TABLE_OPTIONS,
        Depth,
        GameSettings,
        Length,
        ReflectMode,
        TableOption,
        default_choices,
    )
    from .timer import Clock, Countdown
    from .turn import GameRuleError, Phase, Turn

_MODULES = {
    "dealer": ("Dealer", "check_dealable", "dealable_cards", "eligible_cards", "escalation_level"),
    "events": ("DealLogged", "GameEnded", "GameEvent", "ReflectionLogged"),
    "game": ("Game",),
    "names": ("MAX_NAME", "SettingsError", "clean_name", "clean_names", "parse_player_list"),
    "records": ("DealOutcome", "DealRecord", "EndReason", "GameLog", "PlayerStats",
                "ReflectionOutcome", "ReflectionRecord"),
    "reflection": ("BUILT_IN_KIDS_PROMPTS", "BUILT_IN_PROMPTS", "Heard", "ListenerRotation",
                   "Reflection", "ReflectionStepError", "RoundWords", "Step", "wants_reflection"),
    "settings": ("TABLE_OPTIONS", "Depth", "GameSettings", "Length", "ReflectMode", "TableOption",
                 "default_choices"),
    "timer": ("Clock", "Countdown"),
    "turn": ("GameRuleError", "Phase", "Turn"),
}  # fmt: skip
_LAZY = {name: module for module, names in _MODULES.items() for name in names}


def __getattr__(name: str) -> Any:
    """Each name imported from its module on first use: ``from cardgame.engine import
    GameSettings`` (setup's first frame) does not import the dealer, the game or the timer."""
    if name in _LAZY:
        from importlib import import_module

        value = getattr(import_module(f".{_LAZY[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "BUILT_IN_KIDS_PROMPTS",
    "BUILT_IN_PROMPTS",
    "MAX_NAME",
    "TABLE_OPTIONS",
    "Clock",
    "Countdown",
    "DealLogged",
    "DealOutcome",
    "DealRecord",
    "Dealer",
    "Depth",
    "EndReason",
    "Game",
    "GameEnded",
    "GameEvent",
    "GameLog",
    "GameRuleError",
    "GameSettings",
    "Heard",
    "Length",
    "ListenerRotation",
    "Phase",
    "PlayerStats",
    "ReflectMode",
    "Reflection",
    "ReflectionLogged",
    "ReflectionOutcome",
    "ReflectionRecord",
    "ReflectionStepError",
    "RoundWords",
    "SettingsError",
    "Step",
    "TableOption",
    "Turn",
    "check_dealable",
    "clean_name",
    "clean_names",
    "dealable_cards",
    "default_choices",
    "eligible_cards",
    "escalation_level",
    "parse_player_list",
    "wants_reflection",
]
