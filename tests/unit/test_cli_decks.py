"""``cardgame validate``, ``decks``, ``schema``, ``--version`` and ``--help``: the logic in
process (``main(argv, out, err)``), each exit code once as a real ``python -m cardgame``."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from helpers.cli import record_use_cache, run_main, run_process, write

from cardgame import __version__, paths
from cardgame.decks.schema import schema_text

LOCATED = re.compile(r"^(?P<path>.+):(?P<line>\d+):(?P<col>\d+): (?P<message>.+)$")
GOOD = "name: Good\ncards: [What went well today?]\n"
BAD = """\
name: Bad
cards:
  - text: a
    levle: 2
  - text: b
    kind: story
"""


@pytest.fixture
def home(isolated_dirs: Path) -> Path:
    """The test's own folder; config and data folders (from conftest) live inside it."""
    return isolated_dirs


def cardgame(*args: str | Path):
    return run_main(*args)


# -- validate --------------------------------------------------------------------------------


def test_validate_valid_file_exits_0(home):
    path = write(home, "good.yaml", GOOD)
    result = run_process("validate", path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "1 file valid\n"


def test_validate_bundled_decks_exits_0(home):
    result = cardgame("validate", paths.bundled_decks_dir())
    assert result.returncode == 0, result.stdout
    count = len(list(paths.bundled_decks_dir().glob("*.yaml")))
    assert result.stdout.splitlines() == [f"{count} files valid"]


def test_validate_invalid_file_prints_every_problem_located_and_exits_1(home):
    path = write(home, "bad.yaml", BAD)
    result = run_process("validate", path)
    assert result.returncode == 1
    *problems, summary = result.stdout.splitlines()
    assert summary == "2 problems in 1 of 1 file"
    located = [LOCATED.match(line) for line in problems]
    assert all(located), problems
    assert [(m["path"], m["line"], m["col"]) for m in located] == [
        (str(path), "4", "5"),
        (str(path), "6", "11"),
    ]
    assert located[0]["message"] == "unknown key 'levle', did you mean 'level'?"
    assert located[1]["message"].startswith("'kind' must be one of question, action, wildcard")


def test_validate_folder_reports_only_bad_files_and_counts_all(home):
    write(home / "decks", "a.yaml", GOOD)
    bad = write(home / "decks", "b.yml", BAD)
    binary = home / "decks" / "c.yaml"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    write(home / "decks", "notes.txt", "not a deck")
    result = cardgame("validate", home / "decks")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[-1] == "3 problems in 2 of 3 files"
    assert {line.split(":", 1)[0] for line in lines[:-1]} == {str(bad), str(binary)}
    assert f"{binary}:3:1: binary file (NUL byte); not a deck" in lines


def test_validate_several_paths(home):
    good = write(home, "good.yaml", GOOD)
    other = write(home, "other.yaml", "name: Other\ncards: [b]\n")
    result = cardgame("validate", good, other)
    assert (result.returncode, result.stdout) == (0, "2 files valid\n")


def test_validate_missing_path_says_there_is_no_such_file(home):
    missing = home / "nowhere.yaml"
    result = cardgame("validate", missing)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"{missing}: no such file or folder",
        "1 problem; no deck file checked",
    ]


def test_validate_without_paths_is_a_usage_error(home):
    result = run_process("validate")
    assert result.returncode == 2
    assert result.stdout == ""
    assert "usage:" in result.stderr and "PATH" in result.stderr


def test_unknown_command_or_option_is_a_usage_error(home):
    assert cardgame("frobnicate").returncode == 2
    assert cardgame("decks", "--nope").returncode == 2


# -- decks -----------------------------------------------------------------------------------


def test_decks_table_lists_bundled_and_user_decks(home):
    user = home / "config" / "decks"
    write(user, "mine.yaml", "name: My Own\naudience: [family]\ncards:\n  - {text: a, level: 3}\n")
    result = cardgame("decks")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    lines = result.stdout.splitlines()
    assert lines[0] == f"Your own decks go in: {user}"
    assert lines[1].split() == ["ID", "NAME", "CARDS", "LEVELS", "AUDIENCE", "SOURCE"]
    mine = next(line for line in lines if line.startswith("mine "))
    assert mine.split() == ["mine", "My", "Own", "1", "3", "family", str(user / "mine.yaml")]
    assert re.fullmatch(r"\d+ decks, \d+ cards", lines[-1])
    assert int(lines[-1].split()[0]) == len(lines) - 3


