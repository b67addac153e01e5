"""No control byte from a deck, a file name, the store or an argument reaches the terminal.

Every command runs on a corpus of poisoned decks (escape sequences that set the window title or
write the clipboard, C1 controls, bidi overrides in names, keys, colours, tags and file names)
and its stdout and stderr are searched for any control character. Plus the safe stream itself.
"""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from helpers.cli import ROOT, run_main, run_process

from cardgame import paths
from cardgame.cli.output import Output, SafeStream, safe
from cardgame.decks.model import Card
from cardgame.store import Store

CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
TITLE = "\x1b]0;pwned\x1b\\"
CLIPBOARD = "\x1b]52;c;aGVsbG8=\x07"
POISONS = (TITLE, CLIPBOARD, "\x9b31m", "\u202eevil", "\x1b[2J", "\u2066iso")
POISONED_DATA = ROOT / "tests" / "data" / "poisoned"  # the decks helper's shared corpus


def yaml_string(text: str) -> str:
    """``text`` as a YAML double-quoted scalar (YAML's escapes carry the control characters)."""
    return json.dumps(text)


def poisoned_decks(folder: Path) -> Path:
    """Hostile deck files: controls in every field, key, colour, tag and file name."""
    folder.mkdir(parents=True, exist_ok=True)
    files = {
        "names.yaml": (
            f"id: evil-names\nname: {yaml_string('Evil ' + TITLE)}\n"
            f"strategy: {yaml_string('Skill ' + CLIPBOARD)}\n"
            f"description: {yaml_string('About ' + POISONS[2])}\n"
            f"cards:\n  - text: {yaml_string('Card ' + POISONS[3])}\n"
            f"    follow_up: {yaml_string('Then ' + POISONS[4])}\n"
        ),
        "keys.yaml": f"name: Keys\n{yaml_string('lev' + TITLE)}: 1\ncards: [a]\n",
        "colour.yaml": f"name: Colour\ncolor: {yaml_string('red' + POISONS[2])}\ncards: [a]\n",
        "tags.yaml": "name: Tags\ncards:\n  - !e%1B%5D0;x%07%E2%80%AE b\n",
        "levels.yaml": f"name: Level\ncards:\n  - text: a\n    level: {yaml_string(CLIPBOARD)}\n",
        "kind.yaml": f"name: Kind\ncards:\n  - text: a\n    kind: {yaml_string(POISONS[5])}\n",
        "audience.yaml": f"name: Aud\naudience: [{yaml_string(POISONS[3])}]\ncards: [a]\n",
        "clash.yaml": f"id: evil-names\nname: {yaml_string(POISONS[4])}\ncards: [a]\n",
        f"file{TITLE}\u202e.yaml": "name: Named by its file\ncards: [a]\n",
        f"bad{CLIPBOARD}.yaml": "name: [unclosed\n",
        "raw.yaml": "name: Raw \x1b[31m control\ncards: [a]\n",
        "c1.yaml": "name: C1 \u009b bytes\ncards: [a]\n",
    }
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    return poisoned_decks(tmp_path / "poisoned")


@pytest.fixture
def poisoned_store():
    """Favourites and history holding control characters (written before the fixes, or forged)."""
    with Store.open(paths.database_path()) as store:
        store.add_favourite(Card("evil", "c1", "Text " + CLIPBOARD, 2), "Deck " + TITLE)
        game = store.start_game(["Ana" + POISONS[3], "Ben" + POISONS[2]], {"x": TITLE})
        store.record_deal(game, "evil", "c1", "Ana" + POISONS[3], "answered", 1.0)
    return paths.database_path()


def commands(corpus: Path, tmp_path: Path) -> list[list[str]]:
    yaml_files = sorted(corpus.glob("*.yaml"))
    deck_file = str(next((p for p in yaml_files if p.name.startswith("file")), yaml_files[0]))
    dirs = ["--decks-dir", str(corpus)]
    return [
        ["validate", str(corpus)],
        ["validate", deck_file, str(yaml_files[-1])],
        ["validate", str(corpus / f"missing{TITLE}.yaml")],
        ["decks", *dirs],
        ["decks", "--json", *dirs],
        ["decks", "--markdown", *dirs],
        ["schema"],
        ["draw", *dirs, "--deck", "evil-names"],
        ["draw", *dirs, "--deck", "evil-names", "--json"],
        ["draw", "--deck", f"nope{CLIPBOARD}"],
        ["favourites"],
        ["favourites", "--json"],
        ["favourites", "--export", str(tmp_path / f"out{TITLE}.yaml")],
        ["favourites", "--export", str(tmp_path / "x.yaml"), "--id", f"bad{TITLE}"],
        ["history"],
        ["history", "--json"],
        ["play", *dirs, "--players", f"Ana{TITLE},Ben", "--deck", f"no{CLIPBOARD}"],
        ["play", "--players", f"Ana,,{TITLE}"],
        ["play", "--rounds", f"{CLIPBOARD}"],
        ["--decks-dir", str(tmp_path / f"gone{TITLE}"), "decks"],
        [f"frob{TITLE}"],
        ["decks", f"--{POISONS[3]}"],
        ["--help"],
        ["play", "--help"],
    ]


