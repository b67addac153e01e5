"""The poisoned-deck corpus (tests/data/poisoned): refused with safe words, never half-loaded."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.poisoned import LOADS_ALONE, POISONED, poisoned_files

from cardgame.decks import Deck, DeckError, load_file
from cardgame.text import has_unsafe


def test_the_corpus_is_there():
    names = {path.name for path in poisoned_files()}
    assert len(names) >= 35
    assert names >= LOADS_ALONE


@pytest.mark.parametrize("path", poisoned_files(), ids=lambda path: path.stem)
def test_each_poisoned_file_is_refused_with_printable_problems(path: Path):
    if path.name in LOADS_ALONE:
        deck = load_file(path)
        assert isinstance(deck, Deck)
        texts = [deck.id, deck.name, deck.description, deck.strategy, deck.color or ""]
        texts += [text for card in deck.cards for text in (card.id, card.text)]
        assert not any(has_unsafe(text) for text in texts)
        return
    with pytest.raises(DeckError) as caught:
        load_file(path)
    problems = caught.value.problems
    assert problems
    for problem in problems:
        assert problem.path == str(path)
        assert not has_unsafe(problem.message), problem.message
        assert not has_unsafe(str(problem)), str(problem)
        assert "\n" not in str(problem)
    assert not has_unsafe(str(caught.value))


def test_control_characters_are_named_by_code_point_where_they_stand():
    expected = {
        "esc-clear-screen-name.yaml": (2, 14, "U+001B"),
        "osc52-clipboard-card.yaml": (4, 16, "U+001B"),
        "bidi-override-name.yaml": (2, 13, "U+202E"),
        "c1-raw-text.yaml": (4, 10, "U+009B"),
        "raw-esc-strategy.yaml": (3, 12, "U+001B"),
        "esc-in-key.yaml": (3, 5, "U+001B"),
        "esc-in-comment.yaml": (1, 3, "U+001B"),
    }
    for name, (line, column, code) in expected.items():
        with pytest.raises(DeckError) as caught:
            load_file(POISONED / name)
        first = caught.value.problems[0]
        assert (first.line, first.column) == (line, column), name
        assert code in first.message, (name, first.message)


def test_every_field_of_one_deck_is_reported():
    with pytest.raises(DeckError) as caught:
        load_file(POISONED / "every-field.yaml")
    lines = {problem.line for problem in caught.value.problems}
    assert lines == {1, 2, 3, 4, 5, 6, 7, 9, 10, 11, 13, 14, 16, 17}
