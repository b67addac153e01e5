"""The table's options (``TABLE_OPTIONS``) as one keyboard-driven list, with the words players see.

The engine declares each option once (its values and default); what a value is called on screen
("About 30 minutes", "Unlimited") lives here, with the screen, not in the engine.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from textual.binding import Binding
from textual.content import Content
from textual.events import Blur, Click, Focus
from textual.message import Message
from textual.widget import Widget

from ..engine import TABLE_OPTIONS, Length, TableOption

LABELS = {
    "audience": "Audience",
    "depth": "Depth",
    "length": "Length",
    "turn_seconds": "Turn timer",
    "passes": "Passes",
    "reflect": "Reflection",
    "reflect_seconds": "Reflect time",
    "speaker_picks": "Speaker picks",
    "unseen_first": "Unseen first",
    "bell": "Bell",
}
DEPTH_WORDS = {"light": "Light", "deeper": "Deeper", "deepest": "Deepest", "escalate": "Escalate"}
REFLECT_WORDS = {
    "off": "Off",
    "every": "Every turn",
    "alternate": "Every other turn",
    "deeper": "On deeper cards",
}
# Names an older version remembered options by, and how its values read today.
OLD_NAMES = {
    "rounds": ("length", lambda rounds: str(rounds) if rounds else "all"),
    "turn": ("turn_seconds", int),
    "reflect_time": ("reflect_seconds", int),
    "fresh_first": ("unseen_first", bool),
    "passes": ("passes", lambda passes: None if passes is None or passes < 0 else passes),
    "audience": ("audience", lambda audience: audience or "everyone"),
}


def _seconds(seconds: int) -> str:
    return "Off" if seconds == 0 else f"{seconds} seconds"


def _length(token: str) -> str:
    length = Length.parse(token)
    if length.minutes:
        return f"About {length.minutes} minutes"
    return f"{length.rounds} rounds" if length.rounds else "Until the cards run out"


WORDS = {
    "audience": lambda value: str(value).capitalize(),
    "depth": lambda value: DEPTH_WORDS[str(value)],
    "length": _length,
    "turn_seconds": _seconds,
    "passes": lambda value: "Unlimited" if value is None else f"{value} each",
    "reflect": lambda value: REFLECT_WORDS[str(value)],
    "reflect_seconds": _seconds,
}


def value_words(option: TableOption, value: object) -> str:
    """What a player sees for ``value`` of ``option``."""
    words = WORDS.get(option.name)
    if words is not None:
        return words(value)
    return "On" if value else "Off"


def upgraded(options: Mapping[str, object]) -> dict[str, object]:
    """Remembered options under today's names (an older version's names read too)."""
    current = dict(options)
    for old, (name, convert) in OLD_NAMES.items():
        if old in options and (old == name or name not in options):
            try:
                current[name] = convert(options[old])
            except (TypeError, ValueError):
                current.pop(name, None)
    return current


GAP = 2  # columns between the two columns of options
ARROWS = 4  # "◀ " and " ▶" around a value


@dataclass(frozen=True)
class Cell:
    """Where one option is drawn: its row, and where its label and its value start."""

    index: int
    y: int
    label_x: int
    value_x: int
    value_width: int


class TableOptions(Widget, can_focus=True):
    """Every table option in one widget, a line each: ``Depth      ◀ Escalate ▶``.

    One widget rather than a label and a picker per option (21 widgets): the setup form is
    mounted, styled and laid out sooner. Up and down choose an option (the chosen one is
    highlighted while the list has focus); left and right, or space, change its value; a click
    on a label chooses that option, a click on ``◀`` steps back and elsewhere on a value steps
    on. Two columns where both fit with every value whole, else one; a value is never cut
    while its line fits. ``enter`` is not a key here: on a form, enter means "done", never
    "change this". ``values`` are what ``GameSettings.from_choices`` takes.
    """

    DEFAULT_CSS = """
    TableOptions {
        height: auto;
        width: 1fr;
        & > .table-options--value {
            background: $boost;
        }
        & > .table-options--cursor {
            background: $primary 35%;
            text-style: bold;
        }
    }
    """
    COMPONENT_CLASSES = {"table-options--value", "table-options--cursor"}
    BINDINGS = [
        Binding("up", "move(-1)", "Previous option", show=False, id="options.previous"),
        Binding("down", "move(1)", "Next option", show=False, id="options.next"),
        Binding("left", "step(-1)", "Previous value", show=False, id="options.back"),
        Binding("right,space", "step(1)", "Next value", show=False, id="options.on"),
    ]

    @dataclass
    class Changed(Message):
        """A player changed option ``name`` to ``value``."""

        table_options: TableOptions
        name: str
        value: object

        @property
        def control(self) -> TableOptions:
            return self.table_options

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.tooltip = "Up and down choose an option; left and right change it"
        self.options = TABLE_OPTIONS
        self.names = [option.name for option in TABLE_OPTIONS]
        self.labels = [LABELS[name] for name in self.names]
        self.words = [[value_words(option, v) for v in option.values] for option in TABLE_OPTIONS]
        self.chosen = [option.values.index(option.default) for option in TABLE_OPTIONS]
        self.cursor = 0
        half = (len(TABLE_OPTIONS) + 1) // 2
        self.columns = [range(0, half), range(half, len(TABLE_OPTIONS))]
        self._cells: dict[int, list[Cell]] = {}  # by width

    # -- values --------------------------------------------------------------------------------

    @property
    def values(self) -> dict[str, object]:
        return {option.name: self.value(option.name) for option in self.options}

    def value(self, name: str) -> object:
        index = self.names.index(name)
        return self.options[index].values[self.chosen[index]]

    def words_for(self, name: str) -> str:
        """What the option shows now, as a player reads it."""
        index = self.names.index(name)
        return self.words[index][self.chosen[index]]

    @property
    def cursor_name(self) -> str:
        return self.names[self.cursor]

    def set_value(self, name: str, value: object) -> bool:
        """Show ``value`` for ``name`` (no Changed: only a player's change is one)."""
        index = self.names.index(name)
        option = self.options[index]
        if not option.offers(value):
            return False
        self.chosen[index] = option.values.index(value)
        self.refresh()
        return True

    def restore(self, remembered: Mapping[str, object]) -> None:
        """Show remembered values; one no longer offered keeps the default."""
        for name, value in upgraded(remembered).items():
            if name in LABELS:
                self.set_value(name, value)

    # -- keys and clicks -----------------------------------------------------------------------

    def action_move(self, step: int) -> None:
        self.cursor = (self.cursor + step) % len(self.options)
        self.refresh()

    def action_step(self, step: int) -> None:
        index = self.cursor
        self.chosen[index] = (self.chosen[index] + step) % len(self.options[index].values)
        self.refresh()
        self.post_message(self.Changed(self, self.names[index], self.value(self.names[index])))

    def on_click(self, event: Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        for cell in self.cells(self.content_size.width):
            if cell.y == offset.y and cell.label_x <= offset.x < cell.value_x + cell.value_width:
                self.cursor = cell.index
                self.refresh()
                if offset.x >= cell.value_x:
                    self.action_step(-1 if offset.x < cell.value_x + 2 else 1)
                return

    def _on_focus(self, event: Focus) -> None:
        self.refresh()  # the chosen option is highlighted only while the list has focus

    def _on_blur(self, event: Blur) -> None:
        self.refresh()

    # -- drawing -------------------------------------------------------------------------------

    def _column_widths(self, column: range) -> tuple[int, int]:
        """Label width (with a space after) and value width (with its arrows) of a column."""
        label = max(len(self.labels[index]) for index in column) + 1
        value = max(len(words) for index in column for words in self.words[index]) + ARROWS
        return label, value

    def cells(self, width: int) -> list[Cell]:
        """Where each option goes at ``width``: two columns if every value fits whole, else one."""
        if width not in self._cells:
            (left_label, left_value), (right_label, right_value) = map(
                self._column_widths, self.columns
            )
            cells = []
            if left_label + left_value + GAP + right_label + right_value <= width:
                right_x = left_label + left_value + GAP
                for x, column, (label, value) in (
                    (0, self.columns[0], (left_label, left_value)),
                    (right_x, self.columns[1], (right_label, right_value)),
                ):
                    for y, index in enumerate(column):
                        cells.append(Cell(index, y, x, x + label, value))
            else:
                label = max(left_label, right_label)
                value = max(1, min(max(left_value, right_value), width - label))
                cells = [Cell(index, index, 0, label, value) for index in range(len(self.options))]
            self._cells[width] = cells
        return self._cells[width]

    def get_content_width(self, container, viewport) -> int:
        (left_label, left_value), (right_label, right_value) = map(
            self._column_widths, self.columns
        )
        return left_label + left_value + GAP + right_label + right_value

    def get_content_height(self, container, viewport, width: int) -> int:
        return max(cell.y for cell in self.cells(width)) + 1

    def _value(self, index: int, width: int) -> Content:
        """``◀ words ▶`` in ``width`` cells; where that does not fit, the words alone."""
        words = self.words[index][self.chosen[index]]
        if len(words) + ARROWS <= width:
            return Content.assemble("◀ ", words, " ▶").pad_right(width - len(words) - ARROWS)
        return Content(words).truncate(width, ellipsis=True, pad=True)

    def render(self) -> Content:
        width = self.content_size.width or self.get_content_width(None, None)
        cells = self.cells(width)
        value_style = self.get_visual_style("table-options--value", partial=True)
        cursor_style = self.get_visual_style("table-options--cursor", partial=True)
        rows: list[list[Content]] = [[] for _ in range(max(cell.y for cell in cells) + 1)]
        ends = [0] * len(rows)
        for cell in cells:
            row = rows[cell.y]
            row.append(Content(" " * (cell.label_x - ends[cell.y])))
            label = Content(self.labels[cell.index]).pad_right(
                cell.value_x - cell.label_x - len(self.labels[cell.index])
            )
            focused = self.has_focus and cell.index == self.cursor
            value = self._value(cell.index, cell.value_width)
            row += [
                label.stylize(cursor_style) if focused else label,
                value.stylize(cursor_style if focused else value_style),
            ]
            ends[cell.y] = cell.value_x + cell.value_width
        return Content("\n").join(Content.assemble(*row) for row in rows)
