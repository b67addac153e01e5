"""A small table of fixed columns: a bold header line, then one line per row.

The summary shows one row per player (twelve at most). Textual's ``DataTable`` (cursor, sorting,
scrolling, a cache per cell) cost a third of a megabyte to import for it, at the end of every
first game. Cells are untrusted (player names): drawn as ``Content``, never parsed as markup,
and cut to their column with an ellipsis.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from textual.content import Content
from textual.widgets import Static


class Column(NamedTuple):
    header: str
    width: int  # cells, not counting the one space before each column
    left: bool = False  # left-aligned (text); numbers are right-aligned


class StatsTable(Static):
    DEFAULT_CSS = """
    StatsTable {
        width: auto;
        height: auto;
    }
    """

    def __init__(self, columns: Sequence[Column], *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self.columns = tuple(columns)
        self.rows: list[tuple[str, ...]] = []

    @property
    def header(self) -> str:
        return self.line([column.header for column in self.columns]).plain

    def set_rows(self, rows: Sequence[Sequence[str]]) -> None:
        self.rows = [tuple(row) for row in rows]
        header = Content(self.header).stylize("bold")
        self.update(Content("\n").join([header, *map(self.line, self.rows)]))

    def line(self, cells: Sequence[str]) -> Content:
        return Content("").join(
            cell_content(cell, column) for cell, column in zip(cells, self.columns, strict=True)
        )


def cell_content(text: str, column: Column) -> Content:
    """One cell: a space, then ``text`` on one line, cut or padded to the column's width."""
    cell = Content(" ".join(text.split())).truncate(column.width, ellipsis=True)
    padding = " " * (column.width - cell.cell_length)
    return Content.assemble(" ", cell, padding) if column.left else Content(" " + padding) + cell
