"""Issue 11, item 17: validator messages a newcomer understands, at the place to look."""

from __future__ import annotations

import pytest
from helpers.decks import problems, write


def only(path) -> tuple[int, int, str]:
    (problem,) = problems(path)
    return problem.line, problem.column, problem.message


TAB = "a tab indents this line; YAML needs spaces to indent (replace the tab)"


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("name: A\ncards:\n\t- a\n", (3, 1)),
        ("name: A\ncards:\n  - text: a\n\t level: 2\n", (4, 1)),
        ("name: A\n\tcolor: red\ncards: [a]\n", (2, 1)),
        ("name: A\ncards:\n  \t- a\n", (3, 3)),
    ],
)
def test_a_tab_indent_says_yaml_needs_spaces(tmp_path, text, where):
    assert only(write(tmp_path, text)) == (*where, TAB)


@pytest.mark.parametrize(
    ("text", "where", "quote"),
    [
        ('name: "Unclosed\ncards: [a]\n', (1, 7), '"'),
        ("name: A\ncards:\n  - 'What is it\n  - b\n", (3, 5), "'"),
        ('name: A\ncards:\n  - ok\n  - text: "Runs on\n    level: 2\n', (4, 11), '"'),
    ],
)
def test_an_unclosed_quote_points_where_it_opened(tmp_path, text, where, quote):
    message = f"the quote opened here is never closed; add the closing {quote}"
    assert only(write(tmp_path, text)) == (*where, message)


def test_an_unknown_escape_says_how_to_write_a_backslash(tmp_path):
    line, column, message = only(write(tmp_path, 'name: "C:\\qux"\ncards: [a]\n'))
    assert (line, column) == (1, 10)
    assert message == (
        "found unknown escape character in this double-quoted text; "
        "write \\\\ for a backslash, or use single quotes"
    )


@pytest.mark.parametrize("word", ["yes", "no", "on", "off", "Yes", "NO", "true", "False"])
def test_a_bare_yes_or_no_as_text_says_to_quote_it(tmp_path, word):
    said = f"{word} (a bare {word} is true or false to YAML; put the text in quotes)"
    assert only(write(tmp_path, f"name: A\ncards: [{word}]\n")) == (
        2,
        9,
        f"a card is text or a mapping with 'text', not {said}",
    )
    assert only(write(tmp_path, f"name: A\ncards:\n  - text: {word}\n")) == (
        3,
        11,
        f"'text' must be text, not {said}",
    )
    assert only(write(tmp_path, f"name: {word}\ncards: [a]\n")) == (
        1,
        7,
        f"'name' must be text, not {said}",
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "name: A\ncards:\n  - {text: a, level: 5}\n",
            "'level' must be 1, 2 or 3, not the number 5",
        ),
        (
            "name: 5\ncards: [a]\n",
            "'name' must be text, not the number 5; put it in quotes if it is text",
        ),
        ("name: A\ncards: [2.5]\n", "a card is text or a mapping with 'text', not the number 2.5"),
        ("name: A\n7: x\ncards: [a]\n", "deck keys must be text, not the number 7"),
    ],
)
def test_numbers_read_as_numbers(tmp_path, text, message):
    found = [problem.message for problem in problems(write(tmp_path, text))]
    assert found == [message]
    assert not any(" int " in m or "float" in m for m in found)
