"""Hypothesis profiles: quick by default, so `make test` stays fast; thorough on request.

`HYPOTHESIS_PROFILE=thorough` (or the older `CARDGAME_THOROUGH=1`; `make test-thorough` sets it)
runs every property with the example count its test names; the default `quick` profile runs a
tenth of it (never fewer than `QUICK_FLOOR`). The profiles are registered and loaded by
tests/conftest.py before any test module is imported.
"""

from __future__ import annotations

import os

from hypothesis import settings

QUICK_FLOOR = 20
THOROUGH = os.environ.get("HYPOTHESIS_PROFILE") == "thorough" or bool(
    os.environ.get("CARDGAME_THOROUGH")
)
PROFILE = "thorough" if THOROUGH else os.environ.get("HYPOTHESIS_PROFILE", "quick")


def register_profiles() -> None:
    """Register `quick` and `thorough` and load the one the environment asks for."""
    settings.register_profile("quick", max_examples=QUICK_FLOOR, deadline=None)
    settings.register_profile("thorough", max_examples=10 * QUICK_FLOOR, deadline=None)
    settings.load_profile(PROFILE)


def examples(thorough: int) -> int:
    """How many examples a property runs: `thorough` in the thorough profile, a tenth otherwise."""
    if PROFILE == "thorough":
        return thorough
    return max(QUICK_FLOOR, thorough // 10)
