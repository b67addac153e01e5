"""The one place that decides which characters never reach a terminal."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from cardgame.text import clean, code_point, has_unsafe, terminal_safe, unsafe_characters

REFUSED = [chr(c) for c in range(0x20) if chr(c) not in "\n\t"]
REFUSED += ["\x7f", *(chr(c) for c in range(0x80, 0xA0))]
REFUSED += [chr(c) for c in range(0x202A, 0x202F)] + [chr(c) for c in range(0x2066, 0x206A)]


def test_every_refused_character_is_found_and_removed():
    for char in REFUSED:
        text = f"a{char}b"
        assert list(unsafe_characters(text)) == [(1, char)], code_point(char)
        assert clean(text) == "ab"
        assert has_unsafe(text)


def test_newline_tab_and_ordinary_unicode_are_kept():
    text = "Ana\tBen\nZoë ♥ 日本 — café"
    assert clean(text) == text
    assert not has_unsafe(text)
    assert terminal_safe(text) == text


def test_terminal_safe_shows_escapes_visibly():
    assert terminal_safe("\x1b]52;c;Zm9v\x1b\\") == "\\x1b]52;c;Zm9v\\x1b\\"
    assert terminal_safe("left\u202eright") == "left\\u202eright"
    assert terminal_safe("a\x9bb") == "a\\x9bb"
    assert terminal_safe("two\nlines", one_line=True) == "two\\x0alines"


def test_code_point_names_the_character():
    assert code_point("\x1b") == "U+001B"
    assert code_point("\u202e") == "U+202E"


@given(st.text())
def test_nothing_refused_survives(text: str):
    assert not has_unsafe(clean(text))
    assert not has_unsafe(terminal_safe(text))
    assert not any(char in terminal_safe(text, one_line=True) for char in "\n\t")
