"""Issue 13: the parsed-deck cache. Unchanged decks load without YAML; a bad cache is rebuilt."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from helpers.decks import write
from helpers.profiles import examples
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cardgame import paths
from cardgame.decks import clear_cache, load_library
from cardgame.decks.cache import cache_path, read_cache

DECK = """\
id: cached
name: Cached
order: fixed
audience: [family]
cards:
  - text: First?
    level: 2
    audience: [kids]
    min_players: 3
  - {text: Do it., kind: action, follow_up: Then?}
  - {text: All of you?, kind: wildcard, wildcard: anyone}
"""
PROMPTS = "table_prompts: 1\nreflection:\n" + "".join(
    f"  {key}: [{key} words]\n"
    for key in ("mirror", "validate", "empathise", "check", "clarify", "heard", "move_on")
)
PROMPTS += "kids:\n" + PROMPTS.split("reflection:\n", 1)[1] + "closing: [Bye]\n"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    decks = tmp_path / "decks"
    write(decks, DECK, "cached.yaml")
    write(decks, PROMPTS, "table-prompts.yaml")
    write(decks, "name: Broken\ncards: [yes]\n", "broken.yaml")
    return decks


def snapshot(library) -> tuple:
    return (library.decks, library.prompts, sorted(library.problems, key=str))


def test_a_second_load_comes_from_the_cache_and_is_the_same(folder):
    assert not cache_path().exists()
    first = load_library([folder])
    assert cache_path().is_file()
    assert cache_path().parent == paths.cache_dir()
    assert set(read_cache()) == {str(p) for p in folder.iterdir()}
    second = load_library([folder])
    assert snapshot(second) == snapshot(first)
    assert snapshot(load_library([folder], use_cache=False)) == snapshot(first)
    assert second.decks[0].cards[0].min_players == 3
    assert [str(p) for p in second.problems] == [str(p) for p in first.problems]


CHECK_IMPORTS = """
import sys
from pathlib import Path
from cardgame.decks import load_library
library = load_library([Path(sys.argv[1])])
assert library.decks and library.prompts and library.problems, library
parsed = [name for name in ("yaml", "cardgame.decks.validate", "cardgame.decks.yamlsafe")
          if name in sys.modules]
print(",".join(parsed) or "none")
"""


def run_load(folder: Path) -> str:
    result = subprocess.run(
        [sys.executable, "-c", CHECK_IMPORTS, str(folder)],
        capture_output=True,
        text=True,
        env=os.environ.copy(),
        timeout=120,
        check=True,
    )
    return result.stdout.strip()


def test_an_unchanged_library_loads_without_yaml_or_the_validator(folder):
    assert run_load(folder) == "yaml,cardgame.decks.validate,cardgame.decks.yamlsafe"
    assert run_load(folder) == "none"
    write(folder, DECK.replace("First?", "First again?"), "cached.yaml")
    assert run_load(folder) != "none", "a changed file is parsed again"
    assert run_load(folder) == "none"


def test_a_changed_file_is_read_again(folder):
    load_library([folder])
    path = write(folder, DECK.replace("name: Cached", "name: Changed name"), "cached.yaml")
    os.utime(path, ns=(1, 1))  # even with an old time: the size differs
    assert load_library([folder]).deck("cached").name == "Changed name"
    write(folder, "name: Mended\ncards: ['yes']\n", "broken.yaml")
    library = load_library([folder])
    assert library.deck("broken").name == "Mended"
    assert library.problems == []


def test_use_cache_false_neither_reads_nor_writes(folder):
    load_library([folder], use_cache=False)
    assert not cache_path().exists()
    load_library([folder])
    cache_path().write_text("{not json", encoding="utf-8")
    assert load_library([folder], use_cache=False).deck("cached")
    assert cache_path().read_text(encoding="utf-8") == "{not json"


def test_clear_cache_counts_what_it_removed(folder):
    assert clear_cache() == 0
    load_library([folder])
    assert clear_cache() == 1
    assert not cache_path().exists()
    assert clear_cache() == 0


def tamper(change) -> None:
    """Change the cache as a forger would: keeping every digest right."""
    head, index, rows = cache_path().read_bytes().split(b"\n", 2)
    files = json.loads(index)
    document = {**json.loads(head), "files": files, "rows": {}}
    for path, (_, _, kind, payload) in files.items():
        if kind == "deck":
            offset, length, _ = payload[8]
            document["rows"][path] = json.loads(rows[offset : offset + length])
    before = json.dumps(document["rows"])
    change(document)
    if "rows" in document and json.dumps(document["rows"]) != before:  # lay them out again
        rows = b""
        for path, deck_rows in document["rows"].items():
            data = json.dumps(deck_rows).encode("utf-8")
            document["files"][path][3][8] = [len(rows), len(data), digest(data)]
            rows += data
    document.pop("rows", None)
    index = json.dumps(document.pop("files", {})).encode("utf-8")
    document["digest"] = digest(index)
    cache_path().write_bytes(json.dumps(document).encode("utf-8") + b"\n" + index + b"\n" + rows)


def digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def deck_entry(document) -> list:
    return next(v for k, v in document["files"].items() if k.endswith("cached.yaml"))


def deck_rows(document) -> list:
    return next(v for k, v in document["rows"].items() if k.endswith("cached.yaml"))


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(
            lambda d: deck_entry(d)[3].__setitem__(1, "Evil \x1b]52;c;eA==\x07"), id="esc"
        ),
        pytest.param(lambda d: deck_entry(d)[3].__setitem__(1, "\u202eEvil"), id="bidi"),
        pytest.param(lambda d: deck_entry(d)[3].__setitem__(6, "random"), id="order"),
        pytest.param(lambda d: deck_entry(d)[3][7][1].__setitem__(0, -1), id="summary-count"),
        pytest.param(lambda d: deck_entry(d)[3][7].__setitem__(1, [0, 0, 0]), id="summary-none"),
        pytest.param(lambda d: deck_entry(d)[3][8].__setitem__(1, 10**9), id="rows-past-end"),
        pytest.param(lambda d: deck_entry(d).__setitem__(2, "pickle"), id="kind-of-entry"),
        pytest.param(lambda d: d.__setitem__("files", []), id="files-list"),
        pytest.param(lambda d: d.__setitem__("code", ["0.9"]), id="other-version"),
        pytest.param(lambda d: d.clear(), id="empty"),
    ],
)
def test_a_tampered_cache_is_never_trusted(folder, change):
    truth = snapshot(load_library([folder], use_cache=False))
    load_library([folder])
    tamper(change)
    assert read_cache() == {}
    assert snapshot(load_library([folder])) == truth
    assert set(read_cache()) == {str(p) for p in folder.iterdir()}, "rebuilt"


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda d: deck_rows(d)[0].__setitem__(1, "Evil \x1b]2;x\x07"), id="esc"),
        pytest.param(lambda d: deck_rows(d)[0].__setitem__(2, 7), id="level-7"),
        pytest.param(lambda d: deck_rows(d)[0].__setitem__(3, "story"), id="kind"),
        pytest.param(lambda d: deck_rows(d)[0].__setitem__(4, ["pets"]), id="audience"),
        pytest.param(lambda d: deck_rows(d)[0].__setitem__(7, 99), id="min-players"),
        pytest.param(lambda d: deck_rows(d)[0].__setitem__(0, "Bad Id"), id="card-id"),
        pytest.param(lambda d: deck_rows(d).clear(), id="no-cards"),
        pytest.param(lambda d: deck_rows(d).append(deck_rows(d)[1]), id="duplicate"),
        pytest.param(lambda d: deck_rows(d)[0].__setitem__(2, 1), id="not-the-summary"),
    ],
)
def test_forged_card_rows_are_never_used(folder, change):
    """A deck's rows are checked when its cards are first built: forged rows (with right
    digests) are never used; the deck's file is read afresh and the cache removed."""
    truth = snapshot(load_library([folder], use_cache=False))
    load_library([folder])
    tamper(change)
    library = load_library([folder])
    deck = library.deck("cached")
    assert not deck.cards.built, "listing the deck builds none of its cards"
    true_deck = truth[0][0]
    assert deck.cards == true_deck.cards  # built now: from the file, not from the rows
    assert deck.summary == true_deck.summary
    assert snapshot(library) == truth
    assert not cache_path().exists(), "removed, to be rebuilt"
    assert snapshot(load_library([folder])) == truth
    assert set(read_cache()) == {str(p) for p in folder.iterdir()}, "rebuilt"


