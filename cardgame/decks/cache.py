"""The parsed-deck cache: an unchanged library is read without YAML or the validator.

One file in ``paths.cache_dir()`` maps each deck file's path to the stamp it had when it was read
(mtime_ns and size) and what it held: a deck, table prompts, or the problems that kept it out.
It is three parts: a JSON header line with the key of the whole file (the deck format, this
cache's layout and the code that validates decks, so a new version never trusts an old cache)
and the digest of the index; the index, one JSON line holding every entry, each deck with its
values, its summary (cards by audience and level) and where its cards' rows lie (offset, length
and digest); then the rows of every deck, one JSON array each.

Nothing in it is trusted blindly: every index entry is checked field by field on the way in
(types, ranges, ids, and no control character) and one bad entry throws the whole cache away,
to be rebuilt from the files. A deck's rows are checked the same way, with their digest and
against the deck's summary, the first time its cards are needed (``decks.lazy``): listing a
library of 100,000 cards builds none of them. It is JSON, never pickle, and any error reading
or writing it only costs a slower load.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..text import has_unsafe
from .cache_file import CACHE_FILE, cache_path, clear_cache
from .discovery import Stamp, read_bytes
from .lazy import (
    CACHE_ERRORS,
    BadCache,
    LazyCards,
    audience_set,
    card_rows,
    digest,
    expect,
)
from .model import (
    AUDIENCES,
    FORMAT_VERSION,
    ID_PATTERN,
    LEVEL_NAMES,
    Deck,
    DeckError,
    DeckOrder,
    DeckSummary,
    Problem,
    ReflectionPrompts,
    TablePrompts,
)

LAYOUT = 2  # bump when the layout below changes
MAX_CACHE_BYTES = 256 * 1024 * 1024
MAX_COUNT = 1 << 31
_PACKAGE = Path(__file__).resolve().parent
Loaded = Deck | TablePrompts | DeckError

__all__ = [
    "CACHE_FILE",
    "BadCache",
    "cache_path",
    "clear_cache",
    "load_files",
    "read_cache",
    "write_cache",
]


def code_stamp() -> list[Any]:
    """What makes a cached result valid: the format, this layout and the validator's source.

    Looked at once per process (the code that runs is the code that was there when it
    started), so a load of the bundled decks makes a handful of system calls, not fifty: each
    one waits its turn for the interpreter while the screen is being drawn.
    """
    return [FORMAT_VERSION, LAYOUT, *_sources()]


@functools.cache
def _sources() -> tuple[list[Any], ...]:
    with os.scandir(_PACKAGE) as entries:
        found = sorted(entry.name for entry in entries if entry.name.endswith(".py"))
    return tuple([name, *_size_and_time(_PACKAGE / name)] for name in found)


def _size_and_time(path: Path) -> list[int]:
    info = path.stat()
    return [info.st_size, info.st_mtime_ns]


# -- reading -------------------------------------------------------------------------------------


def read_cache() -> dict[str, tuple[int, int, Loaded]]:
    """The cache's entries by path, checked; empty when it is missing, stale or not trusted."""
    try:
        data = _read(cache_path())
        if data is None:
            return {}
        head_end = data.index(b"\n")
        index_end = data.index(b"\n", head_end + 1)
        header = json.loads(data[:head_end])
        if not isinstance(header, dict) or header.get("code") != code_stamp():
            return {}
        index = data[head_end + 1 : index_end]
        expect(header.get("digest") == digest(index))  # damage of any kind: rebuild
        files = json.loads(index)
        expect(isinstance(files, dict))
        rows = memoryview(data)[index_end + 1 :]
        return {path: _entry(path, value, rows) for path, value in files.items()}
    except (OSError, *CACHE_ERRORS):
        return {}


def _read(path: Path) -> bytes | None:
    """The cache file's bytes: only a regular file, opened without blocking, of a sane size."""
    handle = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    with os.fdopen(handle, "rb") as cache:
        info = os.fstat(cache.fileno())
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_CACHE_BYTES:
            return None
        data = cache.read(info.st_size + 1)  # never a buffer bigger than the file
    return data if len(data) == info.st_size else None


def _text(value: Any, *, empty: bool = False) -> str:
    expect(type(value) is str and (empty or value != "") and not has_unsafe(value))
    return value


def _optional_text(value: Any) -> str | None:
    return None if value is None else _text(value)


def _int(value: Any, low: int, high: int) -> int:
    expect(type(value) is int and low <= value <= high)
    return value


def _ints(value: Any, length: int) -> tuple[int, ...]:
    expect(type(value) is list and len(value) == length)
    return tuple(_int(item, 0, MAX_COUNT) for item in value)


def _texts(value: Any) -> tuple[str, ...]:
    expect(type(value) is list and len(value) > 0)
    return tuple(_text(item) for item in value)


def _entry(path: Any, value: Any, rows: memoryview) -> tuple[int, int, Loaded]:
    _text(path)
    expect(type(value) is list and len(value) == 4)
    mtime_ns, size, kind, payload = value
    expect(type(mtime_ns) is int and type(size) is int and size >= 0)
    source = Path(path)
    if kind == "deck":
        loaded: Loaded = _deck(payload, source, rows)
    elif kind == "prompts":
        loaded = _prompts(payload, source)
    elif kind == "problems":
        expect(type(payload) is list and len(payload) > 0)
        loaded = DeckError([_problem(item) for item in payload])
    else:
        raise BadCache
    return mtime_ns, size, loaded


