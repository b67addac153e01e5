"""A listening-reflection round: the listener reflects back; the speaker says if they felt heard.

Each step of the round is one pane of a ``ContentSwitcher``; ``show_step`` picks the pane and fills
in the names, the keys follow from ``check_action``.
"""

from __future__ import annotations

from textual import getters, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.geometry import Size
from textual.widgets import ContentSwitcher, OptionList, Static
from textual.widgets.option_list import Option

from ..decks import Card
from ..engine import Countdown, Game, GameRuleError, Heard, Reflection, Step
from ..messages import ReflectionDone
from ..widgets.card import HEART
from ..widgets.footer import CompactFooter
from ..widgets.key_button import KeyButton
from ..widgets.turn_clock import TurnClock
from .base import TimedScreen

ANSWER_KEYS = {"1": Heard.YES, "2": Heard.PARTLY, "3": Heard.NOT_QUITE}
TIMED_STEPS = (Step.LISTEN, Step.CLARIFY)
NEXT_STEPS = (Step.LISTEN, Step.CLARIFY, Step.DONE)
DECLINE_STEPS = (Step.CHOOSE_LISTENER, Step.LISTEN, Step.CHECK, Step.CLARIFY)
PICK_HINT = "Up and down to move, enter to choose."
TALL_HEIGHT = 36
WIDE_WIDTH = 120

HEARD_LABELS = {
    Heard.YES: "Yes, you got it",
    Heard.PARTLY: "Partly",
    Heard.NOT_QUITE: "Not quite yet",
}


