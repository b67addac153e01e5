"""A library that takes long to read never holds the screen (issue 13).

The deck reader is slowed down by an event the test controls: it finishes only once the test
has seen the screen answer keys, or after a few seconds (so the old, blocking code fails
instead of hanging).
"""

from __future__ import annotations

import shutil
import threading

from helpers.app import TEST_DECKS, wait_until

import cardgame.decks.library
from cardgame.app import create_app

LONGEST_READ = 5.0  # seconds: the reader gives up waiting for the test after this


async def test_names_can_be_typed_while_a_slow_library_is_read(tmp_path, clock, monkeypatch):
    decks = tmp_path / "decks"
    decks.mkdir()
    for name in ("table-talk.yaml", "table-prompts.yaml"):
        shutil.copy(TEST_DECKS / name, decks / name)
    (decks / "broken.yaml").write_text("name: [\n")
    typed_while_reading = threading.Event()
    reading = threading.Event()
    load = cardgame.decks.library.load_library

    def slow_load(*args, **kwargs):
        reading.set()
        typed_while_reading.wait(LONGEST_READ)
        return load(*args, **kwargs)

    # The module, not the package: the package's lazy attribute would stay pinned afterwards.
    monkeypatch.setattr(cardgame.decks.library, "load_library", slow_load)
    app = create_app(data_dir=tmp_path / "data", decks_dirs=[decks], clock=clock, live_timers=False)
    async with app.run_test(size=(100, 40), notifications=True) as pilot:
        await wait_until(pilot, reading.is_set, "the decks being read")
        name_input = app.screen.query_one("#new-player")
        await pilot.press("A", "n", "a")
        await wait_until(pilot, lambda: name_input.value == "Ana", "the typed name")
        # The old app read session.library on the UI thread just after the first frame: the
        # keys above waited for the whole library, and the reader for them.
        assert not app.screen.built, "the decks were read before the keys were answered"
        typed_while_reading.set()
        await wait_until(pilot, lambda: app.screen.built, "the deck list")
        await wait_until(pilot, lambda: app._notifications, "the skipped-file notice")
        notes = [str(note.message) for note in app._notifications]
    assert len(notes) == 1 and notes[0].startswith("1 deck file was skipped"), notes
