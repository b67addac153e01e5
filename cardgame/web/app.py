"""The game as a browser tab sees it: ``CardGameApp`` plus what a browser needs.

- a visual bell: a browser ignores the terminal bell, so the timer flashes instead;
- after a reload the new page is redrawn whole (the server reattaches the running game);
- a note when the tab's earlier game was interrupted, and the interruption noted on the way out.
"""

from __future__ import annotations

import inspect
from pathlib import Path

from textual.timer import Timer

from ..app import CardGameApp
from ..widgets.turn_clock import TurnClock
from .tables import WebSession

BELL_FLASHES = 6
BELL_FLASH_SECONDS = 0.35


def _absolute_css_paths(app_class: type) -> list[Path]:
    """``app_class.CSS_PATH`` resolved beside its own module (a subclass elsewhere needs this)."""
    base = Path(inspect.getfile(app_class)).parent
    paths = app_class.CSS_PATH or []
    if isinstance(paths, str | Path):
        paths = [paths]
    return [base / path for path in paths]


class WebCardGameApp(CardGameApp):
    """``CardGameApp`` served to a browser (``cardgame serve``)."""

    CSS_PATH = _absolute_css_paths(CardGameApp)
    CSS = """
    TurnClock.-web-bell #clock-digits {
        color: $background;
        background: $warning;
    }
    """

    def __init__(self, *, session: WebSession) -> None:
        super().__init__(session=session)
        self.web_session = session
        self._bell_timer: Timer | None = None

    def on_mount(self) -> None:
        # Runs before CardGameApp.on_mount (Textual calls each class's handler, subclass first).
        self.call_after_refresh(self.tell_about_earlier_game)

    def tell_about_earlier_game(self) -> None:
        notice = self.web_session.take_interrupted_notice()
        if notice:
            self.notify(notice, markup=False, title="Welcome back", timeout=12)

    def bell(self) -> None:
        """In a browser the bell is seen, not heard: the timer's digits flash."""
        if not self.is_web:
            super().bell()
            return
        clocks = list(self.screen.query(TurnClock))
        if not clocks:
            return
        if self._bell_timer is not None:
            self._bell_timer.stop()
        flashes = iter(range(BELL_FLASHES))

        def flash() -> None:
            step = next(flashes, None)
            for clock in clocks:
                clock.set_class(step is not None and step % 2 == 0, "-web-bell")

        flash()
        self._bell_timer = self.set_interval(
            BELL_FLASH_SECONDS, flash, repeat=BELL_FLASHES, name="web-bell"
        )

    def on_app_focus(self) -> None:
        """A page (re)attached: draw everything, as the new page has nothing on it yet."""
        self.screen.refresh(layout=True)

    def on_unmount(self) -> None:
        # Before CardGameApp.on_unmount closes the store.
        self.web_session.note_if_interrupted()
