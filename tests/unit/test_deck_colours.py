"""Issue 9, item 3: the validator accepts exactly the colours Textual's ``Color.parse`` accepts.

``cardgame.decks.colors`` never imports Textual (``validate`` must feel instant), so this test
(which may) compares the two on the known bad cases and on a generated corpus of near-colours.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.profiles import examples
from hypothesis import example, given, settings
from hypothesis import strategies as st
from textual.color import Color

from cardgame.decks import DeckError, load_file
from cardgame.decks.colors import NAMED_COLORS, is_color
from cardgame.decks.schema import schema


def textual_parses(text: str) -> bool:
    try:
        Color.parse(text)
    except Exception:  # ColorParseError, and anything else a card view would crash on
        return False
    return True


# Each was accepted by `validate` and crashed the card view.
ONCE_CRASHED = ["hsla(1,1,1)", "rgb(1,2,3,4)", "rgb(1%,2%,3%)", "hsl(10%,10,10)"]
GOOD = ["#abc", "#ABCD", "#a1b2c3", "#a1b2c3d4", "rgb(1,2,3)", "rgba( 1 , 2 , 3 , 0.5 )"]
GOOD += ["hsl(120, 50%, 50%)", "hsla(120,50%,50%,0.5)", "rgb(-1,2.,300)", "transparent"]
GOOD += ["ansi_red", "ansi_bright_white", "ansi_default", "#abc\n"]
BAD = ["Teal", "#abcde", "rgb(1,2)", "hsv(1,2,3)", "", " red", "red ", "rgba(1,2,3)"]
BAD += ["hsl(1,2,3)", "rgb(1,2,3", "ansi_purple", "rgb(1e3,2,3)", "#abc\n\n"]


@pytest.mark.parametrize("colour", ONCE_CRASHED)
def test_colours_that_crashed_the_card_view_are_refused(colour, tmp_path):
    assert not textual_parses(colour)
    assert not is_color(colour)
    path = tmp_path / "d.yaml"
    path.write_text(f"name: A\ncolor: '{colour}'\ncards: [a]\n", encoding="utf-8")
    with pytest.raises(DeckError) as caught:
        load_file(path)
    assert [p.message for p in caught.value.problems] == [f"'{colour}' is not a colour"]


@pytest.mark.parametrize("colour", [*GOOD, *sorted(NAMED_COLORS)])
def test_colours_textual_reads_are_accepted(colour):
    assert textual_parses(colour)
    assert is_color(colour)


@pytest.mark.parametrize("colour", BAD)
def test_colours_textual_refuses_are_refused(colour):
    assert not textual_parses(colour)
    assert not is_color(colour)


def test_every_textual_colour_name_is_known():
    from textual._color_constants import COLOR_NAME_TO_RGB

    assert set(COLOR_NAME_TO_RGB) | {"ansi_default"} == NAMED_COLORS


NUMBER = st.one_of(
    st.integers(-400, 400).map(str),
    st.floats(-400, 400, allow_nan=False).map(lambda f: f"{f:.2f}"),
    st.sampled_from(["1.", ".5", "1e3", "inf", "nan", "\u0663", "+1", "-", "", "9" * 400]),
)
PERCENTISH = st.tuples(NUMBER, st.sampled_from(["", "%", "%%", " %"])).map("".join)
SPACE = st.sampled_from(["", " ", "  ", "\t", "\n", "\xa0"])
FUNCTION = st.builds(
    lambda name, open_, parts, close, tail: f"{name}{open_}{','.join(parts)}{close}{tail}",
    st.sampled_from(["rgb", "rgba", "hsl", "hsla", "RGB", "hsv", "rgb ", ""]),
    st.sampled_from(["(", "( ", "(\n", ""]),
    st.lists(st.tuples(SPACE, PERCENTISH, SPACE).map("".join), min_size=0, max_size=5),
    st.sampled_from([")", " )", "", "))"]),
    SPACE,
)
HEXISH = st.builds(
    lambda digits, tail: f"#{digits}{tail}",
    st.text("0123456789abcdefABCDEFgx", min_size=0, max_size=9),
    SPACE,
)
NAMEISH = st.builds(
    lambda name, change: change(name),
    st.sampled_from(sorted(NAMED_COLORS)),
    st.sampled_from([str, str.upper, str.title, lambda n: n + " ", lambda n: n[:-1]]),
)
COLOURISH = st.one_of(FUNCTION, HEXISH, NAMEISH, st.text(max_size=12))


@settings(max_examples=examples(1500), deadline=None)
@given(COLOURISH)
@example("rgb(" + "9" * 400 + ",1,1)")  # Textual overflows turning an infinite channel to int
@example("rgb(\u0663,1,1)")  # any Unicode digit is a digit to Python's re and float()
def test_is_color_agrees_with_textual(text):
    assert is_color(text) == textual_parses(text), repr(text)


def test_the_schema_pattern_is_built_from_the_same_grammar():
    from cardgame.decks.colors import COLOR_FORMS

    branches = schema()["properties"]["color"]["anyOf"]
    pattern = next(b for b in branches if "allOf" in b)["allOf"][1]["pattern"]
    assert pattern == rf"^\s*(?:{COLOR_FORMS}|{'|'.join(sorted(NAMED_COLORS))})\s*$"
    assert next(b for b in branches if "enum" in b)["enum"] == sorted(NAMED_COLORS)


def test_a_deck_colour_is_stored_as_textual_reads_it(tmp_path: Path):
    path = tmp_path / "d.yaml"
    path.write_text("name: A\ncolor: '  rgb( 1 , 2 , 3 )  '\ncards: [a]\n", encoding="utf-8")
    deck = load_file(path)
    assert deck.color == "rgb( 1 , 2 , 3 )"
    Color.parse(deck.color)
