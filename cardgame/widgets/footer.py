"""The footer every screen shows: Textual's compact footer, without its slow leak.

Textual's ``Footer`` rebuilds its keys whenever the screen's bindings change (here: every
turn, as the keys on offer follow the game's phase). Each key it builds is data-bound to the
footer's ``compact`` reactive, and the watcher entry stays on the footer until ``compact``
changes, which it never does, so every key ever shown stayed alive: about 150 KiB a card over
a long game (issue 9, item 12; upstream: Textualize/textual#6666). After each rebuild this
footer drops the entries of keys that have left the screen, as Textual itself does when the
reactive changes.

A second holder: Textual memoises each widget's inner and outer colours in a process-wide
``lru_cache`` keyed by the widget's styles cache, so up to 1,024 removed keys (and the lines
they drew) stay reachable from it. The rebuild clears that memo too; it refills in a frame.

It also rebuilds only when what it shows has changed: the bindings are refreshed after every
move, and most moves leave the keys on offer as they were.
"""

from __future__ import annotations

from textual._styles_cache import StylesCache
from textual.app import ComposeResult
from textual.widgets import Footer


class CompactFooter(Footer):
    """``Footer(compact=True)`` that rebuilds only for new keys, and lets old keys go."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(compact=True, id=id)
        self._shown: tuple | None = None  # what the keys were last built from

    def keys_on_offer(self) -> tuple:
        """Everything ``compose`` builds the keys from: the screen's active bindings."""
        return tuple(
            (binding.key, binding.action, binding.description, binding.show, enabled, tooltip)
            for _node, binding, enabled, tooltip in self.screen.active_bindings.values()
        )

    def compose(self) -> ComposeResult:
        if self._bindings_ready:
            self._shown = self.keys_on_offer()
        yield from super().compose()

    async def recompose(self) -> None:
        if self.is_attached and self.children and self.keys_on_offer() == self._shown:
            return  # the same keys: nothing to build, nothing to repaint
        await super().recompose()
        self.forget_removed_keys()
        StylesCache.get_inner_outer.cache_clear()

    def forget_removed_keys(self) -> None:
        """Drop watcher entries whose widget has been removed (they keep it alive)."""
        watchers: dict[str, list] = getattr(self, "__watchers", {})
        for entries in watchers.values():
            entries[:] = [(node, callback) for node, callback in entries if not node._closing]
