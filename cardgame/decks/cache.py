"""The parsed-deck cache: an unchanged library is read without YAML or the validator.

One file in ``paths.cache_dir()`` maps each deck file's path to the stamp it had when it was read
(mtime_ns and size) and what it held: a deck, table prompts, or the problems that kept it out. A
JSON header line carries the key of the whole file (the deck format, this cache's layout and the
code that validates decks, so a new version never trusts an old cache) and a digest of the JSON
body, so damage of any kind is noticed. Nothing in it is trusted blindly: every entry is checked
field by field on the way in (types, ranges, ids, and no control character) and one bad entry
throws the whole cache away, to be rebuilt from the files. It is JSON, never pickle, and any
error reading or writing it only costs a slower load.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import re
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .. import paths
from ..text import has_unsafe
from .discovery import Stamp, read_bytes
from .model import (
    AUDIENCES,
    FORMAT_VERSION,
    ID_PATTERN,
    MAX_PLAYERS,
    MIN_PLAYERS,
    Card,
    Deck,
    DeckError,
    DeckOrder,
    Kind,
    Problem,
    ReflectionPrompts,
    TablePrompts,
    Wildcard,
)

CACHE_FILE = "decks.json"
LAYOUT = 1  # bump when the layout below changes
MAX_CACHE_BYTES = 256 * 1024 * 1024
_PACKAGE = Path(__file__).resolve().parent
Loaded = Deck | TablePrompts | DeckError


class BadCache(Exception):
    """The cache is not what this code writes: ignore it and rebuild."""


def cache_path() -> Path:
    return paths.cache_dir() / CACHE_FILE


def code_stamp() -> list[Any]:
    """What makes a cached result valid: the format, this layout and the validator's source."""
    stamp: list[Any] = [FORMAT_VERSION, LAYOUT]
    for source in sorted(_PACKAGE.glob("*.py")):
        info = source.stat()
        stamp.append([source.name, info.st_size, info.st_mtime_ns])
    return stamp


# -- reading -------------------------------------------------------------------------------------


def read_cache() -> dict[str, tuple[int, int, Loaded]]:
    """The cache's entries by path, checked; empty when it is missing, stale or not trusted."""
    try:
        data = _read(cache_path())
        if data is None:
            return {}
        head, _, body = data.partition(b"\n")
        header = json.loads(head)
        if not isinstance(header, dict) or header.get("code") != code_stamp():
            return {}
        _expect(header.get("digest") == _digest(body))  # damage of any kind: rebuild
        files = json.loads(body)
        _expect(isinstance(files, dict))
        return {path: _entry(path, value) for path, value in files.items()}
    except (OSError, ValueError, KeyError, TypeError, IndexError, BadCache, RecursionError):
        return {}


def _digest(body: bytes) -> str:
    return hashlib.blake2b(body, digest_size=16).hexdigest()


def _read(path: Path) -> bytes | None:
    """The cache file's bytes: only a regular file, opened without blocking, of a sane size."""
    handle = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    with os.fdopen(handle, "rb") as cache:
        info = os.fstat(cache.fileno())
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_CACHE_BYTES:
            return None
        data = cache.read(info.st_size + 1)  # never a buffer bigger than the file
    return data if len(data) == info.st_size else None


def _expect(condition: bool) -> None:
    if not condition:
        raise BadCache


def _text(value: Any, *, empty: bool = False) -> str:
    _expect(type(value) is str and (empty or value != "") and not has_unsafe(value))
    return value


def _optional_text(value: Any) -> str | None:
    return None if value is None else _text(value)


def _int(value: Any, low: int, high: int) -> int:
    _expect(type(value) is int and low <= value <= high)
    return value


def _texts(value: Any) -> tuple[str, ...]:
    _expect(type(value) is list and len(value) > 0)
    return tuple(_text(item) for item in value)


def _audience(value: Any, cache: dict[tuple[str, ...], frozenset[str]]) -> frozenset[str]:
    key = tuple(value)  # a TypeError for anything but a sequence of hashables
    found = cache.get(key)
    if found is None:
        _expect(type(value) is list and len(value) > 0)
        _expect(all(type(item) is str and item in AUDIENCES for item in key))
        found = cache[key] = frozenset(key)
    return found