def _problem(value: Any) -> Problem:
    expect(type(value) is list and len(value) == 4)
    where, line, column, message = value
    return Problem(_text(where), _int(line, 0, 1 << 31), _int(column, 0, 1 << 31), _text(message))


def _summary(value: Any) -> DeckSummary:
    expect(type(value) is list and len(value) == 2)
    summary = DeckSummary(_ints(value[0], len(AUDIENCES)), _ints(value[1], len(LEVEL_NAMES)))
    expect(summary.total > 0 and max(summary.audiences) <= summary.total)
    return summary


def _rows(value: Any, rows: memoryview) -> tuple[bytes, str]:
    """A deck's rows (a copy: the rest of the file can go) and the digest they must have."""
    expect(type(value) is list and len(value) == 3)
    offset, length, rows_digest = value
    _int(offset, 0, len(rows))
    _int(length, 2, len(rows) - offset)
    expect(type(rows_digest) is str and len(rows_digest) == 32)
    return bytes(rows[offset : offset + length]), rows_digest


def _deck(value: Any, source: Path, rows: memoryview) -> Deck:
    expect(type(value) is list and len(value) == 9)
    deck_id, name, description, strategy, audience, color, order, summary, where = value
    expect(type(deck_id) is str and ID_PATTERN.fullmatch(deck_id) is not None)
    deck_audience = audience_set(audience, {})
    return Deck(
        id=deck_id,
        name=_text(name),
        cards=LazyCards(_summary(summary), *_rows(where, rows), deck_id, source),
        description=_text(description, empty=True),
        strategy=_text(strategy, empty=True),
        audience=tuple(a for a in AUDIENCES if a in deck_audience),
        color=_optional_text(color),
        source=source,
        order=DeckOrder(order),
    )


_REFLECTION_FIELDS = tuple(field.name for field in dataclasses.fields(ReflectionPrompts))


def _reflection(value: Any) -> ReflectionPrompts:
    expect(type(value) is list and len(value) == len(_REFLECTION_FIELDS))
    return ReflectionPrompts(*(_texts(item) for item in value))


def _prompts(value: Any, source: Path) -> TablePrompts:
    expect(type(value) is list and len(value) == 3)
    reflection, kids, closing = value
    return TablePrompts(
        _reflection(reflection),
        _texts(closing),
        source,
        kids=None if kids is None else _reflection(kids),
    )


# -- writing -------------------------------------------------------------------------------------


def _dump(loaded: Loaded, rows: bytearray) -> list[Any]:
    """An entry's kind and payload; a deck's rows go on the end of ``rows``."""
    if isinstance(loaded, DeckError):
        return ["problems", [[p.path, p.line, p.column, p.message] for p in loaded.problems]]
    if isinstance(loaded, TablePrompts):
        kids = None if loaded.kids is None else _dump_reflection(loaded.kids)
        return ["prompts", [_dump_reflection(loaded.reflection), kids, list(loaded.closing)]]
    deck = loaded
    if isinstance(deck.cards, LazyCards):
        data, data_digest = deck.cards.rows()  # still unbuilt: the bytes it was read from
    else:
        data = card_rows(deck.cards)
        data_digest = digest(data)
    offset = len(rows)
    rows += data
    summary = deck.summary
    return [
        "deck",
        [deck.id, deck.name, deck.description, deck.strategy, list(deck.audience), deck.color,
         deck.order.value, [list(summary.audiences), list(summary.levels)],
         [offset, len(data), data_digest]],
    ]  # fmt: skip


def _dump_reflection(prompts: ReflectionPrompts) -> list[list[str]]:
    return [list(getattr(prompts, name)) for name in _REFLECTION_FIELDS]


def write_cache(entries: dict[str, tuple[int, int, Loaded]]) -> bool:
    """Replace the cache with ``entries`` atomically; False (and no harm done) when it cannot."""
    try:
        rows = bytearray()
        files = {
            path: [mtime, size, *_dump(loaded, rows)]
            for path, (mtime, size, loaded) in entries.items()
        }
        index = json.dumps(files, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        header = json.dumps({"code": code_stamp(), "digest": digest(index)}).encode("utf-8")
        target = cache_path()
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=".decks-", suffix=".tmp", dir=target.parent)
        try:
            with os.fdopen(handle, "wb") as out:
                out.writelines([header, b"\n", index, b"\n", rows])
            os.replace(temporary, target)
        except BaseException:
            os.unlink(temporary)
            raise
    except (OSError, ValueError):
        return False
    return True


# -- loading -------------------------------------------------------------------------------------


def load_files(
    files: list[Path], stats: dict[Path, os.stat_result] | None = None
) -> Iterator[tuple[Path, Loaded]]:
    """Each file's deck, prompts or problems: from the cache when its stamp is unchanged.

    ``stats`` are the files' stats as discovery found them (else each file is looked at now).
    """
    cached = read_cache()
    fresh: dict[str, tuple[int, int, Loaded]] = {}
    missed = False
    stats = stats or {}
    for path in files:
        key = str(path)
        entry = cached.get(key)
        if entry is not None and _unchanged(path, entry, stats.get(path)):
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


def _unchanged(
    path: Path, entry: tuple[int, int, Loaded], info: os.stat_result | None = None
) -> bool:
    if info is None:
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
