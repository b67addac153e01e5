"""The table's players in seating order: remove, move, and mark who is a child.

The list owns the table (names in order and the set of children) so the screen only asks it; a
child is dealt only cards written for children (``GameSettings.children``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

CHILD_MARK = "child"


class PlayerList(OptionList):
    BINDINGS = [
        Binding("c", "toggle_child", "Child", id="players.child", tooltip="Mark a child or not"),
        Binding("delete,backspace", "remove", "Remove", id="players.remove", tooltip="Remove"),
        Binding("ctrl+up", "move(-1)", "Move up", id="players.up", tooltip="Seat them earlier"),
        Binding("ctrl+down", "move(1)", "Move down", id="players.down", tooltip="Seat them later"),
    ]

    @dataclass
    class Changed(Message):
        """The players, their order or who is a child changed."""

        player_list: PlayerList

        @property
        def control(self) -> PlayerList:
            return self.player_list

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, compact=True)
        self.players: list[str] = []
        self.child_names: set[str] = set()

    def set_table(self, players: Iterable[str], children: Iterable[str] = ()) -> None:
        self.players = list(players)
        self.child_names = {name for name in children if name in self.players}
        self._show(0 if self.players else None)

    def add(self, name: str) -> None:
        self.players.append(name)
        self._show(len(self.players) - 1)

    def has(self, name: str) -> bool:
        return name.casefold() in (player.casefold() for player in self.players)

    def _show(self, highlight: int | None) -> None:
        self.clear_options()
        self.add_options(
            Option(self._label(index, name)) for index, name in enumerate(self.players)
        )
        if highlight is not None and self.players:
            self.highlighted = max(0, min(highlight, len(self.players) - 1))
        self.post_message(self.Changed(self))

    def _label(self, index: int, name: str) -> Content:
        if name in self.child_names:
            return Content.assemble(f"{index + 1}. {name} ", (f"({CHILD_MARK})", "italic"))
        return Content(f"{index + 1}. {name}")

    def action_remove(self) -> None:
        index = self.highlighted
        if index is None or not self.players:
            return
        self.child_names.discard(self.players.pop(index))
        self._show(index)

    def action_move(self, step: int) -> None:
        index = self.highlighted
        target = (index or 0) + step
        if index is None or not 0 <= target < len(self.players):
            return
        self.players[index], self.players[target] = self.players[target], self.players[index]
        self._show(target)

    def action_toggle_child(self) -> None:
        index = self.highlighted
        if index is None or not self.players:
            return
        name = self.players[index]
        self.child_names ^= {name}
        self._show(index)
