"""Read untrusted YAML into plain values that remember where they came from.

PyYAML's composer recurses (the C one crashes on very deep nesting) and its constructor expands
aliases without limit. So we drive the parser's event stream ourselves, iteratively, with limits on
nesting depth, event count and alias expansion, and keep each key's and item's line and column for
error messages. Only the safe scalar types are built; any explicit tag outside the YAML core schema
(``!!python/object`` and friends) is refused. The C parser is used when PyYAML has it.
"""

from __future__ import annotations

from typing import Any, NamedTuple

import yaml
from yaml import events
from yaml.constructor import SafeConstructor
from yaml.nodes import ScalarNode
from yaml.resolver import Resolver

from ..text import has_unsafe, terminal_safe
from .model import MAX_PROBLEMS
from .untrusted import Found, escaped_unsafe, raw_unsafe

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_DEPTH = 64
MAX_EVENTS = 1_000_000
MAX_ALIAS_EXPANSION = 1_000_000
MERGE_TAG = "tag:yaml.org,2002:merge"
_SCALAR_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null")
)
_CONTAINER_TAGS = {
    events.MappingStartEvent: "tag:yaml.org,2002:map",
    events.SequenceStartEvent: "tag:yaml.org,2002:seq",
}


class Mark(NamedTuple):
    """A 1-based position in a file."""

    line: int
    column: int