def assert_clean(text: str, where: str) -> None:
    found = CONTROL.search(text)
    assert found is None, f"{where}: {found.group()!r} at {found.start()}: {text[:400]!r}"


def test_no_command_prints_a_control_character(corpus, poisoned_store, tmp_path):
    for argv in commands(corpus, tmp_path):
        result = run_main(*argv)
        assert_clean(result.out, f"stdout of {argv}")
        assert_clean(result.err, f"stderr of {argv}")
        assert result.code in (0, 1, 2), (argv, result)


def test_the_poison_is_shown_as_escapes_not_dropped(corpus):
    result = run_main("validate", corpus)
    assert "\\x1b]0;pwned\\x1b\\" in result.out  # the file name, made visible
    assert "unsupported tag !e\\x1b]0;x\\x07\\u202e" in result.out  # a YAML tag, made visible
    skipped = run_main("decks", "--decks-dir", corpus / f"bad{CLIPBOARD}.yaml").err
    assert skipped.startswith(f"skipped: {corpus}/bad\\x1b]52;c;aGVsbG8=\\x07.yaml:2:1: ")


def test_json_outputs_escape_controls_and_stay_valid_json(corpus, poisoned_store):
    favourites = run_main("favourites", "--json")
    assert favourites.out.isascii()
    assert json.loads(favourites.out)[0]["text"] == "Text " + CLIPBOARD
    history = run_main("history", "--json")
    assert json.loads(history.out)[0]["players"][0] == "Ana" + POISONS[3]
    decks = run_main("decks", "--json", "--decks-dir", corpus)
    assert decks.out.isascii() and json.loads(decks.out)


def test_no_command_prints_a_control_character_on_the_shared_corpus(poisoned_store, tmp_path):
    for argv in commands(POISONED_DATA, tmp_path):
        result = run_main(*argv)
        assert_clean(result.out + result.err, str(argv))


def test_real_process_streams_are_clean(corpus):
    """argparse, Python and the command itself write to the real file descriptors here."""
    for argv in (["validate", corpus], ["decks", "--decks-dir", corpus], [f"frob{TITLE}"]):
        result = run_process(*argv)
        assert_clean(result.out, f"stdout of {argv}")
        assert_clean(result.err, f"stderr of {argv}")


# ---------------------------------------------------------------- the stream itself


def test_safe_shows_every_refused_character_as_an_escape():
    assert safe("a\x1b[2Jb") == "a\\x1b[2Jb"
    assert safe("\x9b\x7f\u202e\u2066") == "\\x9b\\x7f\\u202e\\u2066"
    assert safe("tab\tand\nnewline") == "tab\tand\nnewline"
    assert safe("tab\tand\nnewline", one_line=True) == "tab\\x09and\\x0anewline"
    assert safe("undecodable \udcff") == "undecodable \\xff"
    assert safe("Ünïcode ✨ “ok”") == "Ünïcode ✨ “ok”"


def test_every_write_and_print_goes_through_the_filter():
    raw = io.StringIO()
    stream = SafeStream(raw)
    stream.write("a\x1b")
    print("b\x9b", file=stream)
    stream.line("c\u202e")
    stream.json({"t": "d\x1b\u202e"})
    assert raw.getvalue() == 'a\\x1bb\\x9b\nc\\u202e\n{\n  "t": "d\\u001b\\u202e"\n}\n'


def test_usage_errors_go_through_the_filter():
    out, err = io.StringIO(), io.StringIO()
    output = Output.to(out, err)
    with output.as_sys_streams():
        import sys

        print("\x1b]0;x\x07", file=sys.stderr)
    assert err.getvalue() == "\\x1b]0;x\\x07\n"