@pytest.mark.parametrize(
    "content",
    [b"", b"\x00\xff garbage", b"[1, 2", b"null", b'{"code": 1}', b"9" * 5000, b"[" * 100_000],
)
def test_a_corrupt_cache_is_ignored_and_rebuilt(folder, content):
    truth = snapshot(load_library([folder], use_cache=False))
    cache_path().parent.mkdir(parents=True, exist_ok=True)
    cache_path().write_bytes(content)
    assert snapshot(load_library([folder])) == truth
    assert read_cache()


def test_a_cache_that_cannot_be_written_costs_nothing_but_time(folder, monkeypatch, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("CARDGAME_CACHE_DIR", str(blocker / "cache"))
    assert load_library([folder]).deck("cached")
    assert clear_cache() == 0


def test_a_cache_that_is_a_fifo_is_not_read(folder):
    cache_path().parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(cache_path())
    assert read_cache() == {}


@settings(
    max_examples=examples(60),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(data=st.data())
def test_random_damage_to_the_cache_never_changes_what_loads(folder, data):
    truth = snapshot(load_library([folder], use_cache=False))
    load_library([folder])
    raw = bytearray(cache_path().read_bytes())
    for _ in range(data.draw(st.integers(1, 4))):
        at = data.draw(st.integers(0, len(raw) - 1))
        raw[at] = data.draw(st.integers(0, 255))
    cache_path().write_bytes(bytes(raw))
    assert snapshot(load_library([folder])) == truth


def test_the_collector_is_paused_while_a_library_loads_and_left_as_it_was(folder):
    import gc

    during: list[bool] = []
    load_library([folder], progress=lambda done, total: during.append(gc.isenabled()))
    assert during and not any(during[1:]), "no collection while cards are built"
    assert gc.isenabled()
    gc.disable()
    try:
        load_library([folder])
        assert not gc.isenabled(), "a collector someone else paused stays paused"
    finally:
        gc.enable()


def test_a_cached_load_looks_at_each_file_once(folder, monkeypatch):
    """Each look at the disk from the deck reader waits for the interpreter while the screen
    is drawn: the old load resolved every path (a dozen lstat calls each) and looked at each
    file again to check its cache entry. Now the look discovery takes is the only one."""
    for number in range(20):
        write(folder, DECK.replace("id: cached", f"id: more-{number}"), f"more-{number}.yaml")
    load_library([folder])
    looks: list[str] = []
    for name in ("stat", "lstat"):
        original = getattr(os, name)

        def counting(*args, _original=original, **kwargs):
            looks.append(str(args[0]))
            return _original(*args, **kwargs)

        monkeypatch.setattr(os, name, counting)
    library = load_library([folder])
    assert len(library.decks) == 21
    assert len(looks) <= 3, looks  # the folder itself, not its 23 files
