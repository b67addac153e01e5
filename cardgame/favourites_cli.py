"""``cardgame favourites`` and ``cardgame history``: the store's contents as plain text or JSON.

Everything printed came from deck files or player names, so it is treated as untrusted: control
characters (terminal escape sequences among them) are replaced, and nothing goes through markup.
"""

from __future__ import annotations

import dataclasses
import errno
import hashlib
import json
import os
import re
import tempfile
import time
import unicodedata
from collections.abc import Iterable
from contextlib import suppress
from pathlib import Path
from typing import TextIO

import yaml

from .decks.model import LEVEL_NAMES, Kind
from .store import Favourite, GameSummaryRow, Store

WIDTH = 100
ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9-]{0,63}")
MAX_ID = 64
MAX_TEXT = 500
EXPORT_DECK_ID = "favourites"
EXPORT_DECK_NAME = "Favourites"


# ---------------------------------------------------------------- plain, safe text


def plain(text: object) -> str:
    """``text`` on one line with every control or format character made harmless."""
    out: list[str] = []
    for char in str(text):
        if char in "\n\r\t\v\f":
            out.append(" ")
        elif unicodedata.category(char) in ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"):
            out.append("\N{REPLACEMENT CHARACTER}")
        else:
            out.append(char)
    return " ".join("".join(out).split())


def char_width(char: str) -> int:
    if unicodedata.combining(char):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def text_width(text: str) -> int:
    return sum(char_width(char) for char in text)


def cut(text: str, width: int) -> str:
    """``text`` cut with "…" to at most ``width`` terminal columns."""
    if text_width(text) <= width:
        return text
    used, kept = 0, []
    for char in text:
        size = char_width(char)
        if used + size > width - 1:
            break
        kept.append(char)
        used += size
    return "".join(kept).rstrip() + "…"


def pad(text: str, width: int) -> str:
    return text + " " * max(0, width - text_width(text))


def when(epoch: float | None) -> str:
    if epoch is None:
        return "-"
    return time.strftime("%Y-%m-%d %H:%M", time.localtime(epoch))


def level_label(level: int) -> str:
    name = LEVEL_NAMES.get(level)
    return f"{level} {name}" if name else str(level)


# ---------------------------------------------------------------- favourites


def run_favourites(
    store: Store, *, as_json: bool, export: Path | None, out: TextIO, err: TextIO
) -> int:
    """List the favourites (a table, or JSON), or export them as a deck file."""
    favourites = store.favourites()
    if export is not None:
        return _export(favourites, export, out, err)
    empty = "No favourites yet. Press the heart on a card during a game to keep it here."
    return _listing(favourites, as_json, out, empty, favourites_table)


def _listing(rows: list, as_json: bool, out: TextIO, empty: str, table) -> int:
    """Write ``rows`` as JSON, as a table, or say there are none. Always exit 0."""
    if as_json:
        json.dump([dataclasses.asdict(row) for row in rows], out, ensure_ascii=False, indent=2)
        out.write("\n")
    else:
        out.write(table(rows) if rows else empty + "\n")
    return 0


def favourites_table(favourites: Iterable[Favourite], width: int = WIDTH) -> str:
    """The favourites grouped under their deck names, one card a line, cut to ``width``."""
    lines: list[str] = []
    groups: dict[str, list[Favourite]] = {}
    for favourite in favourites:
        groups.setdefault(favourite.deck_name, []).append(favourite)
    for deck_name, group in groups.items():
        if lines:
            lines.append("")
        count = f"{len(group)} card" + ("" if len(group) == 1 else "s")
        lines.append(cut(f"{plain(deck_name)} ({count})", width))
        for favourite in group:
            front = f"  {pad(level_label(favourite.level), 10)} {pad(plain(favourite.kind), 9)} "
            lines.append(front + cut(plain(favourite.text), width - text_width(front)))
    return "\n".join(lines) + "\n"


