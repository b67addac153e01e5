"""Hostile deck files: rejected quickly, within bounded memory, with short messages, never a crash.

Time bounds are generous (a slow CI machine must pass) yet far below what the naive approach
costs: PyYAML expanding a billion-laughs document, or recursing 5,000 levels, takes minutes or
crashes.
"""

from __future__ import annotations

import time
import tracemalloc
from pathlib import Path

import pytest
from helpers.profiles import examples
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cardgame.decks import DeckError, load_file, load_library
from cardgame.decks.loader import MAX_FILE_BYTES
from cardgame.decks.validate import MAX_PROBLEMS
from cardgame.decks.yamlsafe import MAX_DEPTH

LONG = 100_000
MESSAGE_LIMIT = 200  # a message quotes at most ~60 characters of any value


@pytest.fixture(autouse=True)
def _own_folders(tmp_path, monkeypatch):
    monkeypatch.setenv("CARDGAME_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("CARDGAME_DATA_DIR", str(tmp_path / "data"))


def write(folder: Path, text: str | bytes, name: str = "hostile.yaml") -> Path:
    path = folder / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def rejected(path: Path, within: float = 5.0) -> list[str]:
    """Load ``path``, which must fail with DeckError in under ``within`` seconds.

    A hang guard, not a benchmark: the bounds are generous, since 2 cores run 9 suites at once.
    """
    start = time.perf_counter()
    with pytest.raises(DeckError) as caught:
        load_file(path)
    elapsed = time.perf_counter() - start
    assert elapsed < within, f"took {elapsed:.2f}s"
    found = caught.value.problems
    assert found and all(problem.path == str(path) for problem in found)
    for problem in found:
        assert len(problem.message) <= MESSAGE_LIMIT, problem.message[:300]
    return [problem.message for problem in found]


def billion_laughs(levels: int = 9) -> str:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, levels + 1):
        refs = ", ".join([f"*a{level - 1}"] * 9)
        lines.append(f"a{level}: &a{level} [{refs}]")
    return "\n".join(lines) + "\n"


# -- alias bombs -----------------------------------------------------------------------------


def test_billion_laughs_is_rejected_fast_and_never_expanded(tmp_path):
    path = write(tmp_path, "name: Bomb\ncards: [a]\n" + billion_laughs())
    tracemalloc.start()
    try:
        found = rejected(path, within=2.5)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert found == ["too many alias expansions (an alias bomb?)"]
    assert peak < 5 * 2**20, f"peak {peak / 2**20:.1f} MiB: something was expanded"


def test_alias_bomb_inside_cards_is_rejected(tmp_path):
    text = "name: Bomb\ncards:\n  - &t What?\n" + "".join(
        f"  - &l{i} [{', '.join([f'*{prev}'] * 10)}]\n"
        for i, prev in enumerate(["t", *(f"l{i}" for i in range(7))])
    )
    assert "too many alias expansions (an alias bomb?)" in rejected(write(tmp_path, text), 0.5)


def test_wide_aliasing_counts_as_expansion(tmp_path):
    items = ", ".join(["word"] * 1000)
    text = f"name: A\nbig: &big [{items}]\ncards: [{', '.join(['*big'] * 1500)}]\n"
    assert rejected(write(tmp_path, text)) == ["too many alias expansions (an alias bomb?)"]


def test_a_few_aliases_are_fine(tmp_path):
    text = "name: &n Shared\ncards:\n  - &q Same words?\n  - {text: *n, follow_up: *q}\n"
    deck = load_file(write(tmp_path, text))
    assert [card.text for card in deck.cards] == ["Same words?", "Shared"]


# -- nesting ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "shape",
    [
        pytest.param(lambda n: "[" * n + "]" * n, id="flow-sequences"),
        pytest.param(lambda n: "{a: " * n + "1" + "}" * n, id="flow-mappings"),
        pytest.param(lambda n: "\n" + "- " * n + "x", id="block-sequences"),
        pytest.param(
            lambda n: "\n" + "".join(" " * i + "a:\n" for i in range(200)), id="block-maps"
        ),
        pytest.param(lambda n: "[" * n, id="unclosed"),
    ],
)
def test_5000_deep_nesting_is_refused_without_recursion(tmp_path, shape):
    text = "name: Deep\ncards: [a]\nx: " + shape(5000) + "\n"
    found = rejected(write(tmp_path, text))
    assert len(found) == 1
    assert found[0] == f"nested more than {MAX_DEPTH} levels deep" or "expected" in found[0]


