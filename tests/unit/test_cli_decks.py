"""``cardgame validate``, ``decks``, ``schema``, ``--version`` and ``--help``, run as a user would:
``python -m cardgame ...`` in a subprocess, with config and data folders of the test's own."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

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
def home(tmp_path, monkeypatch) -> Path:
    """Config and data folders for this test only; the user's real ones are never touched."""
    monkeypatch.setenv("CARDGAME_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("CARDGAME_DATA_DIR", str(tmp_path / "data"))
    return tmp_path


def cardgame(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "COLUMNS": "100"}
    assert "CARDGAME_CONFIG_DIR" in env and "CARDGAME_DATA_DIR" in env
    return subprocess.run(
        [sys.executable, "-m", "cardgame", *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        cwd=cwd,
        timeout=60,
    )


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# -- validate --------------------------------------------------------------------------------


def test_validate_valid_file_exits_0(home):
    path = write(home, "good.yaml", GOOD)
    result = cardgame("validate", path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "1 file(s) valid\n"


def test_validate_bundled_decks_exits_0(home):
    result = cardgame("validate", paths.bundled_decks_dir())
    assert result.returncode == 0, result.stdout
    count = len(list(paths.bundled_decks_dir().glob("*.yaml")))
    assert result.stdout.splitlines() == [f"{count} file(s) valid"]


def test_validate_invalid_file_prints_every_problem_located_and_exits_1(home):
    path = write(home, "bad.yaml", BAD)
    result = cardgame("validate", path)
    assert result.returncode == 1
    *problems, summary = result.stdout.splitlines()
    assert summary == "2 problem(s) in 1 of 1 file(s)"
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
    assert lines[-1] == "3 problem(s) in 2 of 3 file(s)"
    assert {line.split(":", 1)[0] for line in lines[:-1]} == {str(bad), str(binary)}
    assert f"{binary}:3:1: binary file (NUL byte); not a deck" in lines


def test_validate_several_paths(home):
    good = write(home, "good.yaml", GOOD)
    other = write(home, "other.yaml", "name: Other\ncards: [b]\n")
    result = cardgame("validate", good, other)
    assert (result.returncode, result.stdout) == (0, "2 file(s) valid\n")


def test_validate_missing_path_is_reported(home):
    missing = home / "nowhere.yaml"
    result = cardgame("validate", missing)
    assert result.returncode in (1, 2)
    assert str(missing) in result.stdout + result.stderr


def test_validate_without_paths_is_a_usage_error(home):
    result = cardgame("validate")
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
    assert re.fullmatch(r"\d+ deck\(s\), \d+ card\(s\)", lines[-1])
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
    for command in ["play", "validate", "decks", "schema", "favourites", "history"]:
        assert any(re.match(rf"\s+{command}\s+\S", line) for line in lines), command


# -- no Textual for the quick commands -------------------------------------------------------

NO_TEXTUAL = """\
import io, sys
from cardgame.cli import main
out, err = io.StringIO(), io.StringIO()
codes = [
    main(["validate", sys.argv[1]], out, err),
    main(["decks"], out, err),
    main(["decks", "--json"], out, err),
    main(["schema"], out, err),
]
assert codes == [0, 0, 0, 0], (codes, out.getvalue()[-500:], err.getvalue()[-500:])
loaded = sorted(name for name in sys.modules if name.split(".")[0] in ("textual", "rich"))
assert not loaded, loaded
print("ok")
"""


def test_validate_decks_and_schema_never_import_textual(home):
    deck = write(home, "good.yaml", GOOD)
    result = subprocess.run(
        [sys.executable, "-c", NO_TEXTUAL, str(deck)],
        capture_output=True,
        text=True,
        env=dict(os.environ),
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == "ok\n"