def export_card_id(deck_id: str, card_id: str) -> str:
    """A deck-format card id for a favourite: ``deck-card``, shortened with a hash if need be."""
    raw = f"{deck_id}-{card_id}".lower()
    slug = "-".join(re.findall(r"[a-z0-9]+", raw)) or "card"
    if ID_PATTERN.fullmatch(slug) and len(slug) <= MAX_ID and slug == raw:
        return slug
    digest = _digest(deck_id, card_id)
    return f"{slug[: MAX_ID - len(digest) - 1].strip('-') or 'card'}-{digest}"


def _digest(deck_id: str, card_id: str) -> str:
    return hashlib.sha1(f"{deck_id}\0{card_id}".encode()).hexdigest()[:8]


def export_deck(favourites: list[Favourite]) -> dict:
    """The favourites as a deck-format v1 mapping (at least one favourite needed)."""
    cards = []
    used: set[str] = set()
    for favourite in favourites:
        card_id = export_card_id(favourite.deck_id, favourite.card_id)
        if card_id in used:  # e.g. ("a-b", "c") and ("a", "b-c")
            digest = _digest(favourite.deck_id, favourite.card_id)
            card_id = f"{card_id[: MAX_ID - len(digest) - 1].strip('-')}-{digest}"
        number = 2
        while card_id in used:  # pragma: no cover - needs a hash collision
            card_id = f"{card_id[: MAX_ID - 4]}-{number}"
            number += 1
        used.add(card_id)
        kind = favourite.kind if favourite.kind in tuple(Kind) else Kind.QUESTION.value
        card: dict = {
            "text": " ".join(favourite.text.split())[:MAX_TEXT].strip() or "(empty card)",
            "id": card_id,
            "level": favourite.level if favourite.level in (1, 2, 3) else 1,
            "kind": str(kind),
        }
        if kind == Kind.WILDCARD:
            card["wildcard"] = "everyone"
        cards.append(card)
    decks = sorted({plain(f.deck_name) for f in favourites})
    description = f"Cards marked with a heart in cardgame, from {', '.join(decks)}."
    if len(description) > MAX_TEXT:
        description = description[: MAX_TEXT - 1].rstrip() + "…"
    return {
        "id": EXPORT_DECK_ID,
        "name": EXPORT_DECK_NAME,
        "description": description,
        "cards": cards,
    }


def _export(favourites: list[Favourite], target: Path, out: TextIO, err: TextIO) -> int:
    if not favourites:
        out.write("No favourites yet, so there is nothing to export.\n")
        return 0
    deck = export_deck(favourites)
    header = f"# Favourites exported from cardgame on {when(time.time())}.\n"
    text = header + yaml.safe_dump(deck, allow_unicode=True, sort_keys=False, width=WIDTH)
    try:
        _write_atomically(Path(target), text)
    except OSError as error:
        reason = error.strerror or str(error)
        err.write(f"cardgame: can't write the favourites deck to {target}: {reason}\n")
        return 1
    count = len(deck["cards"])
    out.write(f"Exported {count} favourite{'' if count == 1 else 's'} to {target}\n")
    return 0


def _write_atomically(target: Path, text: str) -> None:
    """Write via a temporary file in the same folder, so a failure never leaves half a deck."""
    if target.is_dir():
        raise IsADirectoryError(errno.EISDIR, "is a folder", str(target))
    folder = target.parent
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, target)
    except BaseException:
        with suppress(OSError):
            os.unlink(temporary)
        raise


# ---------------------------------------------------------------- history


def run_history(store: Store, *, as_json: bool, out: TextIO) -> int:
    """Past games, newest first: date, players, cards answered and passed, reflections."""
    return _listing(store.games(), as_json, out, "No games played yet.", history_table)


def history_table(games: Iterable[GameSummaryRow], width: int = WIDTH) -> str:
    header = f"{pad('Date', 16)}  {'Answered':>8}  {'Passed':>6}  {'Reflections':>11}  Players"
    lines = [header]
    for game in games:
        front = (
            f"{pad(when(game.started_at), 16)}  {game.cards_answered:>8}  "
            f"{game.cards_passed:>6}  {game.reflections:>11}  "
        )
        players = ", ".join(plain(player) for player in game.players) or "-"
        if game.ended_at is None:
            players += " (unfinished)"
        lines.append(front + cut(players, width - text_width(front)))
    return "\n".join(lines) + "\n"
