"""Issue 9 items 6, 7, 15 and 17: discovery never raises or hangs, and says what it skipped."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest
from helpers.decks import problems, write
from helpers.poisoned import CONTROL_NAME, LOADS_ALONE, can_lock, poisoned_files, poisoned_folder

from cardgame import paths
from cardgame.decks import (
    DeckError,
    find_deck_files,
    find_id_clashes,
    load_file,
    load_library,
)
from cardgame.decks import discovery as discovery_module
from cardgame.text import has_unsafe

GOOD = "name: Good\ncards: [a]\n"


def finishes(call, seconds: float = 20.0):
    """Run ``call`` in a thread; fail (rather than hang the suite) if it does not return."""
    outcome: dict[str, object] = {}

    def run() -> None:
        try:
            outcome["value"] = call()
        except BaseException as error:  # handed back to the test
            outcome["error"] = error

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(seconds)
    assert not worker.is_alive(), f"{call} hung"
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]
    return outcome.get("value")


def failure(path: Path) -> DeckError:
    with pytest.raises(DeckError) as caught:
        load_file(path)
    return caught.value


def messages_for(found, path: Path) -> list[str]:
    return [problem.message for problem in found if problem.path == str(path)]


# -- only regular files are opened ------------------------------------------------------------


def test_a_fifo_given_by_name_is_a_problem_and_never_hangs(tmp_path):
    fifo = tmp_path / "f.yaml"
    os.mkfifo(fifo)
    error = finishes(lambda: failure(fifo))
    assert [p.message for p in error.problems] == ["a FIFO (named pipe), not a deck file; not read"]
    found = find_deck_files(fifo)
    assert found.files == []
    assert messages_for(found.problems, fifo) == ["a FIFO (named pipe), not a deck file; not read"]


def test_a_device_given_by_name_is_a_problem(tmp_path):
    assert [p.message for p in problems(Path(os.devnull))] == [
        "a character device, not a deck file; not read"
    ]


def test_a_fifo_swapped_in_after_the_check_is_still_not_read(tmp_path, monkeypatch):
    """Between the check and the open the file becomes a FIFO: the open never blocks."""
    path = write(tmp_path, GOOD, "race.yaml")
    real_open = os.open

    def swap_then_open(name, flags, *args):
        if Path(name) == path and path.is_file():
            path.unlink()
            os.mkfifo(path)
        return real_open(name, flags, *args)

    monkeypatch.setattr(discovery_module.os, "open", swap_then_open)
    error = finishes(lambda: failure(path))
    assert error.problems[0].message == "a FIFO (named pipe), not a deck file; not read"


# -- folders ----------------------------------------------------------------------------------


def test_special_entries_in_a_folder_are_reported_once_each(tmp_path):
    folder = tmp_path / "decks"
    write(folder, GOOD, "good.yaml")
    os.mkfifo(folder / "fifo.yaml")
    (folder / "self.yaml").symlink_to("self.yaml")
    (folder / "null.yaml").symlink_to(os.devnull)
    (folder / "gone.yaml").symlink_to("nowhere.yaml")
    (folder / "here").symlink_to(".", target_is_directory=True)
    library = finishes(lambda: load_library([folder]))
    assert [deck.name for deck in library.decks] == ["Good"]
    by_path = {Path(p.path).name: p.message for p in library.problems}
    assert len(by_path) == len(library.problems) == 5, library.problems
    assert by_path == {
        "fifo.yaml": "a FIFO (named pipe), not a deck file; not read",
        "self.yaml": "a symlink loop; not followed",
        "null.yaml": "a character device, not a deck file; not read",
        "gone.yaml": "a broken symlink (what it points to does not exist)",
        "here": f"a symlink to a folder already read ({folder}); not followed",
    }


def test_a_symlinked_subfolder_is_followed(tmp_path):
    elsewhere = tmp_path / "elsewhere"
    write(elsewhere / "deep", "name: Linked\ncards: [a]\n", "linked.yaml")
    folder = tmp_path / "decks"
    write(folder, GOOD, "good.yaml")
    (folder / "shared").symlink_to(elsewhere, target_is_directory=True)
    library = load_library([folder])
    assert sorted(deck.name for deck in library.decks) == ["Good", "Linked"]
    assert library.problems == []


def test_two_links_to_one_folder_read_it_once(tmp_path):
    shared = tmp_path / "shared"
    write(shared, "name: Shared\ncards: [a]\n", "shared.yaml")
    folder = tmp_path / "decks"
    folder.mkdir()
    (folder / "a").symlink_to(shared, target_is_directory=True)
    (folder / "b").symlink_to(shared, target_is_directory=True)
    library = load_library([folder])
    assert [deck.name for deck in library.decks] == ["Shared"]
    assert [Path(p.path).name for p in library.problems] == ["b"]


def test_a_folder_that_cannot_be_listed_is_one_problem(tmp_path, monkeypatch):
    folder = tmp_path / "decks"
    write(folder, GOOD, "good.yaml")
    locked = folder / "locked"
    write(locked, "name: Hidden\ncards: [a]\n", "hidden.yaml")
    real_scandir = os.scandir

    def scandir(path):
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(discovery_module.os, "scandir", scandir)
    library = load_library([folder])
    assert [deck.name for deck in library.decks] == ["Good"]
    assert [str(p) for p in library.problems] == [
        f"{locked}: cannot read this folder: Permission denied; its decks are skipped"
    ]


@pytest.mark.skipif(not can_lock(), reason="root ignores folder permissions (see the test above)")
def test_a_folder_without_permissions_is_one_problem(tmp_path):
    folder = tmp_path / "decks"
    write(folder, GOOD, "good.yaml")
    locked = folder / "locked"
    write(locked, GOOD.replace("Good", "Hidden"), "hidden.yaml")
    locked.chmod(0)
    try:
        library = load_library([folder])
    finally:
        locked.chmod(0o700)
    assert [deck.name for deck in library.decks] == ["Good"]
    assert [Path(p.path).name for p in library.problems] == ["locked"]


def test_a_missing_folder_is_fine_for_the_library_but_a_problem_when_named(tmp_path):
    assert load_library([tmp_path / "none"]).problems == []
    found = find_deck_files(tmp_path / "none")
    assert [p.message for p in found.problems] == ["no such file or folder"]


def test_discovery_never_raises_on_the_poisoned_folder(tmp_path):
    with poisoned_folder(tmp_path) as folder:
        library = finishes(lambda: load_library([folder]))
        skipped = {Path(path).name for path in library.skipped}
    loaded = {Path(str(deck.source)).name for deck in library.decks}
    hidden = set() if can_lock() else {"hidden.yaml"}  # root reads the locked folder anyway
    assert loaded == (LOADS_ALONE - {"clash-second.yaml"}) | {CONTROL_NAME} | hidden
    expected = {path.name for path in poisoned_files()} - loaded
    expected |= {"fifo.yaml", "self-loop.yaml", "back-up", "device.yaml"}
    if can_lock():
        expected.add("locked")
    assert skipped == expected
    for problem in library.problems:
        assert not has_unsafe(str(problem)), str(problem)


# -- files that change while they are read -----------------------------------------------------


def test_a_file_that_changes_while_it_is_read_is_read_again(tmp_path, monkeypatch):
    path = write(tmp_path, "name: Before\ncards:\n  - a\n", "d.yaml")
    real_read = os.read
    calls = []

    def read_while_writing(handle, size):
        data = real_read(handle, size)
        if not calls:  # the first read: the editor saves a new version meanwhile
            with open(path, "a", encoding="utf-8") as out:
                out.write("  - b\n")
        calls.append(size)
        return data

    monkeypatch.setattr(discovery_module.os, "read", read_while_writing)
    deck = load_file(path)
    assert [card.text for card in deck.cards] == ["a", "b"], "never half a file"


def test_a_file_that_never_stops_changing_is_reported(tmp_path, monkeypatch):
    path = write(tmp_path, "name: Busy\ncards: [a]\n", "d.yaml")
    real_read = os.read
    stamps = iter(range(1, 1000))

    def always_writing(handle, size):
        data = real_read(handle, size)
        if data:  # saved again, same size, a new time
            moment = next(stamps) * 1_000_000_000
            os.utime(path, ns=(moment, moment))
        return data

    monkeypatch.setattr(discovery_module.os, "read", always_writing)
    assert [p.message for p in problems(path)] == [
        "changed while it was read (3 tries); not loaded, try again"
    ]


# -- ids across files ---------------------------------------------------------------------------


def test_id_clashes_across_given_files_and_the_bundled_and_user_decks(tmp_path):
    user = paths.user_decks_dir()
    write(user, "id: mine\nname: Mine\ncards: [a]\n", "mine.yaml")
    library = load_library(paths.deck_sources())
    given = [
        write(tmp_path, "id: empathy\nname: Like a bundled one\ncards: [a]\n", "one.yaml"),
        write(tmp_path, "id: mine\nname: Like a user one\ncards: [a]\n", "two.yaml"),
        write(tmp_path, "id: fresh\nname: New\ncards: [a]\n", "three.yaml"),
        write(tmp_path, "id: fresh\nname: New again\ncards: [b]\n", "four.yaml"),
        user / "mine.yaml",  # the user's own file, given again: not a clash with itself
    ]
    decks = [load_file(path) for path in given]
    found = find_id_clashes(decks, library.decks)
    bundled = library.deck("empathy").source
    assert [str(problem) for problem in found] == [
        f"{given[0]}: deck id 'empathy' is already used by {bundled}; the game skips this deck",
        f"{given[1]}: deck id 'mine' is already used by {user / 'mine.yaml'}; "
        "the game skips this deck",
        f"{given[3]}: deck id 'fresh' is already used by {given[2]}; the game skips this deck",
    ]


def test_the_library_reports_progress_file_by_file(tmp_path):
    for number in range(3):
        write(tmp_path, f"name: D{number}\ncards: [a]\n", f"d{number}.yaml")
    seen: list[tuple[int, int]] = []
    library = load_library([tmp_path], progress=lambda done, total: seen.append((done, total)))
    assert len(library.decks) == 3
    assert seen == [(0, 3), (1, 3), (2, 3), (3, 3)]


def test_the_same_folder_given_twice_is_read_once(tmp_path):
    write(tmp_path, GOOD, "good.yaml")
    library = load_library([tmp_path, tmp_path])
    assert len(library.decks) == 1 and library.problems == []
