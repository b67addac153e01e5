"""A listening-reflection round: the listener reflects back; the speaker says if they felt heard."""

from __future__ import annotations

from textual import getters, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from ..engine import HEARD_LABELS, Game, Heard, Reflection, Step
from ..widgets.key_button import KeyButton
from ..widgets.turn_clock import TurnClock
from .base import TimedScreen

TICK_SECONDS = 0.5
ANSWER_KEYS = {"1": Heard.YES, "2": Heard.PARTLY, "3": Heard.NOT_QUITE}
TIMED_STEPS = (Step.LISTEN, Step.CLARIFY)
NEXT_STEPS = (Step.LISTEN, Step.CLARIFY, Step.DONE)
STEP_SECTIONS = {
    Step.CHOOSE_LISTENER: "#choose",
    Step.LISTEN: "#listen",
    Step.CHECK: "#check",
    Step.CLARIFY: "#clarify",
    Step.DONE: "#done",
}


class ReflectionScreen(TimedScreen):
    """Runs one reflection round of ``game``; dismisses once the game has moved on."""

    CSS_PATH = "reflection.tcss"
    AUTO_FOCUS = None
    BINDINGS = [
        Binding("n,enter", "next", "Next", id="reflect.next", tooltip="On to the next step"),
        Binding("1", "answer('yes')", "Yes", id="reflect.yes", tooltip="Yes, you got it"),
        Binding("2", "answer('partly')", "Partly", id="reflect.partly", tooltip="Partly"),
        Binding(
            "3", "answer('not_quite')", "Not quite", id="reflect.not-quite", tooltip="Not quite yet"
        ),
        Binding("space", "pause", "Pause", id="reflect.pause", tooltip="Pause or resume"),
        Binding(
            "plus,equals_sign", "extend", "+30s", id="reflect.extend", tooltip="Add 30 seconds"
        ),
        Binding("question_mark", "help", "Help", id="reflect.help", tooltip="Keys and table rules"),
    ]

    turn_clock = getters.query_one(TurnClock)
    headline = getters.query_one("#reflect-headline", Static)

    def __init__(self, game: Game) -> None:
        super().__init__()
        self.game = game

    @property
    def reflection(self) -> Reflection:
        assert self.game.reflection is not None
        return self.game.reflection

    def compose(self) -> ComposeResult:
        words = self.reflection.words
        yield Static(id="reflect-headline", markup=False)
        yield Static(Content(self.reflection.card.text), id="reflect-card", markup=False)
        with Vertical(id="choose", classes="step"):
            yield OptionList(id="listeners", disabled=True)
        with Vertical(id="listen", classes="step"):
            for label, line in (
                ("Mirror", words.mirror),
                ("Validate", words.validate),
                ("Empathise", words.empathise),
                ("Then ask", words.check),
            ):
                yield Static(Content.assemble((f"{label:<11}", "bold"), line), classes="prompt")
            yield Static("Press enter when you have reflected back.", classes="hint")
        with Vertical(id="check", classes="step"), Horizontal(classes="button-row"):
            for key, heard in ANSWER_KEYS.items():
                yield KeyButton(
                    f"{key}  {HEARD_LABELS[heard]}",
                    f"answer('{heard.value}')",
                    id=f"heard-{heard.value}",
                )
        with Vertical(id="clarify", classes="step"):
            yield Static(Content(words.clarify), classes="prompt")
            yield Static(id="clarify-next", classes="hint", markup=False)
        with Vertical(id="done", classes="step"):
            yield Static(id="done-line", classes="prompt", markup=False)
            yield Static("Press enter to go on to the next turn.", classes="hint")
        yield TurnClock()
        with Horizontal(id="reflect-buttons", classes="button-row"):
            yield KeyButton("Next ⏎", "next")
            yield KeyButton("Pause ␣", "pause")
            yield KeyButton("+30s", "extend")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.show_step()
        if self.app.live_timers:
            self.set_interval(TICK_SECONDS, self.tick)

    def show_step(self) -> None:
        reflection = self.reflection
        step = reflection.step
        for section_step, selector in STEP_SECTIONS.items():
            self.query_one(selector).display = section_step == step
        # Only choosing a listener takes focus; every other step belongs to the table's keys.
        self.query_one("#listeners", OptionList).disabled = step != Step.CHOOSE_LISTENER
        speaker, listener = reflection.speaker, reflection.listener or ""
        if step == Step.CHOOSE_LISTENER:
            headline = Content.from_markup(
                "[b]$speaker[/b], who will reflect back what you said?", speaker=speaker
            )
            options = self.query_one("#listeners", OptionList)
            options.clear_options()
            options.add_options(Option(Content(name)) for name in self.game.listener_candidates())
            options.focus()
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
        self.headline.update(headline)
        timed = step in TIMED_STEPS
        self.query_one("#pause").display = self.query_one("#extend").display = timed
        self.query_one("#next").display = step in NEXT_STEPS
        self.refresh_bindings()
        self.tick()

    def tick(self) -> None:
        step = self.reflection.step
        timer = self.reflection.timer if step in TIMED_STEPS else None
        self.turn_clock.show(timer)
        self.ring_once(timer)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        step = self.reflection.step if self.game.reflection else None
        if action == "answer":
            return step == Step.CHECK
        if action in ("pause", "extend"):
            return step in TIMED_STEPS
        if action == "next":
            return step in NEXT_STEPS
        return True

    def action_next(self) -> None:
        reflection = self.reflection
        if reflection.step == Step.LISTEN:
            self.game.listener_done()
        elif reflection.step == Step.CLARIFY:
            self.game.clarify_done()
        elif reflection.step == Step.DONE:
            self.game.finish_reflection()
            self.app.record_progress()
            self.dismiss(None)
            return
        else:
            return
        self.show_step()

    def action_answer(self, heard: str) -> None:
        if self.reflection.step != Step.CHECK:
            return
        self.game.answer(Heard(heard))
        self.show_step()

    @on(OptionList.OptionSelected, "#listeners")
    def _listener_chosen(self, event: OptionList.OptionSelected) -> None:
        self.game.choose_listener(self.game.listener_candidates()[event.option_index])
        self.show_step()