def test_decks_reports_skipped_files_on_stderr_and_still_lists(home):
    user = home / "config" / "decks"
    bad = write(user, "bad.yaml", BAD)
    clash = write(user, "clash.yaml", "id: empathy\nname: Clash\ncards: [a]\n")
    result = cardgame("decks")
    assert result.returncode == 0
    assert "empathy" in result.stdout
    skipped = result.stderr.splitlines()
    assert all(line.startswith("skipped: ") for line in skipped)
    assert any(line.startswith(f"skipped: {bad}:4:5: unknown key 'levle'") for line in skipped)
    assert f"skipped: {clash}: deck id 'empathy' is already used by " in result.stderr


def test_decks_json_has_every_field(home):
    extra = home / "extra"
    write(extra, "extra.yaml", "name: Extra\ncards: [a, {text: b, level: 2}]\n")
    result = cardgame("decks", "--json", "--decks-dir", extra)
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert isinstance(rows, list)
    by_id = {row["id"]: row for row in rows}
    assert by_id["extra"] == {
        "id": "extra",
        "name": "Extra",
        "strategy": "",
        "cards": 2,
        "levels": [1, 2],
        "audience": ["couples", "friends", "family"],
        "cards_per_audience": {"couples": 2, "friends": 2, "family": 2},
        "source": str(extra / "extra.yaml"),
    }
    bundled = {p.stem for p in paths.bundled_decks_dir().glob("*.yaml")} - {"table-prompts"}
    assert bundled <= set(by_id)
    for row in rows:
        assert {"id", "name", "cards", "levels", "audience", "source"} <= set(row)
        assert Path(row["source"]).is_file()


# -- schema, version, help -------------------------------------------------------------------


def test_schema_prints_the_shipped_schema(home):
    result = cardgame("schema")
    assert result.returncode == 0
    assert result.stdout == schema_text()
    assert json.loads(result.stdout)["$schema"].endswith("2020-12/schema")


def test_version(home):
    result = cardgame("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"cardgame {__version__}"
    assert re.fullmatch(r"\d+\.\d+\.\d+\S*", __version__)


def test_help_has_a_line_per_subcommand(home):
    result = cardgame("--help")
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    for command in [
        "play",
        "validate",
        "decks",
        "schema",
        "draw",
        "favourites",
        "history",
        "cache",
    ]:
        assert any(re.match(rf"\s+{command}\s+\S", line) for line in lines), command


# -- paths that are not deck files: reported, never opened, never a hang ---------------------


@pytest.fixture
def fifo(home) -> Path:
    path = home / "pipe.yaml"
    os.mkfifo(path)
    return path


def test_validate_a_fifo_is_reported_not_opened(fifo):
    result = run_process("validate", fifo, timeout=30)  # it hung forever before
    assert result.returncode == 1
    assert (
        result.stdout.splitlines()[0] == f"{fifo}: a FIFO (named pipe), not a deck file; not read"
    )


def test_validate_a_device_is_reported_not_opened(home):
    result = cardgame("validate", "/dev/zero", home / "nope.yaml")
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "/dev/zero: a character device, not a deck file; not read",
        f"{home / 'nope.yaml'}: no such file or folder",
        "2 problems; no deck file checked",
    ]


@pytest.mark.parametrize("command", [["decks"], ["validate", "."], ["play"], ["draw"]])
def test_decks_dir_that_does_not_exist_is_a_usage_error(home, command):
    missing = home / "no-such-folder"
    result = cardgame(*command, "--decks-dir", missing)
    assert result.returncode == 2
    assert f"argument --decks-dir: {missing}: no such file or folder" in result.stderr


def test_decks_dir_that_is_a_fifo_is_a_usage_error(fifo):
    result = cardgame("decks", "--decks-dir", fifo)
    assert result.returncode == 2
    assert "a FIFO (named pipe), not a deck file" in result.stderr


