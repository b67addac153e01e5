"""The footer every screen shows: the keys on offer, drawn as one line by one widget.

Textual's ``Footer`` is a container with a widget per key, and it rebuilds them all whenever the
screen's bindings change, which here is several times a turn (the keys follow the game's phase
and the reflection's steps). Each rebuild removed and mounted the keys and laid the screen out
twice more; it was two fifths of the CPU of a turn with a reflection (and every old key stayed
alive through a watcher entry: Textualize/textual#6666). This footer keeps a list of what it
shows and redraws its one line when that list changes: no widgets come or go, no layout.

It looks and behaves as Textual's compact footer does: the key, its description, the command
palette's key at the right end; a key that does nothing now is dim; pressing the mouse on a key
presses it; hovering shows its tooltip. When the line is too narrow, whole keys give way from
the end (the palette's key first), never half a key.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from rich.cells import cell_len
from textual import events
from textual.content import Content
from textual.widget import Widget

GAP = 1  # columns between two keys
PALETTE_EDGE = "▏"  # the line left of the palette's key (Textual's ``vkey`` border)


@dataclass(frozen=True)
class FooterEntry:
    """One key as the footer shows it."""

    key: str  # what pressing it on the footer presses
    key_display: str
    description: str
    enabled: bool = True
    tooltip: str = ""

    @property
    def width(self) -> int:
        return cell_len(self.label)

    @property
    def label(self) -> str:
        return f"{self.key_display} {self.description}" if self.description else self.key_display


@dataclass(frozen=True)
class Span:
    """Where an entry is drawn: columns ``start`` to ``end`` (exclusive)."""

    start: int
    end: int
    entry: FooterEntry


def lay_out(
    entries: Iterable[FooterEntry], palette: FooterEntry | None, width: int
) -> tuple[Span, ...]:
    """Place the keys left to right and the palette's key at the right end, within ``width``.

    If they do not all fit, the palette's key gives way first, then keys from the end: a key is
    shown whole or not at all.
    """
    entries = list(entries)
    if palette is not None:
        spans = _place(entries, palette, width)
        if spans is not None:
            return spans
    for count in range(len(entries), 0, -1):
        spans = _place(entries[:count], None, width)
        if spans is not None:
            return spans
    return ()


def _place(
    entries: list[FooterEntry], palette: FooterEntry | None, width: int
) -> tuple[Span, ...] | None:
    """The spans of ``entries`` (and ``palette``, at the right end), or None if they overflow."""
    spans: list[Span] = []
    x = 0
    for entry in entries:
        spans.append(Span(x, x + entry.width, entry))
        x += entry.width + GAP
    used = max(0, x - GAP)
    if palette is not None:
        start = width - palette.width
        if start - len(PALETTE_EDGE) < used + (GAP if entries else 0):
            return None
        spans.append(Span(start, width, palette))
    elif used > width:
        return None
    return tuple(spans)


class CompactFooter(Widget, can_focus=False):
    """The keys on offer as one line at the bottom of the screen."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES = {
        "footer-key--key",
        "footer-key--description",
        "footer-key--hover",
        "footer-key--edge",
    }
    DEFAULT_CSS = """
    CompactFooter {
        dock: bottom;
        height: 1;
        width: 1fr;
        color: $footer-foreground;
        background: $footer-background;
        .footer-key--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        .footer-key--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        .footer-key--hover {
            background: $block-hover-background;
        }
        .footer-key--edge {
            color: $foreground 20%;
        }
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.entries: tuple[FooterEntry, ...] = ()
        self.palette: FooterEntry | None = None
        self._hovered: FooterEntry | None = None

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self.show_keys()

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen) -> None:
        if self.is_attached and screen is self.screen:
            self.show_keys()

    # -- what it shows -------------------------------------------------------------------------

    def keys_on_offer(self) -> tuple[tuple[FooterEntry, ...], FooterEntry | None]:
        """The screen's active bindings shown in the footer (one per action), and the command
        palette's key."""
        app = self.app
        entries: dict[str, FooterEntry] = {}
        palette = None
        for _node, binding, enabled, tooltip in self.screen.active_bindings.values():
            entry = FooterEntry(
                binding.key,
                app.get_key_display(binding),
                binding.description,
                enabled,
                tooltip or binding.tooltip,
            )
            if binding.key == app.COMMAND_PALETTE_BINDING and app.ENABLE_COMMAND_PALETTE:
                palette = entry
            elif binding.show and binding.action not in entries:
                entries[binding.action] = entry
        return tuple(entries.values()), palette

    def show_keys(self) -> None:
        """Show the keys on offer now; redraw only if they changed."""
        entries, palette = self.keys_on_offer()
        if (entries, palette) != (self.entries, self.palette):
            self.entries, self.palette = entries, palette
            self.refresh()

    @property
    def spans(self) -> tuple[Span, ...]:
        """Where each key shown is drawn, at the footer's width now."""
        return lay_out(self.entries, self.palette, self.size.width)

    def entry_at(self, x: int) -> FooterEntry | None:
        """The key drawn at column ``x`` of the footer, if any."""
        return next((span.entry for span in self.spans if span.start <= x < span.end), None)

    # -- drawing -------------------------------------------------------------------------------

    def render(self) -> Content:
        key_style = self.get_visual_style("footer-key--key")
        description_style = self.get_visual_style("footer-key--description")
        hover_style = self.get_visual_style("footer-key--hover")
        parts: list[Content] = []
        x = 0
        for span in self.spans:
            entry = span.entry
            if entry is self.palette:
                edge = span.start - len(PALETTE_EDGE)
                parts.append(Content(" " * (edge - x)))
                parts.append(
                    Content.styled(PALETTE_EDGE, self.get_visual_style("footer-key--edge"))
                )
                x = edge + len(PALETTE_EDGE)
            elif span.start > x:
                parts.append(Content(" " * (span.start - x)))
            piece = Content.assemble((entry.key_display, key_style))
            if entry.description:
                piece = Content.assemble(piece, (f" {entry.description}", description_style))
            if not entry.enabled:
                piece = piece.stylize("dim")
            if entry is self._hovered:
                piece = piece.stylize(hover_style)
            parts.append(piece)
            x = span.end
        return Content.assemble(*parts)

    # -- the mouse -----------------------------------------------------------------------------

    def on_mouse_down(self, event: events.MouseDown) -> None:
        entry = self.entry_at(event.x)
        if entry is None:
            return
        if entry.enabled:
            self.app.simulate_key(entry.key)
        else:
            self.app.bell()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        self._hover(self.entry_at(event.x))

    def on_leave(self) -> None:
        self._hover(None)

    def _hover(self, entry: FooterEntry | None) -> None:
        if entry is not self._hovered:
            self._hovered = entry
            self.tooltip = entry.tooltip if entry is not None and entry.tooltip else None
            self.refresh()
