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
"""

from __future__ import annotations

from textual._styles_cache import StylesCache
from textual.widgets import Footer


class CompactFooter(Footer):
    """``Footer(compact=True)`` whose old keys can be garbage collected."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(compact=True, id=id)

    async def recompose(self) -> None:
        await super().recompose()
        self.forget_removed_keys()
        StylesCache.get_inner_outer.cache_clear()

    def forget_removed_keys(self) -> None:
        """Drop watcher entries whose widget has been removed (they keep it alive)."""
        watchers: dict[str, list] = getattr(self, "__watchers", {})
        for entries in watchers.values():
            entries[:] = [(node, callback) for node, callback in entries if not node._closing]
