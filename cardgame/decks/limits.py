"""The deck format's fixed values: its version, the audiences, the table sizes, the levels.

Apart from the model so what the first frame needs (setup's pickers, the players' limits)
comes without the model's dataclasses, which cost more to import than all of these.
"""

from __future__ import annotations

FORMAT_VERSION = "1.1"
TABLE_AUDIENCES: tuple[str, ...] = ("couples", "friends", "family")
"""The audiences a table picks from (setup's filter, ``--audience``); "everyone" means no filter."""
KIDS = "kids"
AUDIENCES: tuple[str, ...] = (*TABLE_AUDIENCES, KIDS)
"""What a card may carry. ``kids``: reads easily aloud to a seven-year-old; also ``family``."""
MIN_PLAYERS = 2
MAX_PLAYERS = 12
LEVEL_NAMES = {1: "light", 2: "deeper", 3: "deepest"}
