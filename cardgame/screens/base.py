"""What the game's screens share: the app as screens see it, dismissing once (screens and
modals alike), and the timed screen (one wake-up per visible change, the pause / +30s / help keys
and their actions).

Screens never import the app (that would be an import circle: the app imports every screen).
They see it through ``GameApp``, a Protocol naming the little a screen may use: the session, the
bell and whether timers run. Everything else is a message posted to the app.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, Protocol, cast

from textual import on, work
from textual.binding import Binding, BindingType
from textual.events import Resize
from textual.geometry import Size
from textual.screen import ModalScreen, Screen, ScreenResultType
from textual.timer import Timer

from ..engine.settings import EXTEND_SECONDS
from ..messages import QuitRequested, ShowHelp, ShowMenu
from ..widgets.key_button import KeyButton

if TYPE_CHECKING:
    from ..decks import Card
    from ..engine import Countdown, Game
    from ..session import Session

# Wake just after the face changes, never just before (a timer can fire a little early).
WAKE_SLACK = 0.005


class GameApp(Protocol):
    """What a screen may ask of ``CardGameApp``: the session is the one way in to the domain."""

    session: Session
    live_timers: bool

    @property
    def bell_on(self) -> bool: ...


class DismissesOnce:
    """A screen that is dismissed once, however fast keys arrive.

    Textual's ``dismiss`` pops whatever screen is on top: a second ``escape`` or ``enter``
    queued before the first dismissal finished would pop the screen *under* this one (the game),
    or raise ``ScreenStackError``. Here every dismissal after the first, or while another screen
    is on top, does nothing; ``dismissed`` says one was asked for.
    """

    dismissed = False

    def dismiss(self, result=None):
        if self.dismissed or not self.is_current:
            return None
        self.dismissed = True
        return super().dismiss(result)

    async def action_dismiss(self, result=None) -> None:
        self.dismiss(result)


class CardGameScreen(DismissesOnce, Screen):
    """A screen of the game. ``self.app`` is typed as ``GameApp``."""

    @property
    def app(self) -> GameApp:  # type: ignore[override]
        return cast("GameApp", super().app)

    def on_unmount(self) -> None:
        self.let_go()

    def let_go(self) -> None:
        """Drop what this screen showed once it has left the stack.

        Textual keeps the last message each widget handled, and a message keeps its sender: a
        ``Show`` sent while this screen was busy can stay in a hidden screen's widgets until they
        hear something else, and hold this screen, and whatever it refers to, for a whole game.
        A screen holding a game (its log grows with every card) lets it go here.
        """


class OnceModal(DismissesOnce, ModalScreen[ScreenResultType]):
    """A modal that dismisses once (``DismissesOnce``), however fast keys arrive."""

    @property
    def app(self) -> GameApp:  # type: ignore[override]
        return cast("GameApp", super().app)


NARROW_WIDTH = 56  # below this many columns the button row drops +30s to keep Menu in view


class TimedScreen(CardGameScreen):
    """A screen showing the game's countdown.

    It wakes only when what the clock shows changes (the next whole second), and only while a
    countdown runs on a screen the table can see: paused, run out, covered by another screen (a
    reflection, a modal) or without a countdown, nothing wakes. ``tick`` draws the countdown;
    subclasses say what to draw in ``draw_clock``.
    """

    # The keys every timed screen has; each screen lists them after its own (the footer shows
    # a screen's own keys first, then Quit, which must fit at 60 columns):
    # ``BINDINGS = [*own, *TimedScreen.TIMED_BINDINGS]``.
    TIMED_BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit_game", "Quit", id="timed.quit", tooltip="Quit (asks first)"),
        Binding("escape", "menu", "Menu", id="timed.menu", tooltip="Menu: favourites, end game"),
        Binding("question_mark", "help", "Help", id="timed.help", tooltip="Keys and table rules"),
        Binding("space", "pause", "Pause", id="timed.pause", tooltip="Pause the timer"),
        Binding("space", "resume", "Resume", id="timed.resume", tooltip="Resume the timer"),
        Binding("plus,equals_sign", "extend", "+30s", id="timed.extend", tooltip="Add 30 seconds"),
        Binding("f", "favourite", "♥", id="timed.favourite", tooltip="Keep this card (or not)"),
    ]

    game: Game
    _rang_for: Countdown | None = None
    _wake: Timer | None = None

    def countdown(self) -> Countdown | None:
        """The countdown this screen shows now (None: no clock)."""
        return self.game.timer

    def draw_clock(self) -> None:
        raise NotImplementedError

    # -- waking up to draw ------------------------------------------------------------------

    def on_mount(self) -> None:
        # The size classes before the first layout: a Resize comes only after it, and classes
        # set then would style and lay the screen out a second time (and show a wrong frame).
        self.fit_to(self.app.size)
        self.keep_time()

    def let_go(self) -> None:
        self._sleep()
        self.game = None  # type: ignore[assignment]  # nothing runs on a screen that has left

    def on_screen_suspend(self) -> None:
        self._sleep()

    def on_screen_resume(self) -> None:
        self.keep_time()

    @property
    def waiting(self) -> bool:
        """A wake-up is set: the clock on this screen will redraw by itself."""
        return self._wake is not None

    def keep_time(self) -> None:
        """Set one wake-up for the moment the clock's face next changes, and none at all while
        the countdown is paused or run out, this screen is covered, or timers are frozen.

        Not an interval: a fixed rate either wakes when nothing visible changed or draws late.
        Every action that moves the countdown (pause, +30s, a new turn) calls this again.
        """
        self._sleep()
        timer = self.countdown()
        if not self.app.live_timers or timer is None or not self.is_current:
            return
        delay = timer.next_change_in()
        if delay is not None:
            self._wake = self.set_timer(delay + WAKE_SLACK, self._woke, name="turn-clock")

    def _sleep(self) -> None:
        wake, self._wake = self._wake, None
        if wake is not None:
            wake.stop()

    def _woke(self) -> None:
        self._wake = None
        self.tick()
        self.keep_time()

    def tick(self) -> None:
        self.draw_clock()
        self.ring_once(self.countdown())

    def ring_once(self, timer: Countdown | None) -> None:
        """Ring the bell the first time ``timer`` runs out (unless the table turned it off)."""
        if timer and timer.expired and self._rang_for is not timer:
            self._rang_for = timer
            if self.app.bell_on:
                self.app.bell()  # type: ignore[attr-defined]

    # -- the shared keys ---------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("pause", "resume", "extend"):
            timer = self.countdown()
            # A clock that only counts up (timer off) has nothing to pause or extend.
            if timer is None or timer.limit is None:
                return False
            return timer.running == (action == "pause") if action != "extend" else True
        if action == "favourite":
            from ..engine import Phase  # imported with the game: no cost here

            return self.game.phase != Phase.OVER
        return True

    def action_pause(self) -> None:
        timer = self.countdown()
        if timer is not None:
            timer.toggle()
        self.paused_changed()
        self.tick()
        self.keep_time()

    def action_resume(self) -> None:
        self.action_pause()

    def paused_changed(self) -> None:
        """The Pause key and button read Resume while paused."""
        timer = self.countdown()
        paused = timer is not None and not timer.running
        for button in self.query("#pause").results(KeyButton):
            button.show_action(*(("Resume ␣", "resume") if paused else ("Pause ␣", "pause")))
        self.update_bindings()

    def size_classes(self, size: Size) -> dict[str, bool]:
        """The classes this screen's CSS sizes itself by, for a terminal of ``size``."""
        return {"-narrow": size.width < NARROW_WIDTH}  # tighter buttons (global.tcss)

    def fit_to(self, size: Size) -> None:
        for name, wanted in self.size_classes(size).items():
            self.set_class(wanted, name)

    @on(Resize)
    def _fit(self, event: Resize) -> None:
        self.fit_to(event.size)
        if self.is_mounted:
            self.show_buttons()  # +30s comes and goes with the width

    def show_buttons(self, **shown: bool) -> None:
        """Show the buttons named (by id) that work now; +30s and Pause need a countdown.

        In a narrow terminal (a phone) +30s gives its place up so the row still ends with Menu;
        its key (+) still works, and the footer lists it if there is room (help always does).
        """
        timer = self.countdown()
        timed = timer is not None and timer.limit is not None
        narrow = self.app.size.width < NARROW_WIDTH  # (the screen's own size: 0 until laid out)
        for button in self.query(KeyButton):
            if button.id == "extend":
                button.show(timed and not narrow)
            elif button.id == "pause":
                button.show(timed)
            elif button.id in shown:
                button.show(shown[button.id])
        self.paused_changed()

    def action_extend(self) -> None:
        timer = self.countdown()
        if timer is not None:
            timer.extend(EXTEND_SECONDS)
        self.tick()
        self.keep_time()

    def action_menu(self) -> None:
        timer = self.countdown()
        if timer is not None:
            timer.pause()
        self.paused_changed()
        self.tick()
        self.keep_time()
        self.post_message(ShowMenu())

    def action_help(self) -> None:
        self.post_message(ShowHelp())

    def action_quit_game(self) -> None:
        self.post_message(QuitRequested())

    # -- the heart ---------------------------------------------------------------------------

    def current_card(self) -> Card | None:
        """The card the table is looking at (None: nothing to heart)."""
        raise NotImplementedError

    @property
    def heart_shown(self) -> bool:
        raise NotImplementedError

    def show_heart(self, shown: bool) -> None:
        raise NotImplementedError

    def action_favourite(self) -> None:
        """Set the state the player sees wanting: heart shown, remove it; not shown, add it.

        The store is told "this is what I want" (idempotent), never "toggle": a second copy of the
        game, or a second quick press, cannot undo the first. The write runs in a thread so a slow
        or locked database never freezes the screen; the heart changes once the write has landed.
        """
        card = self.current_card()
        if card is not None:
            self._write_heart(card, not self.heart_shown)

    @work(thread=True, group="hearts")
    def _write_heart(self, card: Card, wanted: bool) -> None:
        saved = self.app.session.favourites.set(card, wanted)
        self.app.call_from_thread(self._heart_written, card, saved)  # type: ignore[attr-defined]

    def _heart_written(self, card: Card, saved: bool) -> None:
        if self.is_attached and self.current_card() == card:
            self.show_heart(saved)
        for notice in self.app.session.notices():
            self.notify(notice, markup=False, severity="warning", timeout=6)

    # -- the footer --------------------------------------------------------------------------

    _binding_state: tuple[bool | None, ...] | None = None

    def update_bindings(self) -> None:
        """Refresh the footer only when a key came or went.

        Every ``refresh_bindings`` rebuilds the footer's keys; done on every turn it cost about
        150 KiB per card dealt (issue 9, item 12).
        """
        state = tuple(self.check_action(binding.action, ()) for _, binding in self._bindings)
        if state != self._binding_state:
            self._binding_state = state
            self.refresh_bindings()
