"""Writing deck files in tests and reading back why one was refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from cardgame.decks import DeckError, Problem, load_file


def write(folder: Path, text: str, name: str = "d.yaml") -> Path:
    """Write ``text`` as ``folder/name`` (UTF-8) and return the path."""
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def problems(path: Path) -> list[Problem]:
    """The problems of a file that must be refused."""
    with pytest.raises(DeckError) as caught:
        load_file(path)
    assert caught.value.problems, "a DeckError always says why"
    return caught.value.problems


def messages(path: Path) -> list[str]:
    return [problem.message for problem in problems(path)]