def _entry(path: Any, value: Any) -> tuple[int, int, Loaded]:
    _text(path)
    _expect(type(value) is list and len(value) == 4)
    mtime_ns, size, kind, payload = value
    _expect(type(mtime_ns) is int and type(size) is int and size >= 0)
    source = Path(path)
    if kind == "deck":
        loaded: Loaded = _deck(payload, source)
    elif kind == "prompts":
        loaded = _prompts(payload, source)
    elif kind == "problems":
        _expect(type(payload) is list and len(payload) > 0)
        loaded = DeckError([_problem(item) for item in payload])
    else:
        raise BadCache
    return mtime_ns, size, loaded


def _problem(value: Any) -> Problem:
    _expect(type(value) is list and len(value) == 4)
    where, line, column, message = value
    return Problem(_text(where), _int(line, 0, 1 << 31), _int(column, 0, 1 << 31), _text(message))


def _deck(value: Any, source: Path) -> Deck:
    _expect(type(value) is list and len(value) == 8)
    deck_id, name, description, strategy, audience, color, order, cards = value
    _expect(type(deck_id) is str and ID_PATTERN.fullmatch(deck_id) is not None)
    audiences: dict[tuple[str, ...], frozenset[str]] = {}
    deck_audience = _audience(audience, audiences)
    return Deck(
        id=deck_id,
        name=_text(name),
        cards=_cards(cards, deck_id, audiences),
        description=_text(description, empty=True),
        strategy=_text(strategy, empty=True),
        audience=tuple(a for a in AUDIENCES if a in deck_audience),
        color=_optional_text(color),
        source=source,
        order=DeckOrder(order),
    )


_KINDS = {kind.value: kind for kind in Kind}
_WILDCARDS = {wildcard.value: wildcard for wildcard in Wildcard}
_IDS = re.compile(rf"(?:{ID_PATTERN.pattern}\n)+")


def _cards(rows: Any, deck_id: str, audiences: dict[tuple[str, ...], frozenset[str]]) -> tuple:
    """A deck's cards, each field checked column by column (the hot path of a cached start)."""
    _expect(type(rows) is list and len(rows) > 0)
    _expect(all(type(row) is list and len(row) == 8 for row in rows))
    ids = [row[0] for row in rows]
    _expect(all(type(card_id) is str for card_id in ids) and len(set(ids)) == len(ids))
    _expect(_IDS.fullmatch("\n".join(ids) + "\n") is not None)
    texts = [row[1] for row in rows] + [row[5] for row in rows if row[5] is not None]
    _expect(all(type(text) is str and text for text in texts))
    _expect(not has_unsafe("\n".join(texts)))
    _expect(all(type(row[2]) is int and 1 <= row[2] <= 3 for row in rows))
    _expect(all(type(row[7]) is int and MIN_PLAYERS <= row[7] <= MAX_PLAYERS for row in rows))
    _expect(all(row[3] in _KINDS for row in rows))
    _expect(all(row[6] is None or (row[3] == "wildcard" and row[6] in _WILDCARDS) for row in rows))
    return tuple(
        Card(
            deck_id, card_id, text, level, _KINDS[kind], _audience(audience, audiences),
            follow_up, _WILDCARDS.get(wildcard), min_players,
        )
        for card_id, text, level, kind, audience, follow_up, wildcard, min_players in rows
    )  # fmt: skip


_REFLECTION_FIELDS = tuple(field.name for field in dataclasses.fields(ReflectionPrompts))


def _reflection(value: Any) -> ReflectionPrompts:
    _expect(type(value) is list and len(value) == len(_REFLECTION_FIELDS))
    return ReflectionPrompts(*(_texts(item) for item in value))


def _prompts(value: Any, source: Path) -> TablePrompts:
    _expect(type(value) is list and len(value) == 3)
    reflection, kids, closing = value
    return TablePrompts(
        _reflection(reflection),
        _texts(closing),
        source,
        kids=None if kids is None else _reflection(kids),
    )