def test_nesting_up_to_the_limit_reads(tmp_path):
    def deck(depth: int) -> Path:
        # The deck, its cards and the card already take three levels.
        value = "[" * (depth - 3) + "]" * (depth - 3)
        return write(tmp_path, f"name: A\ncards:\n  - text: a\n    follow_up: {value}\n")

    assert rejected(deck(MAX_DEPTH)) == ["'follow_up' must be text, not a list"]
    assert rejected(deck(MAX_DEPTH + 1)) == [f"nested more than {MAX_DEPTH} levels deep"]


# -- long lines and big files ----------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("name: A\ncards: ['" + "x" * LONG + "']\n", id="quoted-card"),
        pytest.param("name: " + "x" * LONG + "\ncards: [a]\n", id="plain-name"),
        pytest.param("name: A\n" + "x" * LONG + ": 1\ncards: [a]\n", id="key"),
        pytest.param("name: A\n" + "x" * LONG + "\ncards: [a]\n", id="bare-line"),
        pytest.param("id: " + "x" * LONG + "\nname: A\ncards: [a]\n", id="id"),
        pytest.param("name: A\naudience: [" + "x" * LONG + "]\ncards: [a]\n", id="audience"),
        pytest.param("name: A\ncolor: " + "x" * LONG + "\ncards: [a]\n", id="colour"),
        pytest.param("name: A\ncards: [{text: a, kind: " + "x" * LONG + "}]\n", id="kind"),
        pytest.param("name: A\ncards: [{text: a, level: " + "9" * LONG + "}]\n", id="level"),
        pytest.param("name: !" + "x" * LONG + " A\ncards: [a]\n", id="tag"),
        pytest.param("name: *" + "x" * LONG + "\ncards: [a]\n", id="alias"),
        pytest.param("name: A\ncards: [" + ", ".join(["xx"] * (LONG // 4)) + "]\n", id="flow"),
        pytest.param('name: "' + "\\u00e9" * (LONG // 6) + '"\ncards: [a]\n', id="escapes"),
    ],
)
def test_100000_character_lines_are_fast_and_never_quoted_whole(tmp_path, text):
    found = rejected(write(tmp_path, text))
    assert not any("x" * 100 in message or "9" * 100 in message for message in found)


def test_long_comment_and_anchor_lines_are_harmless(tmp_path):
    text = "#" + "c" * LONG + "\nname: &" + "a" * LONG + " Fine\ncards: [a]\n"
    start = time.perf_counter()
    assert load_file(write(tmp_path, text)).name == "Fine"
    assert time.perf_counter() - start < 1.0


def test_files_over_the_size_limit_are_refused_unread(tmp_path):
    path = write(tmp_path, b"name: A\ncards: [a]\n#" + b"x" * MAX_FILE_BYTES)
    assert rejected(path, within=2.5) == ["larger than 4 MiB; not a deck"]


def test_a_flood_of_problems_is_capped(tmp_path):
    text = "name: A\ncards: [a]\n" + "".join(f"k{i}: 1\n" for i in range(20_000))
    found = rejected(write(tmp_path, text), within=8.0)
    assert len(found) == MAX_PROBLEMS + 1
    assert found[-1] == f"more than {MAX_PROBLEMS} problems; the rest are not shown"


def test_many_duplicate_cards_stay_bounded(tmp_path):
    text = "name: A\ncards: [" + ", ".join(["same"] * 50_000) + "]\n"
    found = rejected(write(tmp_path, text), within=8.0)
    assert len(found) == MAX_PROBLEMS + 1


# -- bytes that are not YAML text ------------------------------------------------------------


def test_binary_file(tmp_path):
    path = write(tmp_path, bytes(range(256)) * 64, name="image.yaml")
    (message,) = rejected(path)
    assert message == "binary file (NUL byte); not a deck"


def test_nul_byte_is_located(tmp_path):
    path = write(tmp_path, b"name: A\ncards:\n  - ab\x00c\n")
    with pytest.raises(DeckError) as caught:
        load_file(path)
    (problem,) = caught.value.problems
    assert (problem.line, problem.column) == (3, 7)
    assert str(problem) == f"{path}:3:7: binary file (NUL byte); not a deck"


@pytest.mark.parametrize(
    ("data", "where"),
    [
        ("name: café\ncards: [a]\n".encode("latin-1"), (1, 10)),
        (b"name: A\ncards: [\xff\xfe]\n", (2, 9)),
        ("name: A\ncards: [a]\n".encode("utf-16"), None),
    ],
)
def test_non_utf8_is_refused_with_its_place(tmp_path, data, where):
    path = write(tmp_path, data)
    with pytest.raises(DeckError) as caught:
        load_file(path)
    (problem,) = caught.value.problems
    assert problem.message in {"not UTF-8 text", "binary file (NUL byte); not a deck"}
    if where:
        assert (problem.line, problem.column) == where


def test_control_characters_are_refused_with_their_place(tmp_path):
    path = write(tmp_path, "name: A\ncards: [caf\u00e9 \x07 bell]\n")
    with pytest.raises(DeckError) as caught:
        load_file(path)
    (problem,) = caught.value.problems
    assert (problem.line, problem.column) == (2, 14)
    assert problem.message == "control character U+0007 is not allowed in a deck file"


def test_lone_surrogate_escape_is_refused(tmp_path):
    (message,) = rejected(write(tmp_path, 'name: "\\ud800"\ncards: [a]\n'))
    assert "escape" in message


# -- tags ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "tag",
    [
        "!!python/object/apply:os.mkdir [MARKER]",
        "!!python/object/new:os.mkdir [MARKER]",
        "!!python/name:os.system",
        "!!python/module:os",
        "!!python/object:builtins.object {}",
        "!!binary aGVsbG8=",
        "!!timestamp 2024-01-01",
        "!!set {a: null}",
        "!!omap [{a: 1}]",
        "!custom thing",
        "!<tag:example.com,2000:x> y",
    ],
)
def test_tags_outside_the_core_schema_are_refused_and_never_run(tmp_path, tag):
    marker = tmp_path / "pwned"
    text = f"name: A\ncards:\n  - text: {tag.replace('MARKER', str(marker))}\n"
    (message,) = rejected(write(tmp_path, text))
    assert message.startswith("unsupported tag")
    assert not marker.exists()


def test_core_schema_tags_are_fine(tmp_path):
    text = "name: !!str A\ncards:\n  - text: !!str 12\n    level: !!int '2'\n"
    deck = load_file(write(tmp_path, text))
    assert (deck.name, deck.cards[0].text, deck.cards[0].level) == ("A", "12", 2)


def test_a_hostile_file_never_stops_a_library(tmp_path):
    write(tmp_path, "name: Bomb\ncards: [a]\n" + billion_laughs(), name="a.yaml")
    write(tmp_path, b"\x00" * 100, name="b.yaml")
    write(tmp_path, "name: A\ncards: [" + "[" * 5000 + "]\n", name="c.yaml")
    write(tmp_path, "name: Fine\ncards: [a]\n", name="d.yaml")
    library = load_library([tmp_path])
    assert [deck.id for deck in library.decks] == ["d"]
    assert len(library.skipped) == 3


# -- anything at all -------------------------------------------------------------------------

YAMLISH = st.lists(
    st.sampled_from(
        [
            *("name", "cards", "text", "level", ":", " ", "- ", "\n", "  ", "[", "]", "{", "}"),
            *(",", "&a ", "*a", "<<", "'", '"', "!!str ", "!x ", "? ", "#", "|", ">", "---", "~"),
        ]
    ),
    max_size=40,
).map("".join)
HYPOTHESIS = settings(
    max_examples=examples(150),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)


def only_deck_errors(path: Path) -> None:
    try:
        load_file(path)
    except DeckError as error:
        assert error.problems
        for problem in error.problems:
            assert problem.path == str(path)
            assert len(problem.message) <= MESSAGE_LIMIT


@HYPOTHESIS
@given(text=st.text())
def test_arbitrary_text_raises_nothing_but_deck_error(tmp_path, text):
    only_deck_errors(write(tmp_path, text))


@HYPOTHESIS
@given(text=YAMLISH)
def test_arbitrary_yamlish_text_raises_nothing_but_deck_error(tmp_path, text):
    only_deck_errors(write(tmp_path, text))


@HYPOTHESIS
@given(data=st.binary())
def test_arbitrary_bytes_raise_nothing_but_deck_error(tmp_path, data):
    only_deck_errors(write(tmp_path, data))
