"""Read untrusted YAML into plain values that remember where they came from.

PyYAML's composer recurses (the C one crashes on very deep nesting) and its constructor expands
aliases without limit. So we drive the parser's event stream ourselves, iteratively, with limits on
nesting depth, event count and alias expansion, and keep each key's and item's line and column for
error messages. Only the safe scalar types are built; any explicit tag outside the YAML core schema
(``!!python/object`` and friends) is refused. The C parser is used when PyYAML has it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml
from yaml import events
from yaml.constructor import SafeConstructor
from yaml.nodes import ScalarNode
from yaml.resolver import Resolver

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


@dataclass(frozen=True, slots=True)
class Mark:
    """A 1-based position in a file."""

    line: int
    column: int


class YamlProblem(Exception):
    """The document cannot be read; carries where, when known."""

    def __init__(self, message: str, mark: Mark | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.mark = mark


class LocatedDict(dict):
    """A mapping that knows where it starts and where each key stands."""

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


class _Builder:
    """Turns a parser event stream into located values, one document only."""

    def __init__(self) -> None:
        self.resolver = Resolver()
        self.constructor = SafeConstructor()
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.expansion = 0

    def scalar(self, event: events.ScalarEvent) -> Any:
        tag = event.tag
        if tag is None or tag == "!":
            tag = self.resolver.resolve(ScalarNode, event.value, event.implicit)
        if tag == MERGE_TAG and event.implicit[0]:
            return _MERGE
        if tag not in _SCALAR_TAGS:
            raise YamlProblem(f"unsupported tag {_cut(tag)}", _mark(event))
        node = ScalarNode(tag, event.value, event.start_mark, event.end_mark)
        try:
            return self.constructor.yaml_constructors[tag](self.constructor, node)
        except (ValueError, yaml.YAMLError) as error:
            raise YamlProblem(f"bad {tag.rsplit(':', 1)[-1]} value", _mark(event)) from error

    def build(self, stream: Any) -> Any:
        # Each open container: [value, pending_key, key_mark, expanded_size, anchor, start_mark]
        stack: list[list[Any]] = []
        root: Any = None
        documents = 0
        count = 0
        for event in stream:
            count += 1
            if count > MAX_EVENTS:
                raise YamlProblem("document too large", _mark(event))
            if isinstance(event, events.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    raise YamlProblem("only one YAML document per file", _mark(event))
                continue
            if isinstance(event, (events.MappingStartEvent, events.SequenceStartEvent)):
                if event.tag not in (None, "!", _CONTAINER_TAGS[type(event)]):
                    raise YamlProblem(f"unsupported tag {_cut(event.tag)}", _mark(event))
                if len(stack) >= MAX_DEPTH:
                    raise YamlProblem(f"nested more than {MAX_DEPTH} levels deep", _mark(event))
                is_map = isinstance(event, events.MappingStartEvent)
                container = LocatedDict(_mark(event)) if is_map else LocatedList(_mark(event))
                stack.append([container, _NO_KEY, None, 1, event.anchor, _mark(event)])
                continue
            if isinstance(event, (events.MappingEndEvent, events.SequenceEndEvent)):
                value, _, _, size, anchor, mark = stack.pop()
                if anchor is not None:
                    self.anchors[anchor] = (value, size)
                root = self._attach(stack, value, mark, root, size)
                continue
            if isinstance(event, events.ScalarEvent):
                value = self.scalar(event)
                if event.anchor is not None:
                    self.anchors[event.anchor] = (value, 1)
                root = self._attach(stack, value, _mark(event), root)
                continue
            if isinstance(event, events.AliasEvent):
                if event.anchor not in self.anchors:
                    raise YamlProblem(f"unknown alias {_cut(event.anchor)}", _mark(event))
                value, size = self.anchors[event.anchor]
                self.expansion += size
                if self.expansion > MAX_ALIAS_EXPANSION:
                    raise YamlProblem("too many alias expansions (an alias bomb?)", _mark(event))
                root = self._attach(stack, value, _mark(event), root, size)
        return root

    def _attach(
        self, stack: list[list[Any]], value: Any, mark: Mark, root: Any, size: int = 1
    ) -> Any:
        """Put ``value`` into the innermost open container (or make it the root)."""
        if not stack:
            return value
        frame = stack[-1]
        frame[3] += size
        container = frame[0]
        if isinstance(container, LocatedList):
            container.append(value)
            container.item_marks.append(mark)
            return root
        if frame[1] is _NO_KEY:
            if value is not _MERGE and not _hashable(value):
                raise YamlProblem("a mapping key must be a plain value", mark)
            frame[1] = value
            frame[2] = mark
            return root
        key, key_mark = frame[1], frame[2]
        frame[1] = _NO_KEY
        if value is _MERGE:
            raise YamlProblem("a merge key (<<) cannot be a value", mark)
        if key is _MERGE:
            _merge(container, value, mark)
            return root
        if key in container and key not in getattr(container, "merged", ()):
            raise YamlProblem(f"duplicate key {_cut(repr(key))}", key_mark)
        container[key] = value
        container.key_marks[key] = key_mark
        container.value_marks[key] = mark
        if hasattr(container, "merged"):
            container.merged.discard(key)
        return root


_NO_KEY = object()
_MERGE = object()


def _merge(target: LocatedDict, source: Any, mark: Mark) -> None:
    """Apply a ``<<`` merge key: earlier explicit keys win, later explicit keys override."""
    sources = source if isinstance(source, list) else [source]
    merged: set = getattr(target, "merged", set())
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
    target.merged = merged  # type: ignore[attr-defined]


def _hashable(value: Any) -> bool:
    return isinstance(value, (str, int, float, bool)) or value is None


def _cut(text: object, limit: int = 60) -> str:
    text = str(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def load(text: str) -> Any:
    """Parse one YAML document from ``text`` into located values.

    Raises ``YamlProblem`` for anything unreadable, unsafe or over the limits.
    """
    loader = _Loader(text)
    try:
        stream = _events(loader)
        return _Builder().build(stream)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        where = Mark(mark.line + 1, mark.column + 1) if mark else None
        raise YamlProblem(
            _cut(error.problem or error.context or "invalid YAML", 120), where
        ) from None
    except yaml.YAMLError as error:
        first_line = str(error).splitlines()[0] if str(error) else "invalid YAML"
        raise YamlProblem(_cut(first_line, 120)) from None
    finally:
        loader.dispose()


def _events(loader: Any):
    while loader.check_event():
        yield loader.get_event()
