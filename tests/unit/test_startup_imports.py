"""What the first frame imports: the app and setup, not the game, the store's readers of decks
or the other screens (issue 13: every module fewer is a faster start). No timing here: only which
modules a fresh interpreter has loaded once ``cardgame.app`` is imported."""

from __future__ import annotations

import importlib
import json
import subprocess
import sys

import pytest

LATER = (
    "cardgame.engine.game",  # the game's code comes with the first deal
    "cardgame.engine.dealer",
    "cardgame.engine.reflection",
    "cardgame.engine.timer",
    "cardgame.screens.play",  # and every screen but setup when it is first shown
    "cardgame.screens.reflection",
    "cardgame.screens.choose",
    "cardgame.screens.menu",
    "cardgame.screens.help",
    "cardgame.screens.summary",
    "cardgame.screens.favourites",
    "cardgame.screens.browse",
    "cardgame.decks.model",  # its dataclasses cost more than any other module of ours
    "cardgame.decks.loader",  # the decks are read after the first frame, off the event loop
    "cardgame.decks.cache",
    "cardgame.decks.library",
    "yaml",
)


@pytest.fixture(scope="module")
def loaded() -> set[str]:
    code = "import json, sys, cardgame.app; print(json.dumps(sorted(sys.modules)))"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    return set(json.loads(out))


@pytest.mark.parametrize("module", LATER)
def test_the_app_imports_only_what_the_first_frame_needs(loaded: set[str], module: str) -> None:
    assert module not in loaded


@pytest.mark.parametrize("package", ["cardgame.engine", "cardgame.decks"])
def test_every_name_still_imports_from_the_package(package: str) -> None:
    module = importlib.import_module(package)
    for name in module.__all__:
        assert getattr(module, name) is not None, name
    with pytest.raises(AttributeError):
        module.no_such_name  # noqa: B018
    from cardgame.decks.model import Card
    from cardgame.engine.game import Game

    assert module.__name__ != "cardgame.engine" or module.Game is Game
    assert module.__name__ != "cardgame.decks" or module.Card is Card
