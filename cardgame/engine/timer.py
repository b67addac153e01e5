"""A countdown on an injected monotonic clock: pause, resume and extend lose nothing."""

from __future__ import annotations

import math
from collections.abc import Callable

Clock = Callable[[], float]


class Countdown:
    """Counts down ``seconds`` (or only counts up, when ``seconds`` is 0 or None).

    Time is read from ``clock`` only when asked, so nothing ticks in the engine: a screen polls
    ``remaining`` as often as it likes to draw, and a test moves a fake clock instead of sleeping.
    To draw only what changes, a screen shows ``face`` and waits ``next_change_in()`` before
    looking again (None: nothing will change until the table acts, e.g. while paused).
    """

    def __init__(self, clock: Clock, seconds: float | None, *, start: bool = True) -> None:
        self._clock = clock
        self.limit = float(seconds) if seconds else None
        self._banked = 0.0
        self._started_at: float | None = clock() if start else None

    @property
    def running(self) -> bool:
        return self._started_at is not None

    @property
    def elapsed(self) -> float:
        live = self._clock() - self._started_at if self._started_at is not None else 0.0
        return self._banked + max(0.0, live)

    @property
    def remaining(self) -> float | None:
        if self.limit is None:
            return None
        return max(0.0, self.limit - self.elapsed)

    @property
    def expired(self) -> bool:
        return self.limit is not None and self.elapsed >= self.limit

    @property
    def fraction_left(self) -> float:
        if self.limit is None or self.limit <= 0:
            return 1.0
        return (self.remaining or 0.0) / self.limit

    @property
    def face(self) -> int:
        """The whole seconds a clock shows: left (rounded up) on a countdown, else elapsed."""
        if self.limit is None:
            return math.floor(self.elapsed)
        return math.ceil(self.remaining or 0.0)

    def next_change_in(self) -> float | None:
        """Seconds until ``face`` changes; None while paused or once a countdown has run out."""
        if not self.running:
            return None
        if self.limit is None:
            elapsed = self.elapsed
            return math.floor(elapsed) + 1 - elapsed
        remaining = self.remaining or 0.0
        if remaining <= 0:
            return None
        return remaining - (math.ceil(remaining) - 1)

    def pause(self) -> None:
        if self._started_at is not None:
            self._banked = self.elapsed
            self._started_at = None

    def resume(self) -> None:
        if self._started_at is None:
            self._started_at = self._clock()

    def toggle(self) -> bool:
        """Pause if running, resume if paused; return whether it now runs."""
        if self.running:
            self.pause()
        else:
            self.resume()
        return self.running

    def extend(self, seconds: float) -> None:
        """Add time. An expired timer gets ``seconds`` from now; one with no limit gains one."""
        if self.limit is None:
            return
        if self.expired:
            self.limit = self.elapsed + seconds
        else:
            self.limit += seconds