class ReflectionScreen(TimedScreen):
    """Runs one reflection round of ``game``; posts ``ReflectionDone`` once the game moved on."""

    CSS_PATH = "reflection.tcss"
    AUTO_FOCUS = None
    BINDINGS = [
        Binding("n,enter", "next", "Next", id="reflect.next", tooltip="On to the next step"),
        Binding("1", "answer('yes')", "Yes", id="reflect.yes", tooltip="Yes, you got it"),
        Binding("2", "answer('partly')", "Partly", id="reflect.partly", tooltip="Partly"),
        Binding(
            "3", "answer('not_quite')", "Not quite", id="reflect.not-quite", tooltip="Not quite yet"
        ),
        Binding(
            "d",
            "decline",
            "Not this one",
            id="reflect.decline",
            tooltip="Not this one, thanks: skip the reflection, no reason needed",
        ),
        *TimedScreen.TIMED_BINDINGS,
    ]

    turn_clock = getters.query_one(TurnClock)
    headline = getters.query_one("#reflect-headline", Static)
    steps = getters.query_one("#steps", ContentSwitcher)
    listeners = getters.query_one("#listeners", OptionList)

    def __init__(self, game: Game) -> None:
        super().__init__()
        self.game = game
        assert game.reflection is not None
        self.round = game.reflection
        self.card_hearted = False

    @property
    def reflection(self) -> Reflection:
        return self.round

    @property
    def live(self) -> bool:
        """This screen's round is still the game's (a second quick key finds it gone)."""
        return self.game.reflection is self.round

    def compose(self) -> ComposeResult:
        words = self.round.words
        yield Static(id="reflect-headline", markup=False)
        yield Static(id="reflect-card", markup=False)
        with ContentSwitcher(id="steps", initial=Step.CHOOSE_LISTENER.value):
            with Vertical(id=Step.CHOOSE_LISTENER.value, classes="step"):
                yield OptionList(id="listeners", disabled=True)
                yield Static(PICK_HINT, classes="hint")
            with Vertical(id=Step.LISTEN.value, classes="step"):
                for label, line in (
                    ("Mirror", words.mirror),
                    ("Validate", words.validate),
                    ("Empathise", words.empathise),
                    ("Then ask", words.check),
                ):
                    yield Static(Content.assemble((f"{label:<11}", "bold"), line), classes="prompt")
                yield Static("Press enter when you have reflected back.", classes="hint")
            with Vertical(id=Step.CHECK.value, classes="step"), Horizontal(classes="button-row"):
                for key, heard in ANSWER_KEYS.items():
                    yield KeyButton(
                        f"{key}  {HEARD_LABELS[heard]}",
                        f"answer('{heard.value}')",
                        id=f"heard-{heard.value}",
                    )
            with Vertical(id=Step.CLARIFY.value, classes="step"):
                yield Static(Content(words.clarify), classes="prompt")
                yield Static(id="clarify-next", classes="hint", markup=False)
            with Vertical(id=Step.DONE.value, classes="step"):
                yield Static(id="done-line", classes="prompt", markup=False)
                yield Static("Press enter to go on to the next turn.", classes="hint")
        yield TurnClock()
        with Horizontal(id="reflect-buttons", classes="button-row"):
            yield KeyButton("Next ⏎", "next")
            yield KeyButton("Pause ␣", "pause")
            yield KeyButton("+30s", "extend")
            yield KeyButton("Not this one d", "decline")
        yield CompactFooter()

    def on_mount(self) -> None:
        self.show_step()
        super().on_mount()

    def size_classes(self, size: Size) -> dict[str, bool]:
        return {
            **super().size_classes(size),
            "-tall": size.height >= TALL_HEIGHT,
            "-wide": size.width >= WIDE_WIDTH,
        }

    # -- drawing -----------------------------------------------------------------------------

    def countdown(self) -> Countdown | None:
        return self.round.timer if self.live and self.round.step in TIMED_STEPS else None

    def current_card(self) -> Card | None:
        return self.round.card if self.live else None

    @property
    def heart_shown(self) -> bool:
        return self.card_hearted

    def show_heart(self, shown: bool) -> None:
        self.card_hearted = shown
        self._show_card()

    def _show_card(self) -> None:
        text = Content(self.round.card.text)
        if self.card_hearted:
            text = Content.assemble(text, f"  {HEART}")
        self.query_one("#reflect-card", Static).update(text)

    def show_step(self) -> None:
        if not self.live:
            return
        reflection = self.round
        step = reflection.step
        self.steps.current = step.value
        speaker, listener = reflection.speaker, reflection.listener or ""
        if step == Step.CHOOSE_LISTENER:
            headline = Content.from_markup(
                "[b]$speaker[/b], who will reflect back what you said?", speaker=speaker
            )
            self.listeners.clear_options()
            self.listeners.add_options(
                Option(Content(name)) for name in self.game.listener_candidates()
            )
            self.listeners.disabled = False
            self.listeners.highlighted = 0
            self.listeners.focus()
        elif step == Step.LISTEN:
            headline = Content.from_markup(
                "[b]$listener[/b], reflect back to [b]$speaker[/b]",
                listener=listener,
                speaker=speaker,
            )
            if reflection.attempt > 1:
                headline += Content(" once more")
        elif step == Step.CHECK:
            headline = Content.from_markup(
                "[b]$speaker[/b], did $listener get it?", speaker=speaker, listener=listener
            )
        elif step == Step.CLARIFY:
            headline = Content.from_markup("[b]$speaker[/b], add what was missed", speaker=speaker)
            self.query_one("#clarify-next", Static).update(
                Content(f"Then press enter, and {listener} reflects once more.")
            )
        else:
            headline = Content(reflection.closing_line)
            self.query_one("#done-line", Static).update(
                Content(f"{speaker} was listened to by {listener}.")
            )
        # Only choosing a listener takes focus; every other step belongs to the table's keys.
        self.listeners.disabled = step != Step.CHOOSE_LISTENER
        self.headline.update(headline)
        self._show_card()
        self.show_buttons(next=step in NEXT_STEPS, decline=self.check_action("decline", ()) is True)
        self.tick()
        self.keep_time()

    def draw_clock(self) -> None:
        self.turn_clock.show(self.countdown())

    # -- actions -----------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if not self.live:
            return action in ("help", "quit_game")
        step = self.round.step
        if action == "answer":
            return step == Step.CHECK
        if action == "next":
            return step in NEXT_STEPS
        if action == "decline":
            return step in DECLINE_STEPS
        return super().check_action(action, parameters)

    def finished(self) -> None:
        self.post_message(ReflectionDone())

    def action_next(self) -> None:
        if not self.live:
            return
        step = self.round.step
        if step == Step.LISTEN:
            self.game.listener_done()
        elif step == Step.CLARIFY:
            self.game.clarify_done()
        elif step == Step.DONE:
            self.game.finish_reflection()
            self.finished()
            return
        else:
            return
        self.show_step()

    def action_answer(self, heard: str) -> None:
        if not self.live or self.round.step != Step.CHECK:
            return
        self.game.answer(Heard(heard))
        self.show_step()

    def action_decline(self) -> None:
        """ "Not this one, thanks": the speaker skips the reflection, like a pass."""
        if self.check_action("decline", ()) is not True:
            return
        try:
            self.game.decline_reflection()
        except GameRuleError:
            return
        self.finished()

    @on(OptionList.OptionSelected, "#listeners")
    def _listener_chosen(self, event: OptionList.OptionSelected) -> None:
        if not self.live or self.round.step != Step.CHOOSE_LISTENER:
            return  # a second quick enter: the listener is already chosen
        self.game.choose_listener(self.game.listener_candidates()[event.option_index])
        self.show_step()
