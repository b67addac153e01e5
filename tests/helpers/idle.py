"""Pilot's idle wait, sampled every 5 ms instead of every 20 ms.

Textual's Pilot waits after each key press (twice) and in each ``pause()`` until the process
looks idle: it sleeps ``SLEEP_GRANULARITY`` (20 ms) at a time until a sleep passes with less
than ``SLEEP_IDLE`` (a twentieth of it) of CPU used. A test therefore sleeps at least 40 ms per
key even when the app answered in 2: in app tests that was two fifths of their time (measured:
149 s wall for 86 s of CPU, serially). Sampling every 5 ms with the same ratio keeps the rule
("a whole sample went by with the process almost doing nothing") and waits a quarter as long.

This only makes the waits shorter; it never replaces a condition. Whatever a test needs to have
happened (a worker's write, a screen arriving, a layout) it waits for with
``helpers.app.wait_until``, which polls the condition itself.

If a Textual release renames these constants, ``install()`` leaves Textual alone: tests get
slower, never different.
"""

from __future__ import annotations

from textual import _wait

SAMPLE_SECONDS = 0.005


def install() -> bool:
    """Make Pilot's idle wait sample every ``SAMPLE_SECONDS``; return whether it could."""
    if not hasattr(_wait, "SLEEP_GRANULARITY") or not hasattr(_wait, "SLEEP_IDLE"):
        return False
    ratio = _wait.SLEEP_IDLE / _wait.SLEEP_GRANULARITY
    _wait.SLEEP_GRANULARITY = SAMPLE_SECONDS
    _wait.SLEEP_IDLE = SAMPLE_SECONDS * ratio
    return True