# -- writing -------------------------------------------------------------------------------------


def _dump(loaded: Loaded) -> list[Any]:
    if isinstance(loaded, DeckError):
        return ["problems", [[p.path, p.line, p.column, p.message] for p in loaded.problems]]
    if isinstance(loaded, TablePrompts):
        kids = None if loaded.kids is None else _dump_reflection(loaded.kids)
        return ["prompts", [_dump_reflection(loaded.reflection), kids, list(loaded.closing)]]
    cards = [
        [c.id, c.text, c.level, c.kind.value, sorted(c.audience), c.follow_up,
         c.wildcard.value if c.wildcard else None, c.min_players]
        for c in loaded.cards
    ]  # fmt: skip
    deck = loaded
    return [
        "deck",
        [deck.id, deck.name, deck.description, deck.strategy, list(deck.audience), deck.color,
         deck.order.value, cards],
    ]  # fmt: skip


def _dump_reflection(prompts: ReflectionPrompts) -> list[list[str]]:
    return [list(getattr(prompts, name)) for name in _REFLECTION_FIELDS]


def write_cache(entries: dict[str, tuple[int, int, Loaded]]) -> bool:
    """Replace the cache with ``entries`` atomically; False (and no harm done) when it cannot."""
    files = {path: [mtime, size, *_dump(loaded)] for path, (mtime, size, loaded) in entries.items()}
    target = cache_path()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=".decks-", suffix=".tmp", dir=target.parent)
        try:
            body = json.dumps(files, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
            header = json.dumps({"code": code_stamp(), "digest": _digest(body)}).encode("utf-8")
            with os.fdopen(handle, "wb") as out:
                out.write(header + b"\n" + body)
            os.replace(temporary, target)
        except BaseException:
            os.unlink(temporary)
            raise
    except (OSError, ValueError):
        return False
    return True


def clear_cache() -> int:
    """Remove the parsed-deck cache; the number of files removed (0 when there was none)."""
    removed = 0
    folder = paths.cache_dir()
    for path in [folder / CACHE_FILE, *folder.glob(".decks-*.tmp")]:
        try:
            path.unlink()
        except OSError:  # gone already, or not ours to remove
            continue
        removed += 1
    return removed


# -- loading -------------------------------------------------------------------------------------


def load_files(files: list[Path]) -> Iterator[tuple[Path, Loaded]]:
    """Each file's deck, prompts or problems: from the cache when its stamp is unchanged."""
    cached = read_cache()
    fresh: dict[str, tuple[int, int, Loaded]] = {}
    missed = False
    for path in files:
        key = str(path)
        entry = cached.get(key)
        if entry is not None and _unchanged(path, entry):
            fresh[key] = entry
            yield path, entry[2]
            continue
        missed = True
        stamp, loaded = _parse(path)
        if stamp is not None:
            fresh[key] = (stamp.mtime_ns, stamp.size, loaded)
        yield path, loaded
    if missed:
        keep = {path: entry for path, entry in cached.items() if path not in fresh}
        write_cache({**_existing(keep), **fresh})


def _unchanged(path: Path, entry: tuple[int, int, Loaded]) -> bool:
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return False
    return stat.S_ISREG(info.st_mode) and (info.st_mtime_ns, info.st_size) == entry[:2]


def _existing(entries: dict[str, tuple[int, int, Loaded]]) -> dict[str, tuple[int, int, Loaded]]:
    """Entries for other folders (another ``--decks-dir``) whose files are still there."""
    return {path: entry for path, entry in entries.items() if _unchanged(Path(path), entry)}


def _parse(path: Path) -> tuple[Stamp | None, Loaded]:
    from .loader import load_bytes  # YAML and the validator, only for a file not in the cache

    try:
        data, stamp = read_bytes(path)
    except DeckError as error:
        return None, error  # unreadable now, perhaps not later: never cached
    try:
        return stamp, load_bytes(path, data)
    except DeckError as error:
        return stamp, error
