"""A countdown on an injected monotonic clock: pause, resume and extend lose nothing."""

from __future__ import annotations

from collections.abc import Callable

Clock = Callable[[], float]


class Countdown:
    """Counts down ``seconds`` (or only counts up, when ``seconds`` is 0 or None).

    Time is read from ``clock`` only when asked, so nothing ticks in the engine: a screen polls
    ``remaining`` as often as it likes to draw, and a test moves a fake clock instead of sleeping.
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
