"""The turn timer: large digits and a bar, readable from across the room."""

from __future__ import annotations

import math

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.reactive import var
from textual.widget import Widget
from textual.widgets import Digits, ProgressBar, Static

from ..engine import Countdown

BAR_WIDTH = 40
BAR_STEPS = 2 * BAR_WIDTH  # a bar cell draws a half or a whole step: finer updates show nothing


def clock_face(seconds: float) -> str:
    """``m:ss``; a countdown shows whole seconds rounded up, so 0:00 means the time is up."""
    whole = max(0, math.ceil(seconds - 1e-9))
    return f"{whole // 60}:{whole % 60:02d}"


class TurnClock(Vertical):
    """Draws a ``Countdown``. It never reads the clock by itself: the screen calls ``show``."""

    DEFAULT_CSS = """
    TurnClock {
        width: 84;
        max-width: 100%;
        height: auto;
        align-horizontal: center;
    }

    TurnClock #clock-digits {
        width: 100%;
        text-align: center;
        margin-top: 1;
    }

    TurnClock.-paused #clock-digits {
        color: $text-muted;
    }

    TurnClock.-time-up #clock-digits {
        color: $warning;
    }

    TurnClock #clock-bar {
        width: 100%;
        align-horizontal: center;
    }

    TurnClock #clock-bar Bar {
        width: 40;
    }

    TurnClock.-counting-up #clock-state {
        color: $text-muted;
    }

    TurnClock #clock-state {
        width: 100%;
        text-align: center;
        color: $warning;
        text-overflow: ellipsis;
        text-wrap: nowrap;
    }
    """

    paused: var[bool] = var(False, toggle_class="-paused")
    time_up: var[bool] = var(False, toggle_class="-time-up")
    counting_up: var[bool] = var(False, toggle_class="-counting-up")

    _bar_steps: int | None = None

    def compose(self) -> ComposeResult:
        yield Digits("0:00", id="clock-digits")
        yield ProgressBar(total=BAR_STEPS, show_eta=False, show_percentage=False, id="clock-bar")
        yield Static("", id="clock-state", markup=False)

    def show(self, countdown: Countdown | None) -> None:
        """Draw ``countdown``, touching only what changed since the last call.

        Called on every tick, so it must cost nothing when nothing visible moved: the digits, the
        bar (quantised to the half-cells it can draw) and the status line are each updated only
        when their own value changes.
        """
        _set_display(self, countdown is not None)
        if countdown is None:
            return
        remaining = countdown.remaining
        self.counting_up = remaining is None
        face = clock_face(countdown.elapsed if remaining is None else remaining)
        digits = self.query_one(Digits)
        if digits.value != face:
            digits.update(face)
        bar = self.query_one(ProgressBar)
        _set_display(bar, remaining is not None)
        if remaining is not None:
            steps = math.ceil(BAR_STEPS * countdown.fraction_left - 1e-9)
            if steps != self._bar_steps:
                self._bar_steps = steps
                bar.update(progress=steps)
        self.paused = not countdown.running
        self.time_up = countdown.expired
        state = ""
        if self.time_up:
            state = "Time's up. Finish your thought; the table decides when to move on."
        elif self.paused:
            state = "Paused. Press space to resume."
        elif self.counting_up:
            state = "time talked"
        status = self.query_one("#clock-state", Static)
        if str(status.content) != state:
            status.update(state)
        _set_display(status, bool(state))


def _set_display(widget: Widget, shown: bool) -> None:
    """Show or hide ``widget``; setting ``display`` to what it already is still costs a reflow."""
    if widget.display != shown:
        widget.display = shown
