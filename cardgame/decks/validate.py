"""Check located YAML data against deck format v1.1 and build decks and table prompts from it.

Every problem in a file is collected, not just the first, each with its line and column.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from pathlib import Path
from typing import Any

from .checks import MAX_PROBLEMS, MAX_TEXT, Checker, describe
from .colors import is_color
from .model import (
    AUDIENCES,
    ID_PATTERN,
    MAX_PLAYERS,
    MIN_PLAYERS,
    RESERVED_DECK_ID,
    TABLE_AUDIENCES,
    Card,
    Deck,
    DeckOrder,
    Kind,
    Problem,
    ReflectionPrompts,
    TablePrompts,
    Wildcard,
)
from .yamlsafe import LocatedDict, LocatedList, Mark, _cut

__all__ = ["MAX_PROBLEMS", "MAX_TEXT", "build_deck", "build_prompts", "card_id_for"]

DECK_KEYS = ("id", "name", "description", "strategy", "audience", "color", "order", "cards")
CARD_KEYS = ("text", "id", "level", "kind", "audience", "min_players", "follow_up", "wildcard")
REFLECTION_KEYS = ("mirror", "validate", "empathise", "check", "clarify", "heard", "move_on")
PROMPTS_KEYS = ("table_prompts", "reflection", "kids", "closing")
ORDERS: tuple[str, ...] = tuple(DeckOrder)
PROMPTS_MARKER = "table_prompts"
KINDS: tuple[str, ...] = tuple(Kind)
WILDCARDS: tuple[str, ...] = tuple(Wildcard)
_WORDS = re.compile(r"[a-z0-9]+")


def card_id_for(text: str) -> str:
    """A stable id from a card's text: a readable slug plus a short hash of the whole text."""
    normal = unicodedata.normalize("NFKC", " ".join(text.split())).casefold()
    slug = "-".join(_WORDS.findall(normal)[:6])[:40].strip("-") or "card"
    digest = hashlib.sha1(normal.encode("utf-8")).hexdigest()[:6]
    return f"{slug}-{digest}"


def is_prompts_file(data: Any) -> bool:
    return isinstance(data, dict) and PROMPTS_MARKER in data


def build_deck(
    data: Any, path: Path, source: str | None = None
) -> tuple[Deck | None, list[Problem]]:
    """Turn a file's located data into a deck, or say every reason it cannot be one.

    ``source``, the file's text, lets messages quote what was written (``yes``, not ``True``).
    """
    check = Checker(path, source)
    if not isinstance(data, LocatedDict):
        check.report(
            getattr(data, "start", Mark(1, 1)),
            f"a deck file holds a mapping with 'name' and 'cards', not {describe(data)}",
        )
        return None, check.problems
    check.keys(data, DECK_KEYS, "deck")
    deck_id = _given_id(check, data, "deck") or path.stem
    if "id" not in data and not ID_PATTERN.fullmatch(deck_id):
        check.report(
            data.start,
            f"the file name '{_cut(deck_id)}' is not a valid deck id; add an 'id:' key",
        )
    if deck_id == RESERVED_DECK_ID:
        check.report(
            data.value_marks.get("id", data.start),
            f"deck id '{RESERVED_DECK_ID}' is the game's own Favourites entry; "
            "give this deck another id, such as my-favourites",
        )
    name = check.text(data, "name", required=True, limit=80)
    description = check.text(data, "description") or ""
    strategy = check.text(data, "strategy", limit=120) or ""
    audience = check.audience(data, AUDIENCES) or TABLE_AUDIENCES
    color = check.text(data, "color", limit=40)
    if color is not None and not is_color(color):
        check.report(data.value_marks["color"], f"'{_cut(color)}' is not a colour")
        color = None
    order = check.choice(data, "order", ORDERS) or DeckOrder.SHUFFLED
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
        order=DeckOrder(order),
    )
    return deck, []


def _given_id(check: Checker, data: LocatedDict, what: str) -> str | None:
    """The ``id`` a deck or card (``what``) gives itself; None if it gives none or a bad one
    (which is reported)."""
    if "id" not in data:
        return None
    given, mark = data["id"], data.value_marks["id"]
    if isinstance(given, str) and ID_PATTERN.fullmatch(given):
        return given
    check.report(mark, f"{what} id {check.describe(given, mark)} must match {ID_PATTERN.pattern}")
    return None


def _build_cards(
    check: Checker, data: LocatedDict, deck_id: str, audience: tuple[str, ...]
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
        if check.count > MAX_PROBLEMS:
            break  # the file is rejected and its problems are capped: stop spending time on it
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
    check: Checker, item: Any, mark: Mark, deck_id: str, audience: tuple[str, ...]
) -> Card | None:
    if isinstance(item, str):
        text = check.text_value(item, mark, "text")
        return (
            Card(deck_id, card_id_for(text), text, audience=frozenset(audience)) if text else None
        )
    if not isinstance(item, LocatedDict):
        said = check.describe(item, mark)
        check.report(mark, f"a card is text or a mapping with 'text', not {said}")
        return None
    before = check.count
    check.keys(item, CARD_KEYS, "card")
    text = check.text(item, "text", required=True)
    card_id = _given_id(check, item, "card")
    level = check.whole_number(item, "level", 1, 3, 1)
    min_players = check.whole_number(item, "min_players", MIN_PLAYERS, MAX_PLAYERS, MIN_PLAYERS)
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
        level=level,
        kind=Kind(kind),
        audience=frozenset(card_audience),
        follow_up=follow_up,
        wildcard=Wildcard(wildcard) if wildcard else None,
        min_players=min_players,
    )


def build_prompts(
    data: Any, path: Path, source: str | None = None
) -> tuple[TablePrompts | None, list[Problem]]:
    """Turn a table-prompts file (reflection wording and closing cards) into its values."""
    check = Checker(path, source)
    if not isinstance(data, LocatedDict):
        check.report(Mark(1, 1), "a table-prompts file holds a mapping")
        return None, check.problems
    check.keys(data, PROMPTS_KEYS, "table prompts")
    if data.get(PROMPTS_MARKER) != 1:
        check.report(
            data.value_marks.get(PROMPTS_MARKER), "'table_prompts' must be 1 (the version)"
        )
    reflection = _reflection(check, data, "reflection")
    kids = _reflection(check, data, "kids") if "kids" in data else None
    closing = check.text_list(data, "closing", limit=200)
    if check.problems or reflection is None:
        return None, check.problems
    return TablePrompts(reflection, closing, path, kids=kids), []


def _reflection(check: Checker, data: LocatedDict, key: str) -> ReflectionPrompts | None:
    """The reflection wording under ``key``: ``reflection``, or ``kids`` for a child's round."""
    found = data.get(key)
    if not isinstance(found, LocatedDict):
        check.report(
            data.value_marks.get(key, data.start),
            f"'{key}' must be a mapping of mirror, validate, empathise, check, clarify, "
            "heard and move_on lists",
        )
        return None
    check.keys(found, REFLECTION_KEYS, key)
    lists = {name: check.text_list(found, name, limit=200) for name in REFLECTION_KEYS}
    return ReflectionPrompts(**lists)