class YamlProblem(Exception):
    """The document cannot be read; carries where, when known."""

    def __init__(self, message: str, mark: Mark | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.mark = mark


class UnsafeText(YamlProblem):
    """The text holds characters that never reach a terminal: each one ``found``, in order."""

    def __init__(self, found: list[Found]) -> None:
        first = found[0]
        super().__init__(first.message, Mark(first.line, first.column))
        self.found = found


class LocatedDict(dict):
    """A mapping that knows where it starts and where each key stands."""

    merged: set | frozenset = frozenset()  # keys copied in by a merge key (<<), if any

    def __init__(self, start: Mark) -> None:
        super().__init__()
        self.start = start
        self.key_marks: dict[Any, Mark] = {}
        self.value_marks: dict[Any, Mark] = {}


class LocatedList(list):
    """A sequence that knows where it starts and where each item stands."""

    def __init__(self, start: Mark) -> None:
        super().__init__()
        self.start = start
        self.item_marks: list[Mark] = []


def _mark(event: events.Event) -> Mark:
    start = event.start_mark
    return Mark(start.line + 1, start.column + 1)


_STR_TAG = "tag:yaml.org,2002:str"
_CACHED_PLAIN = 40  # plain scalars up to this long have their resolved value cached


class _Builder:
    """Turns a parser event stream into located values, one document only.

    This is the hot path of loading decks, so the loop dispatches on the event's exact type,
    builds marks and attaches values inline, and resolves plain scalars through a cache.
    """

    def __init__(self, loader: Any = None, text: str = "") -> None:
        # A loader is a Resolver and a SafeConstructor; scalar construction keeps no state.
        self.resolver = loader if loader is not None else Resolver()
        self.constructor = loader if loader is not None else SafeConstructor()
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.expansion = 0
        self.plain: dict[str, Any] = {}
        self.text = text
        self.unsafe: list[Found] = []  # refused characters written as escapes

    def note_unsafe(self, event: events.ScalarEvent) -> None:
        """Record where the escapes in a double-quoted scalar made a refused character."""
        if len(self.unsafe) > MAX_PROBLEMS:
            return
        found = list(escaped_unsafe(self.text, event.start_mark.index))
        if not found:  # the source did not line up with the event: name the scalar instead
            char = next(c for c in event.value if has_unsafe(c))
            start = _mark(event)
            found = [Found(start.line, start.column, char, "an escape")]
        self.unsafe.extend(found)

    def scalar(self, event: events.ScalarEvent) -> Any:
        """The value of a scalar that is not a quoted or block string without a tag."""
        tag = event.tag
        if tag is None and event.implicit[0]:  # a plain scalar: resolve it, through the cache
            value = event.value
            if len(value) > _CACHED_PLAIN:
                return self._resolve(event)
            if value not in self.plain:
                self.plain[value] = self._resolve(event)
            return self.plain[value]
        if tag is None or tag == "!":
            return self._resolve(event)
        if tag not in _SCALAR_TAGS:
            raise YamlProblem(f"unsupported tag {_cut(tag)}", _mark(event))
        return self._construct(tag, event)

    def _resolve(self, event: events.ScalarEvent) -> Any:
        value = event.value
        if event.implicit[0]:
            resolvers = self.resolver.yaml_implicit_resolvers.get(value[:1])
            if not resolvers:
                return value
        tag = self.resolver.resolve(ScalarNode, value, event.implicit)
        if tag == MERGE_TAG:
            return _MERGE
        if tag not in _SCALAR_TAGS:
            return value  # YAML 1.1 extras (timestamps, '='): plain text, as in YAML 1.2
        return self._construct(tag, event)

    def _construct(self, tag: str, event: events.ScalarEvent) -> Any:
        if tag == _STR_TAG:
            return event.value
        node = ScalarNode(tag, event.value, event.start_mark, event.end_mark)
        try:
            return self.constructor.yaml_constructors[tag](self.constructor, node)
        except (ValueError, yaml.YAMLError) as error:
            raise YamlProblem(f"bad {tag.rsplit(':', 1)[-1]} value", _mark(event)) from error

    def build(self, stream: Any) -> Any:
        # Each open container: [value, pending_key, key_mark, expanded_size, anchor]
        stack: list[list[Any]] = []
        frame: list[Any] | None = None  # stack[-1]
        root: Any = None
        documents = 0
        count = 0
        scalar_event, alias_event = events.ScalarEvent, events.AliasEvent
        map_start, seq_start = events.MappingStartEvent, events.SequenceStartEvent
        map_end, seq_end = events.MappingEndEvent, events.SequenceEndEvent
        new_mark = tuple.__new__  # Mark(line, column) without NamedTuple's Python-level __new__
        for event in stream:
            count += 1
            if count > MAX_EVENTS:
                raise YamlProblem("document too large", _mark(event))
            kind = type(event)
            start = event.start_mark
            mark = new_mark(Mark, (start.line + 1, start.column + 1))
            size = 1
            if kind is scalar_event:
                if event.tag is None and not event.implicit[0]:
                    value = event.value  # quoted or block text: always a string
                else:
                    value = self.scalar(event)
                if event.style == '"' and has_unsafe(event.value):
                    self.note_unsafe(event)  # only double quotes have escapes
                if event.anchor is not None:
                    self.anchors[event.anchor] = (value, 1)
            elif kind is map_start or kind is seq_start:
                if event.tag not in (None, "!", _CONTAINER_TAGS[kind]):
                    raise YamlProblem(f"unsupported tag {_cut(event.tag)}", mark)
                if len(stack) >= MAX_DEPTH:
                    raise YamlProblem(f"nested more than {MAX_DEPTH} levels deep", mark)
                container = LocatedDict(mark) if kind is map_start else LocatedList(mark)
                frame = [container, _NO_KEY, None, 1, event.anchor]
                stack.append(frame)
                continue
            elif kind is map_end or kind is seq_end:
                value, _, _, size, anchor = stack.pop()
                mark = value.start
                if anchor is not None:
                    self.anchors[anchor] = (value, size)
                frame = stack[-1] if stack else None
            elif kind is alias_event:
                if event.anchor not in self.anchors:
                    raise YamlProblem(f"unknown alias {_cut(event.anchor)}", mark)
                value, size = self.anchors[event.anchor]
                self.expansion += size
                if self.expansion > MAX_ALIAS_EXPANSION:
                    raise YamlProblem("too many alias expansions (an alias bomb?)", mark)
            elif kind is events.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise YamlProblem("only one YAML document per file", mark)
                continue
            else:
                continue
            # Put the value into the innermost open container, or make it the root.
            if frame is None:
                if value is _MERGE:
                    raise YamlProblem("a merge key (<<) can only be a mapping key", mark)
                root = value
                continue
            frame[3] += size
            container = frame[0]
            if type(container) is LocatedList:
                if value is _MERGE:
                    raise YamlProblem("a merge key (<<) can only be a mapping key", mark)
                container.append(value)
                container.item_marks.append(mark)
            elif frame[1] is _NO_KEY:
                if value is not _MERGE and not _hashable(value):
                    raise YamlProblem("a mapping key must be a plain value", mark)
                frame[1] = value
                frame[2] = mark
            else:
                self._set(frame, value, mark)
        return root

    @staticmethod
    def _set(frame: list[Any], value: Any, mark: Mark) -> None:
        """Complete a key-value pair in the mapping ``frame`` holds."""
        container, key, key_mark = frame[0], frame[1], frame[2]
        frame[1] = _NO_KEY
        if value is _MERGE:
            raise YamlProblem("a merge key (<<) cannot be a value", mark)
        if key is _MERGE:
            _merge(container, value, mark)
            return
        merged = container.merged
        if key in container and key not in merged:
            raise YamlProblem(f"duplicate key {_cut(repr(key))}", key_mark)
        container[key] = value
        container.key_marks[key] = key_mark
        container.value_marks[key] = mark
        if merged:
            merged.discard(key)


_NO_KEY = object()
_MERGE = object()


def _merge(target: LocatedDict, source: Any, mark: Mark) -> None:
    """Apply a ``<<`` merge key: earlier explicit keys win, later explicit keys override."""
    sources = source if isinstance(source, list) else [source]
    merged = set(target.merged)
    for item in sources:
        if not isinstance(item, LocatedDict):
            raise YamlProblem("a merge key (<<) needs a mapping or a list of mappings", mark)
        for key, value in item.items():
            if key in target:
                continue
            target[key] = value
            target.key_marks[key] = item.key_marks.get(key, mark)
            target.value_marks[key] = item.value_marks.get(key, mark)
            merged.add(key)
    target.merged = merged


def _hashable(value: Any) -> bool:
    return isinstance(value, (str, int, float, bool)) or value is None


def _cut(text: object, limit: int = 60) -> str:
    """``text`` cut to ``limit`` characters, as one line that is safe to print."""
    text = str(text)
    text = text if len(text) <= limit else text[: limit - 1] + "…"
    return terminal_safe(text, one_line=True)


def load(text: str) -> Any:
    """Parse one YAML document from ``text`` into located values.

    Raises ``YamlProblem`` for anything unreadable, unsafe or over the limits, and its subclass
    ``UnsafeText`` for characters that never reach a terminal (C0, DEL, C1, bidi controls).
    """
    found = raw_unsafe(text, MAX_PROBLEMS + 1)
    if found:
        raise UnsafeText(found)
    loader = _Loader(text)
    try:
        builder = _Builder(loader, text)
        root = builder.build(iter(loader.get_event, None))
        if builder.unsafe:
            raise UnsafeText(builder.unsafe)
        return root
    except yaml.MarkedYAMLError as error:
        raise explain(text, error) from None
    except yaml.reader.ReaderError as error:
        raise YamlProblem(_cut(error.reason, 120), _reader_mark(text, error)) from None
    except yaml.YAMLError as error:
        first_line = str(error).splitlines()[0] if str(error) else "invalid YAML"
        raise YamlProblem(_cut(first_line, 120)) from None
    finally:
        loader.dispose()


def explain(text: str, error: yaml.MarkedYAMLError) -> YamlProblem:
    """YAML's complaint in words a newcomer can act on, at the place to look."""
    mark = error.problem_mark or error.context_mark
    where = Mark(mark.line + 1, mark.column + 1) if mark else None
    tab = _indenting_tab(text, where)
    if tab is not None:
        message = "a tab indents this line; YAML needs spaces to indent (replace the tab)"
        return YamlProblem(message, tab)
    opened = error.context_mark
    if "quoted scalar" in (error.context or "") and opened is not None:
        quote = _char_at(text, opened.line + 1, opened.column + 1) or '"'
        start = Mark(opened.line + 1, opened.column + 1)
        if "end of stream" in (error.problem or ""):
            message = f"the quote opened here is never closed; add the closing {quote}"
            return YamlProblem(message, start)
        if "escape" in (error.problem or ""):
            message = (
                f"{error.problem} in this double-quoted text; write \\\\ for a backslash, "
                "or use single quotes"
            )
            return YamlProblem(_cut(message, 160), where)
    return YamlProblem(_cut(error.problem or error.context or "invalid YAML", 120), where)


def _char_at(text: str, line: int, column: int) -> str | None:
    lines = text.splitlines()
    if 0 < line <= len(lines) and 0 < column <= len(lines[line - 1]):
        return lines[line - 1][column - 1]
    return None


def _indenting_tab(text: str, where: Mark | None) -> Mark | None:
    """Where a tab stands in the indent of the line YAML stopped at, if one does."""
    if where is None:
        return None
    lines = text.splitlines()
    if not 0 < where.line <= len(lines):
        return None
    line = lines[where.line - 1]
    indent = line[: len(line) - len(line.lstrip(" \t"))]
    if "\t" in indent:
        return Mark(where.line, indent.index("\t") + 1)
    if _char_at(text, where.line, where.column) == "\t":
        return where
    return None


def _reader_mark(text: str, error: yaml.reader.ReaderError) -> Mark | None:
    """Where a character the reader refused stands (libyaml counts UTF-8 bytes, PyYAML chars)."""
    position = error.position
    if not isinstance(position, int) or position < 0:
        return None
    if _Loader.__name__.startswith("C"):
        position = len(text.encode("utf-8", "surrogatepass")[:position].decode("utf-8", "replace"))
    line_start = text.rfind("\n", 0, position) + 1
    return Mark(text.count("\n", 0, position) + 1, position - line_start + 1)
