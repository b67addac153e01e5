"""The turn timer: large digits and a bar, readable from across the room."""

from __future__ import annotations

import math

from rich.align import Align
from rich.style import Style
from textual.app import ComposeResult, RenderResult
from textual.containers import Vertical
from textual.reactive import reactive, var
from textual.renderables.bar import Bar
from textual.widget import Widget
from textual.widgets import Digits, Static

from ..engine import Countdown

BAR_WIDTH = 40
BAR_STEPS = 2 * BAR_WIDTH  # a bar cell draws a half or a whole step: finer updates show nothing


def clock_face(whole: int) -> str:
    """``m:ss`` of ``Countdown.face``: whole seconds left (rounded up, so 0:00 means the time is
    up), or on a clock without a limit, whole seconds talked."""
    whole = max(0, whole)
    return f"{whole // 60}:{whole % 60:02d}"


def bar_steps(countdown: Countdown) -> int:
    """The half-cells of the bar left, from the face the digits show (so both change together)."""
    if countdown.limit is None or countdown.limit <= 0:
        return BAR_STEPS
    return max(0, min(BAR_STEPS, math.ceil(BAR_STEPS * countdown.face / countdown.limit - 1e-9)))


class ClockBar(Widget):
    """The time left as a bar of ``BAR_STEPS`` half-cells, centred on its line.

    Textual's ``ProgressBar`` runs an interval of its own (once a second, for an ETA the clock
    never shows), paused or not: this bar only repaints when ``steps`` changes.
    """

    DEFAULT_CSS = """
    ClockBar {
        width: 100%;
        height: 1;

        &> .clock-bar--bar {
            color: $primary;
            background: $surface;
        }
        &> .clock-bar--full {
            color: $success;
            background: $surface;
        }
    }
    """
    COMPONENT_CLASSES = {"clock-bar--bar", "clock-bar--full"}

    steps: reactive[int] = reactive(BAR_STEPS)

    def render(self) -> RenderResult:
        full = self.steps >= BAR_STEPS
        style = self.get_component_rich_style("clock-bar--full" if full else "clock-bar--bar")
        width = min(BAR_WIDTH, self.size.width)
        bar = Bar(
            highlight_range=(0, width * self.steps / BAR_STEPS),
            highlight_style=Style.from_color(style.color),
            background_style=Style.from_color(style.bgcolor),
            width=width,
        )
        return Align.center(bar)


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

    def compose(self) -> ComposeResult:
        yield Digits("0:00", id="clock-digits")
        yield ClockBar(id="clock-bar")
        yield Static("", id="clock-state", markup=False)

    def show(self, countdown: Countdown | None) -> None:
        """Draw ``countdown``, touching only what changed since the last call.

        Called on every tick, so it must cost nothing when nothing visible moved: the digits, the
        bar (quantised to the half-cells it can draw, read from the same whole seconds as the
        digits, so the two change in one frame) and the status line are each updated only when
        their own value changes. A changed value never changes a size: no layout is redone.
        """
        _set_display(self, countdown is not None)
        if countdown is None:
            return
        remaining = countdown.remaining
        self.counting_up = remaining is None
        face = clock_face(countdown.face)
        digits = self.query_one(Digits)
        if digits.value != face:
            digits.update(face)
        bar = self.query_one(ClockBar)
        _set_display(bar, remaining is not None)
        if remaining is not None:
            bar.steps = bar_steps(countdown)  # a reactive: repaints only when it changes
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
