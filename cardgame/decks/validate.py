"""Check located YAML data against deck format v1 and build decks and table prompts from it.

Every problem in a file is collected, not just the first, each with its line and column.
"""

from __future__ import annotations

import difflib
import hashlib
import re
import unicodedata
from pathlib import Path
from typing import Any

from .colors import is_color
from .model import (
    AUDIENCES,
    Card,
    Deck,
    Kind,
    Problem,
    ReflectionPrompts,
    TablePrompts,
    Wildcard,
)
from .yamlsafe import LocatedDict, LocatedList, Mark, _cut

ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9-]{0,63}")
MAX_TEXT = 500
MAX_PROBLEMS = 200  # per file: a hostile file cannot flood the output or take long
DECK_KEYS = ("id", "name", "description", "strategy", "audience", "color", "cards")
CARD_KEYS = ("text", "id", "level", "kind", "audience", "follow_up", "wildcard")
REFLECTION_KEYS = ("mirror", "validate", "empathise", "check", "clarify", "heard", "move_on")
PROMPTS_KEYS = ("table_prompts", "reflection", "closing")
PROMPTS_MARKER = "table_prompts"
KINDS: tuple[str, ...] = tuple(Kind)
WILDCARDS: tuple[str, ...] = tuple(Wildcard)
_WORDS = re.compile(r"[a-z0-9]+")


class _Checker:
    """Collects problems for one file."""

    def __init__(self, path: Path) -> None:
        self.path = path
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
            message = f"more than {MAX_PROBLEMS} problems; the rest are not shown"
        line, column = (mark.line, mark.column) if mark else (0, 0)
        self.problems.append(Problem(str(self.path), line, column, message))

    def keys(self, data: LocatedDict, allowed: tuple[str, ...], what: str) -> None:
        for key in data:
            if key in allowed:
                continue
            mark = data.key_marks.get(key, data.start)
            if not isinstance(key, str):
                self.report(mark, f"{what} keys must be text, not {_cut(repr(key))}")
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
        if not isinstance(value, str) or isinstance(value, bool):
            self.report(mark, f"'{what}' must be text, not {_describe(value)}")
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
        self.report(
            data.value_marks[key],
            f"'{key}' must be one of {', '.join(options)}, not {_describe(value)}",
        )
        return None

    def audience(self, data: LocatedDict, within: tuple[str, ...]) -> tuple[str, ...] | None:
        if "audience" not in data:
            return None
        value, mark = data["audience"], data.value_marks["audience"]
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list) or not items:
            self.report(mark, "'audience' must be a list such as [couples, friends, family]")
            return None
        chosen: list[str] = []
        for index, item in enumerate(items):
            item_mark = items.item_marks[index] if isinstance(items, LocatedList) else mark
            if item not in AUDIENCES:
                self.report(
                    item_mark,
                    f"unknown audience {_describe(item)}; use {', '.join(AUDIENCES)}",
                )
            elif item not in within:
                self.report(item_mark, f"audience '{item}' is not in the deck's audience")
            elif item not in chosen:
                chosen.append(item)
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


def _describe(value: Any) -> str:
    if isinstance(value, (LocatedDict, dict)):
        return "a mapping"
    if isinstance(value, (LocatedList, list)):
        return "a list"
    if value is None:
        return "nothing"
    return _cut(repr(value)) if isinstance(value, str) else f"{type(value).__name__} {_cut(value)}"


def card_id_for(text: str) -> str:
    """A stable id from a card's text: a readable slug plus a short hash of the whole text."""
    normal = unicodedata.normalize("NFKC", " ".join(text.split())).casefold()
    slug = "-".join(_WORDS.findall(normal)[:6])[:40].strip("-") or "card"
    digest = hashlib.sha1(normal.encode("utf-8")).hexdigest()[:6]
    return f"{slug}-{digest}"


def is_prompts_file(data: Any) -> bool:
    return isinstance(data, dict) and PROMPTS_MARKER in data


def build_deck(data: Any, path: Path) -> tuple[Deck | None, list[Problem]]:
    """Turn a file's located data into a deck, or say every reason it cannot be one."""
    check = _Checker(path)
    if not isinstance(data, LocatedDict):
        check.report(
            getattr(data, "start", Mark(1, 1)),
            f"a deck file holds a mapping with 'name' and 'cards', not {_describe(data)}",
        )
        return None, check.problems
    check.keys(data, DECK_KEYS, "deck")
    deck_id = path.stem
    if "id" in data:
        given = data["id"]
        if isinstance(given, str) and ID_PATTERN.fullmatch(given):
            deck_id = given
        else:
            check.report(
                data.value_marks["id"],
                f"deck id {_describe(given)} must match {ID_PATTERN.pattern}",
            )
    elif not ID_PATTERN.fullmatch(deck_id):
        check.report(
            data.start,
            f"the file name '{_cut(deck_id)}' is not a valid deck id; add an 'id:' key",
        )
    name = check.text(data, "name", required=True, limit=80)
    description = check.text(data, "description") or ""
    strategy = check.text(data, "strategy", limit=120) or ""
    audience = check.audience(data, AUDIENCES) or AUDIENCES
    color = check.text(data, "color", limit=40)
    if color is not None and not is_color(color):
        check.report(data.value_marks["color"], f"'{_cut(color)}' is not a colour")
        color = None
    cards = _build_cards(check, data, deck_id, audience)
    if check.problems or name is None:
        return None, check.problems
    deck = Deck(
        id=deck_id,
        name=name,
        cards=tuple(cards),
        description=description,
        strategy=strategy,
        audience=audience,
        color=color,
        source=path,
    )
    return deck, []