# -- deck ids clash across the files given and with the decks the game loads ------------------


def test_validate_reports_a_deck_id_used_by_two_files_given(home):
    one = write(home / "a", "same.yaml", GOOD)
    two = write(home / "b", "same.yaml", "name: Other\ncards: [b]\n")
    result = cardgame("validate", one, two)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"{two}: deck id 'same' is already used by {one}; the game skips this deck",
        "1 problem in 1 of 2 files",
    ]


def test_validate_reports_a_deck_id_used_by_a_bundled_or_user_deck(home):
    bundled = paths.bundled_decks_dir() / "empathy.yaml"
    user = write(home / "config" / "decks", "mine.yaml", GOOD)
    clash = write(home, "empathy.yaml", GOOD)
    mine_again = write(home / "elsewhere", "mine.yaml", GOOD)
    result = cardgame("validate", clash, mine_again, user)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"{clash}: deck id 'empathy' is already used by {bundled}; the game skips this deck",
        f"{mine_again}: deck id 'mine' is already used by {user}; the game skips this deck",
        "2 problems in 2 of 3 files",
    ]


def test_validating_the_loaded_decks_themselves_is_no_clash(home):
    write(home / "config" / "decks", "mine.yaml", GOOD)
    result = cardgame("validate", paths.bundled_decks_dir(), home / "config" / "decks")
    assert result.returncode == 0, result.stdout


def test_decks_table_cuts_long_names_with_an_ellipsis(home):
    name = "A Very Long Deck Name That Goes On And On Past Any Column"
    write(home / "config" / "decks", "long.yaml", f"name: {name}\ncards: [a]\n")
    line = next(line for line in cardgame("decks").out.splitlines() if line.startswith("long "))
    assert "A Very Long Deck Name That Goes…" in line and name not in line


def test_decks_markdown_keeps_one_row_per_deck(home):
    write(home / "config" / "decks", "pipe.yaml", 'name: "Pipes | and tabs\\there"\ncards: [a]\n')
    lines = cardgame("decks", "--markdown").out.splitlines()
    (row,) = [line for line in lines if "Pipes" in line]
    assert row.startswith("| Pipes \\| and tabs\\x09here | ")


# -- the parsed-deck cache ---------------------------------------------------------------------


def test_cache_clear_and_no_cache(home):
    cache_dir = home / "cache"
    assert cardgame("decks").code == 0  # writes the cache
    assert any(cache_dir.iterdir())
    cleared = cardgame("cache", "clear")
    assert cleared.code == 0
    assert cleared.out.startswith("Removed 1 cache file from ")
    assert not any(cache_dir.iterdir())
    assert cardgame("cache", "clear").out == f"The deck cache in {cache_dir} was already empty\n"
    assert cardgame("--no-cache", "decks").code == 0
    assert cardgame("decks", "--no-cache", "--json").code == 0
    assert cardgame("validate", "--no-cache", paths.bundled_decks_dir()).code == 0
    assert cardgame("draw", "--no-cache").code == 0
    assert not any(cache_dir.iterdir())  # --no-cache writes nothing


def test_no_cache_reads_every_file_afresh(home, monkeypatch):
    seen = record_use_cache(monkeypatch)
    cardgame("decks")
    cardgame("--no-cache", "decks")
    cardgame("validate", paths.bundled_decks_dir(), "--no-cache")
    assert seen == [True, False, False]


def test_validate_a_folder_reports_its_fifo_and_symlink_loop_once_each(home):
    folder = home / "mixed"
    write(folder, "good.yaml", GOOD)
    os.mkfifo(folder / "pipe.yaml")
    (folder / "loop").symlink_to(folder, target_is_directory=True)
    result = run_process("validate", folder, timeout=30)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert (
        lines.count(f"{folder / 'pipe.yaml'}: a FIFO (named pipe), not a deck file; not read") == 1
    )
    assert sum("loop" in line for line in lines) == 1, lines
    assert lines[-1] == "2 problems in 0 of 1 file; 2 paths not read"
