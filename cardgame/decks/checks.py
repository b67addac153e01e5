"""The validator's bookkeeping: collect one file's problems and check single values.

Messages are written for someone who has never heard of YAML types ("not the number 5", "put the
text in quotes"), and every value quoted in a message is made safe for a terminal first.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path
from typing import Any

from ..text import terminal_safe
from .model import AUDIENCES, KIDS, MAX_PROBLEMS, TOO_MANY_PROBLEMS, Problem
from .yamlsafe import LocatedDict, LocatedList, Mark, _cut

MAX_TEXT = 500
FAMILY = "family"
_WORD = re.compile(r"[A-Za-z]+")


class Checker:
    """Collects problems for one file; ``source`` (the file's text) lets messages quote it."""

    def __init__(self, path: Path, source: str | None = None) -> None:
        self.path = path
        self.source_lines = source.splitlines() if source is not None else None
        self.problems: list[Problem] = []
        self.count = 0  # every problem found, including those past MAX_PROBLEMS

    @property
    def full(self) -> bool:
        return self.count >= MAX_PROBLEMS

    def report(self, mark: Mark | None, message: str) -> None:
        self.count += 1
        if self.count > MAX_PROBLEMS + 1:
            return
        if self.count > MAX_PROBLEMS:
            message = TOO_MANY_PROBLEMS
        line, column = (mark.line, mark.column) if mark else (0, 0)
        message = terminal_safe(message, one_line=True)  # values are quoted safely; and anyway
        self.problems.append(Problem(str(self.path), line, column, message))

    def written(self, mark: Mark) -> str | None:
        """The word written at ``mark`` in the file, e.g. ``yes`` for a value YAML read as true."""
        if self.source_lines is None or not 0 < mark.line <= len(self.source_lines):
            return None
        found = _WORD.match(self.source_lines[mark.line - 1], mark.column - 1)
        return found.group() if found else None

    def describe(self, value: Any, mark: Mark | None = None) -> str:
        """A value as a newcomer reads it: ``the number 5``; a bare ``yes`` as written."""
        if isinstance(value, bool):
            word = (self.written(mark) if mark else None) or str(value).lower()
            return f"{word} (a bare {word} is true or false to YAML; put the text in quotes)"
        return describe(value)

    def keys(self, data: LocatedDict, allowed: tuple[str, ...], what: str) -> None:
        for key in data:
            if key in allowed:
                continue
            mark = data.key_marks.get(key, data.start)
            if not isinstance(key, str):
                self.report(mark, f"{what} keys must be text, not {describe(key)}")
                continue
            if self.full:
                self.report(mark, "unknown key")
                continue
            close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
            hint = (
                f", did you mean '{close[0]}'?" if close else f" (known keys: {', '.join(allowed)})"
            )
            self.report(mark, f"unknown key '{_cut(key)}'{hint}")

    def text(
        self, data: LocatedDict, key: str, *, required: bool = False, limit: int = MAX_TEXT
    ) -> str | None:
        if key not in data or data[key] is None:
            if required:
                self.report(data.start, f"missing required key '{key}'")
            return None
        return self.text_value(data[key], data.value_marks[key], key, limit)

    def text_value(self, value: Any, mark: Mark, what: str, limit: int = MAX_TEXT) -> str | None:
        if not isinstance(value, str):
            hint = "; put it in quotes if it is text" if isinstance(value, (int, float)) else ""
            if isinstance(value, bool):
                hint = ""
            self.report(mark, f"'{what}' must be text, not {self.describe(value, mark)}{hint}")
            return None
        stripped = value.strip()
        if not stripped:
            self.report(mark, f"'{what}' must not be empty")
            return None
        if len(stripped) > limit:
            self.report(mark, f"'{what}' is {len(stripped)} characters; the most is {limit}")
            return None
        return stripped

    def choice(self, data: LocatedDict, key: str, options: tuple[str, ...]) -> str | None:
        if key not in data:
            return None
        value = data[key]
        if isinstance(value, str) and value in options:
            return value
        mark = data.value_marks[key]
        self.report(
            mark, f"'{key}' must be one of {', '.join(options)}, not {self.describe(value, mark)}"
        )
        return None

    def whole_number(self, data: LocatedDict, key: str, low: int, high: int, default: int) -> int:
        """An integer in ``low..high`` (``2.0`` counts as 2); ``default`` when absent or wrong."""
        if key not in data:
            return default
        value, mark = data[key], data.value_marks[key]
        number = value if isinstance(value, (int, float)) and not isinstance(value, bool) else None
        if number is not None and number == int(number) and low <= number <= high:
            return int(number)
        allowed = (
            f"{low}, {low + 1} or {high}"
            if high - low == 2
            else f"a whole number from {low} to {high}"
        )
        self.report(mark, f"'{key}' must be {allowed}, not {self.describe(value, mark)}")
        return default

    def audience(self, data: LocatedDict, within: tuple[str, ...]) -> tuple[str, ...] | None:
        """The audience at ``data['audience']``, within ``within``; ``kids`` brings ``family``."""
        if "audience" not in data:
            return None
        value, mark = data["audience"], data.value_marks["audience"]
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list) or not items:
            self.report(mark, "'audience' must be a list such as [couples, friends, family]")
            return None
        chosen: set[str] = set()
        for index, item in enumerate(items):
            item_mark = items.item_marks[index] if isinstance(items, LocatedList) else mark
            if item not in AUDIENCES:
                known = ", ".join(AUDIENCES)
                self.report(
                    item_mark, f"unknown audience {self.describe(item, item_mark)}; use {known}"
                )
            elif item == KIDS and FAMILY not in within and KIDS not in within:
                self.report(item_mark, "audience 'kids' needs 'family' in the deck's audience")
            elif item not in within and item != KIDS:
                self.report(item_mark, f"audience '{item}' is not in the deck's audience")
            else:
                chosen.add(item)
        if KIDS in chosen:
            chosen.add(FAMILY)  # a card a child can answer suits any family table
        return tuple(a for a in AUDIENCES if a in chosen) if chosen else None

    def text_list(self, data: LocatedDict, key: str, *, limit: int = MAX_TEXT) -> tuple[str, ...]:
        if key not in data:
            self.report(data.start, f"missing required key '{key}'")
            return ()
        value = data[key]
        if not isinstance(value, LocatedList) or not value:
            self.report(data.value_marks[key], f"'{key}' must be a list of one or more lines")
            return ()
        found = (
            self.text_value(item, value.item_marks[index], key, limit)
            for index, item in enumerate(value)
        )
        return tuple(text for text in found if text)


def describe(value: Any) -> str:
    """A value in a message, safe to print: ``a list``, ``the number 5``, ``'bluish'``."""
    if isinstance(value, (LocatedDict, dict)):
        return "a mapping"
    if isinstance(value, (LocatedList, list)):
        return "a list"
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"{str(value).lower()} (a yes/no value)"
    if isinstance(value, (int, float)):
        return f"the number {_cut(value)}"
    if isinstance(value, str):
        return _cut(repr(value))
    return terminal_safe(_cut(f"{type(value).__name__} {value}"), one_line=True)