def _build_cards(
    check: _Checker, data: LocatedDict, deck_id: str, audience: tuple[str, ...]
) -> list[Card]:
    if "cards" not in data:
        check.report(data.start, "missing required key 'cards'")
        return []
    items = data["cards"]
    if not isinstance(items, LocatedList) or not items:
        check.report(data.value_marks["cards"], "'cards' must be a list of at least one card")
        return []
    cards: list[Card] = []
    seen: dict[str, Mark] = {}
    for index, item in enumerate(items):
        mark = items.item_marks[index]
        card = _build_card(check, item, mark, deck_id, audience)
        if card is None:
            continue
        if card.id in seen:
            first = seen[card.id]
            check.report(mark, f"card id '{card.id}' is used twice (first at line {first.line})")
            continue
        seen[card.id] = mark
        cards.append(card)
    return cards


def _build_card(
    check: _Checker, item: Any, mark: Mark, deck_id: str, audience: tuple[str, ...]
) -> Card | None:
    if isinstance(item, str):
        text = check.text_value(item, mark, "text")
        return (
            Card(deck_id, card_id_for(text), text, audience=frozenset(audience)) if text else None
        )
    if not isinstance(item, LocatedDict):
        check.report(mark, f"a card is text or a mapping with 'text', not {_describe(item)}")
        return None
    before = check.count
    check.keys(item, CARD_KEYS, "card")
    text = check.text(item, "text", required=True)
    card_id = None
    if "id" in item:
        given = item["id"]
        if isinstance(given, str) and ID_PATTERN.fullmatch(given):
            card_id = given
        else:
            check.report(
                item.value_marks["id"],
                f"card id {_describe(given)} must match {ID_PATTERN.pattern}",
            )
    level = item.get("level", 1)
    if level not in (1, 2, 3) or isinstance(level, bool):
        check.report(
            item.value_marks["level"], f"'level' must be 1, 2 or 3, not {_describe(level)}"
        )
    kind = check.choice(item, "kind", KINDS) or Kind.QUESTION
    wildcard = check.choice(item, "wildcard", WILDCARDS)
    if kind == Kind.WILDCARD and "wildcard" not in item:
        wildcard = Wildcard.EVERYONE
    if kind != Kind.WILDCARD and "wildcard" in item:
        check.report(item.key_marks["wildcard"], "'wildcard' only goes with kind: wildcard")
    card_audience = check.audience(item, audience) or audience
    follow_up = check.text(item, "follow_up")
    if text is None or check.count > before:
        return None
    return Card(
        deck_id=deck_id,
        id=card_id or card_id_for(text),
        text=text,
        level=int(level),  # 2.0 is a valid level; keep it an int
        kind=Kind(kind),
        audience=frozenset(card_audience),
        follow_up=follow_up,
        wildcard=Wildcard(wildcard) if wildcard else None,
    )


def build_prompts(data: Any, path: Path) -> tuple[TablePrompts | None, list[Problem]]:
    """Turn a table-prompts file (reflection wording and closing cards) into its values."""
    check = _Checker(path)
    if not isinstance(data, LocatedDict):
        check.report(Mark(1, 1), "a table-prompts file holds a mapping")
        return None, check.problems
    check.keys(data, PROMPTS_KEYS, "table prompts")
    if data.get(PROMPTS_MARKER) != 1:
        check.report(
            data.value_marks.get(PROMPTS_MARKER), "'table_prompts' must be 1 (the version)"
        )
    reflection = data.get("reflection")
    lists: dict[str, tuple[str, ...]] = {}
    if not isinstance(reflection, LocatedDict):
        check.report(
            data.value_marks.get("reflection", data.start),
            "'reflection' must be a mapping of mirror, validate, empathise, check, clarify, "
            "heard and move_on lists",
        )
    else:
        check.keys(reflection, REFLECTION_KEYS, "reflection")
        lists = {key: check.text_list(reflection, key, limit=200) for key in REFLECTION_KEYS}
    closing = check.text_list(data, "closing", limit=200)
    if check.problems:
        return None, check.problems
    return TablePrompts(ReflectionPrompts(**lists), closing, path), []
