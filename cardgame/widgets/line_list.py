"""A list of one-line rows that draws only the rows on screen.

``OptionList`` measures (word-wraps) every option whenever its options change, which costs about
a tenth of a second per thousand rows. Here a row is always one line, so the list knows its height
without measuring anything, and filtering is replacing a Python list: 5,000 favourites open and
filter as fast as five. Row text is untrusted (it comes from decks and players), so it is drawn as
``Content`` and never parsed as markup; a long row is cut with an ellipsis.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from textual.binding import Binding
from textual.content import Content
from textual.events import Click
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip


class Row(NamedTuple):
    """One line of the list: ``key`` None makes it a heading the cursor skips.

    A named tuple, not a dataclass: a list of 5,000 favourites builds one per card on every
    search keystroke, and a tuple is made three times faster than a frozen dataclass."""

    text: str
    key: Any = None
    suffix: str = ""  # shown at the right edge, never cut (level dots, a heart)

    @property
    def is_heading(self) -> bool:
        return self.key is None


class LineList(ScrollView, can_focus=True):
    """One-line rows with a cursor; headings are skipped; ``Selected`` on enter or a click."""

    DEFAULT_CSS = """
    LineList {
        height: 1fr;
        background: $surface;
        & > .line-list--heading { text-style: bold; color: $secondary; }
        & > .line-list--cursor { background: $block-cursor-blurred-background; }
        &:focus > .line-list--cursor {
            background: $block-cursor-background;
            color: $block-cursor-foreground;
            text-style: $block-cursor-text-style;
        }
        & > .line-list--suffix { color: $text-muted; }
    }
    """
    COMPONENT_CLASSES = {"line-list--heading", "line-list--cursor", "line-list--suffix"}
    BINDINGS = [
        Binding("up", "move(-1)", "Up", show=False, id="line_list.up"),
        Binding("down", "move(1)", "Down", show=False, id="line_list.down"),
        Binding("pageup", "page(-1)", "Page up", show=False, id="line_list.page_up"),
        Binding("pagedown", "page(1)", "Page down", show=False, id="line_list.page_down"),
        Binding("home", "edge(-1)", "First", show=False, id="line_list.first"),
        Binding("end", "edge(1)", "Last", show=False, id="line_list.last"),
        Binding("enter", "select", "Select", show=False, id="line_list.select"),
    ]

    cursor: reactive[int | None] = reactive(None, always_update=True)

    @dataclass
    class Highlighted(Message):
        line_list: LineList
        row: Row | None

        @property
        def control(self) -> LineList:
            return self.line_list

    @dataclass
    class Selected(Message):
        line_list: LineList
        row: Row

        @property
        def control(self) -> LineList:
            return self.line_list

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.rows: Sequence[Row] = ()

    # -- content -----------------------------------------------------------------------------

    def set_rows(self, rows: Sequence[Row], *, keep: Any = None) -> None:
        """Show ``rows``; the cursor goes to the row keyed ``keep``, or the first choosable row.

        ``rows`` is kept, not copied: it may be a sequence that builds each row when asked.
        """
        self.rows = rows
        self._set_height(len(self.rows))
        target = None if keep is None else self.index_of(keep)
        self.cursor = target if target is not None else self._next_choosable(-1, 1)
        if self.cursor is None:
            self.scroll_to(y=0, animate=False)
        self.refresh()

    @property
    def row(self) -> Row | None:
        """The row under the cursor."""
        return None if self.cursor is None else self.rows[self.cursor]

    def index_of(self, key: Any) -> int | None:
        return next((i for i, row in enumerate(self.rows) if row.key == key), None)

    # -- cursor ------------------------------------------------------------------------------

    def _next_choosable(self, start: int, step: int) -> int | None:
        index = start + step
        while 0 <= index < len(self.rows):
            if not self.rows[index].is_heading:
                return index
            index += step
        return None

    def validate_cursor(self, cursor: int | None) -> int | None:
        if cursor is None or not self.rows:
            return None
        return max(0, min(cursor, len(self.rows) - 1))

    def watch_cursor(self, cursor: int | None) -> None:
        if cursor is not None:
            self._scroll_cursor_into_view(cursor)
        self.refresh()
        self.post_message(self.Highlighted(self, self.row))

    def _scroll_cursor_into_view(self, cursor: int) -> None:
        top = round(self.scroll_offset.y)
        height = max(1, self.scrollable_content_region.height)
        if cursor < top:
            self.scroll_to(y=cursor, animate=False)
        elif cursor >= top + height:
            self.scroll_to(y=cursor - height + 1, animate=False)
        if cursor <= 1:
            self.scroll_to(y=0, animate=False)  # show the heading above the first row

    def action_move(self, step: int) -> None:
        start = self.cursor if self.cursor is not None else (-1 if step > 0 else len(self.rows))
        target = self._next_choosable(start, step)
        if target is not None:
            self.cursor = target

    def action_page(self, step: int) -> None:
        if self.cursor is None:
            return
        page = max(1, self.scrollable_content_region.height - 1)
        target = max(0, min(len(self.rows) - 1, self.cursor + step * page))
        self.cursor = self._next_choosable(target - step, step) or self._next_choosable(
            target, -step
        )

    def action_edge(self, step: int) -> None:
        start = -1 if step < 0 else len(self.rows)
        target = self._next_choosable(start, -step)
        if target is not None:
            self.cursor = target

    def action_select(self) -> None:
        row = self.row
        if row is not None and not row.is_heading:
            self.post_message(self.Selected(self, row))

    async def _on_click(self, event: Click) -> None:
        index = event.y + round(self.scroll_offset.y)
        if 0 <= index < len(self.rows) and not self.rows[index].is_heading:
            self.cursor = index
            if event.chain > 1:
                self.action_select()

    # -- drawing -----------------------------------------------------------------------------

    def on_resize(self) -> None:
        self.virtual_size = Size(self.size.width, len(self.rows))

    def _set_height(self, height: int) -> None:
        """The list is ``height`` rows tall; lay out the screen only if a scrollbar comes or goes.

        Setting ``virtual_size`` lays out the whole screen (it may add or drop the scrollbar).
        While the scrollbar stays as it was, nothing around the list moves: the new size is set
        quietly and only the scrollbar is told, so a search keystroke costs no layout.
        """
        size = Size(self.size.width, height)
        if size == self.virtual_size:
            return
        view = self.scrollable_content_region.height
        if not self.is_mounted or (self.virtual_size.height > view) != (height > view):
            self.virtual_size = size
            return
        self.set_reactive(LineList.virtual_size, size)
        self._scroll_update(size)
        self.scroll_to(y=min(self.scroll_y, self.max_scroll_y), animate=False)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        index = y + round(self.scroll_offset.y)
        base = self.get_visual_style()
        if not 0 <= index < len(self.rows):
            return Strip.blank(width, base.rich_style)
        row = self.rows[index]
        if row.is_heading:
            style = self.get_visual_style("line-list--heading")
        elif index == self.cursor:
            style = self.get_visual_style("line-list--cursor")
        else:
            style = base
        line = row_content(row, width)
        return Strip(line.render_segments(style), width).crop_extend(0, width, style.rich_style)


def row_content(row: Row, width: int) -> Content:
    """The row's text cut to ``width`` with an ellipsis, its suffix kept whole at the right."""
    text = Content(" " + " ".join(row.text.split()))  # one line, whatever the text holds
    if not row.suffix:
        return text.truncate(width, ellipsis=True, pad=True)
    suffix = Content(f"  {row.suffix} ")
    room = max(0, width - suffix.cell_length)
    return Content.assemble(text.truncate(room, ellipsis=True, pad=True), suffix)
