"""The game as pure Python: dealing, turns, timers and reflection. Never imports Textual."""

from .dealer import Dealer, eligible_cards, escalation_level
from .game import (
    DealRecord,
    EndReason,
    Game,
    GameLog,
    GameRuleError,
    Phase,
    PlayerStats,
    ReflectionRecord,
    Turn,
)
from .reflection import (
    BUILT_IN_PROMPTS,
    HEARD_LABELS,
    Heard,
    ListenerRotation,
    Reflection,
    ReflectionStepError,
    Step,
    wants_reflection,
)
from .settings import GameSettings, SettingsError, clean_names
from .timer import Clock, Countdown

__all__ = [
    "BUILT_IN_PROMPTS",
    "HEARD_LABELS",
    "Clock",
    "Countdown",
    "DealRecord",
    "Dealer",
    "EndReason",
    "Game",
    "GameLog",
    "GameRuleError",
    "GameSettings",
    "Heard",
    "ListenerRotation",
    "Phase",
    "PlayerStats",
    "Reflection",
    "ReflectionRecord",
    "ReflectionStepError",
    "SettingsError",
    "Step",
    "Turn",
    "clean_names",
    "eligible_cards",
    "escalation_level",
    "wants_reflection",
]
