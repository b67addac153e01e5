"""An ``Input`` for search-as-you-type that does not lay out its screen on every keystroke.

Textual's ``Input`` records the width of its text as its virtual size on every change, and that
reactive lays out the whole screen, although an ``Input`` of fixed size keeps its own virtual
size through a layout (it is a ``ScrollView``) and nothing else moves. On a screen that filters
as you type, that layout cost more than the filtering. Here the size is set quietly when the box
has a fixed size; the box still scrolls its text as before (scrolling reads the virtual size).
"""

from __future__ import annotations

from textual.geometry import Size
from textual.widgets import Input


class SearchBox(Input):
    """``Input`` whose keystrokes repaint the box, never lay out the screen (fixed size only)."""

    def _watch_value(self, value: str) -> None:
        if self.is_mounted and not self.styles.auto_dimensions:
            # The same value set by ``Input`` below is then no change: no layout is asked for.
            self.set_reactive(Input.virtual_size, Size(self.content_width, 1))
        super()._watch_value(value)
