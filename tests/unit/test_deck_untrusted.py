"""Issue 9, item 1 (loader side): no control character from a deck file ever loads.

C0 controls but newline and tab, DEL, C1 controls and the bidi embeddings, overrides and isolates
are refused wherever they stand, written raw or as a double-quoted escape, with the file, line and
column and the character's code point. Every message is safe to print.
"""

from __future__ import annotations

import dataclasses

import pytest
from helpers.decks import problems, write
from helpers.profiles import examples
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cardgame.decks import Deck, DeckError, TablePrompts, load_file
from cardgame.text import code_point, has_unsafe

REFUSED = [chr(c) for c in range(1, 0x20) if chr(c) not in "\n\t\r"]  # NUL: a binary file
REFUSED += ["\x7f", *(chr(c) for c in range(0x80, 0xA0))]
REFUSED += [chr(c) for c in range(0x202A, 0x202F)] + [chr(c) for c in range(0x2066, 0x206A)]
ESCAPES = {"\\e": "\x1b", "\\a": "\x07", "\\0": "\x00", "\\r": "\r", "\\N": "\x85"}
ESCAPES |= {"\\x1b": "\x1b", "\\x9b": "\x9b", "\\u202e": "\u202e", "\\U00002066": "\u2066"}

DECK = """\
id: "{id}"
name: "{name}"
description: "{description}"
strategy: "{strategy}"
color: "{color}"
audience: ["{audience}"]
cards:
  - "{plain}"
  - text: "{text}"
    id: "{card_id}"
    follow_up: "{follow_up}"
    kind: "{kind}"
"""
FIELDS = ("id", "name", "description", "strategy", "color", "audience", "plain", "text")
FIELDS += ("card_id", "follow_up", "kind")
GOOD = dict(
    id="ok", name="Name", description="About", strategy="Skill", color="teal",
    audience="friends", plain="Plain?", text="Text?", card_id="c1", follow_up="Then?",
    kind="question",
)  # fmt: skip


def test_the_template_loads_when_clean(tmp_path):
    deck = load_file(write(tmp_path, DECK.format(**GOOD)))
    assert isinstance(deck, Deck) and len(deck.cards) == 2


@pytest.mark.parametrize("char", REFUSED, ids=code_point)
def test_every_refused_character_written_raw_is_named_with_its_place(tmp_path, char):
    path = write(tmp_path, f'name: A\ncards:\n  - "caf\u00e9 {char} x"\n')
    (problem,) = problems(path)
    assert (problem.line, problem.column) == (3, 11)
    assert code_point(char) in problem.message
    assert not has_unsafe(problem.message) and not has_unsafe(str(problem))


@pytest.mark.parametrize("escape", sorted(ESCAPES))
def test_every_refused_character_written_as_an_escape_is_named_with_its_place(tmp_path, escape):
    path = write(tmp_path, f'name: A\ncards:\n  - "ok"\n  - "caf\u00e9 {escape} x"\n')
    (problem,) = problems(path)
    assert (problem.line, problem.column) == (4, 11)
    assert problem.message == (
        f"{'bidi ' if ESCAPES[escape] >= chr(0x2000) else ''}control character "
        f"{code_point(ESCAPES[escape])} (written as {escape}) is not allowed in a deck file"
    )


@pytest.mark.parametrize("field", FIELDS)
@pytest.mark.parametrize("written", ["\\e]52;c;Zm9v\\a", "\u202e", "\\x9b2J"])
def test_every_field_refuses_control_characters(tmp_path, field, written):
    values = GOOD | {field: f"x{written}y"}
    found = problems(write(tmp_path, DECK.format(**values)))
    assert found, field
    assert all("control character U+" in problem.message for problem in found), found
    line = DECK.splitlines().index(next(x for x in DECK.splitlines() if "{" + field + "}" in x))
    assert {problem.line for problem in found} == {line + 1}


def test_keys_refuse_control_characters(tmp_path):
    found = problems(write(tmp_path, 'name: A\n"le\\evel": 2\ncards: [a]\n'))
    assert [(p.line, p.column, p.message[:27]) for p in found] == [
        (2, 4, "control character U+001B (w")
    ]


def test_many_control_characters_are_capped(tmp_path):
    found = problems(write(tmp_path, "name: A\ncards: ['" + "\x1b" * 5000 + "']\n"))
    assert len(found) == 201
    assert found[-1].message.startswith("more than 200 problems")


def test_a_crlf_file_is_fine_but_an_escaped_carriage_return_is_not(tmp_path):
    assert load_file(write(tmp_path, "name: A\r\ncards:\r\n  - a\r\n")).name == "A"
    (problem,) = problems(write(tmp_path, 'name: A\r\ncards:\r\n  - "a\\rb"\r\n'))
    assert (problem.line, problem.column, code_point("\r")) == (3, 7, "U+000D")


def test_table_prompts_refuse_control_characters(tmp_path):
    lists = "".join(f"  {k}: [ok]\n" for k in ("validate", "empathise", "check", "clarify"))
    text = (
        'table_prompts: 1\nreflection:\n  mirror: ["I \\e]0;pwned\\a heard"]\n'
        f"{lists}  heard: [ok]\n  move_on: [\u2066ok]\nclosing: [ok]\n"
    )
    found = problems(write(tmp_path, text, "table-prompts.yaml"))
    assert [(p.line, p.column) for p in found] == [(9, 13)], "raw ones first: the file stops there"
    fixed = text.replace("\u2066", "")
    found = problems(write(tmp_path, fixed, "table-prompts.yaml"))
    assert [(p.line, p.column) for p in found] == [(3, 15), (3, 25)]


def test_validator_messages_quote_values_safely(tmp_path):
    """Values the validator quotes never carry a control character, however they got there."""
    text = 'name: A\ncolor: "\\u202ebluish"\nlevle\u2067: 1\ncards: [a]\n'
    for problem in problems(write(tmp_path, text)):
        assert not has_unsafe(str(problem))


# Random text in every field: whatever loads holds nothing refused.
TEXT = st.text(st.characters(codec="utf-8"), max_size=12)


def strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, (tuple, list, frozenset, set)):
        return [s for item in value for s in strings(item)]
    if dataclasses.is_dataclass(value):
        return [
            s for field in dataclasses.fields(value) for s in strings(getattr(value, field.name))
        ]
    return []


@settings(
    max_examples=examples(200),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(values=st.fixed_dictionaries({field: TEXT for field in ("name", "text", "follow_up")}))
def test_nothing_refused_ever_loads(tmp_path, values):
    quoted = {key: value.replace("\\", "\\\\").replace('"', '\\"') for key, value in values.items()}
    text = DECK.format(**(GOOD | quoted))
    path = write(tmp_path, text)
    try:
        loaded = load_file(path)
    except DeckError as error:
        assert all(not has_unsafe(str(problem)) for problem in error.problems)
        if any(has_unsafe(value.replace("\r", "")) for value in values.values()):
            said = ("control character U+", "NUL byte")
            assert any(word in p.message for p in error.problems for word in said)
        return
    assert isinstance(loaded, (Deck, TablePrompts))
    assert not any(has_unsafe(s) for s in strings(loaded))
