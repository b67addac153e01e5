"""Deck format v1: what loads, what each key means, and what every problem says."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from helpers.decks import messages, problems

from cardgame import paths
from cardgame.decks import (
    TABLE_AUDIENCES,
    Deck,
    DeckError,
    DeckOrder,
    Kind,
    Problem,
    TablePrompts,
    Wildcard,
    card_id_for,
    deck_files,
    load_file,
    load_library,
)
from cardgame.decks.colors import NAMED_COLORS, is_color

LOCATED = re.compile(r"^(?P<path>.+):(?P<line>\d+):(?P<col>\d+): (?P<message>.+)$")


@pytest.fixture(autouse=True)
def _own_folders(tmp_path, monkeypatch):
    """Never touch the real config or data folders, whatever conftest.py does."""
    monkeypatch.setenv("CARDGAME_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("CARDGAME_DATA_DIR", str(tmp_path / "data"))


def write(folder: Path, name: str, text: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


FULL = """\
# A deck using every key.
id: full-deck
name: "  Full Deck  "
description: Every key, once.
strategy: Coverage
audience: [couples, friends]
color: "#E3A6D6"
cards:
  - A plain question?
  - text: Do something kind.
    id: kind-act
    level: 2
    kind: action
    audience: [couples]
    follow_up: How did it feel?
  - text: Everyone answers.
    level: 3
    kind: wildcard
  - text: Pick someone to ask.
    kind: wildcard
    wildcard: anyone
"""


# -- what loads ------------------------------------------------------------------------------


def test_full_deck_loads_with_every_key(tmp_path):
    deck = load_file(write(tmp_path, "whatever.yaml", FULL))
    assert isinstance(deck, Deck)
    assert (deck.id, deck.name, deck.description, deck.strategy) == (
        "full-deck",
        "Full Deck",
        "Every key, once.",
        "Coverage",
    )
    assert deck.audience == ("couples", "friends")
    assert deck.color == "#E3A6D6"
    assert deck.source == tmp_path / "whatever.yaml"
    assert deck.levels == (1, 2, 3)
    plain, action, everyone, anyone = deck.cards
    assert (plain.text, plain.level, plain.kind, plain.wildcard) == (
        "A plain question?",
        1,
        Kind.QUESTION,
        None,
    )
    assert plain.audience == frozenset({"couples", "friends"}), "defaults to the deck's audience"
    assert plain.follow_up is None
    assert (action.id, action.level, action.kind) == ("kind-act", 2, Kind.ACTION)
    assert action.audience == frozenset({"couples"})
    assert action.follow_up == "How did it feel?"
    assert action.key == ("full-deck", "kind-act")
    assert everyone.wildcard is Wildcard.EVERYONE, "a wildcard defaults to everyone"
    assert anyone.wildcard is Wildcard.ANYONE


def test_minimal_deck_takes_defaults(tmp_path):
    deck = load_file(write(tmp_path, "tiny-deck.yaml", "name: Tiny\ncards: [Hello?]\n"))
    assert deck.id == "tiny-deck", "the id defaults to the file's stem"
    assert deck.audience == TABLE_AUDIENCES
    assert (deck.description, deck.strategy, deck.color) == ("", "", None)
    (card,) = deck.cards
    assert (card.level, card.kind, card.audience) == (1, Kind.QUESTION, frozenset(TABLE_AUDIENCES))
    assert (card.min_players, deck.order) == (2, DeckOrder.SHUFFLED)


def test_single_audience_may_be_written_as_text(tmp_path):
    deck = load_file(write(tmp_path, "d.yaml", "name: A\naudience: family\ncards: [a]\n"))
    assert deck.audience == ("family",)


def test_audience_is_kept_in_canonical_order_without_repeats(tmp_path):
    text = "name: A\naudience: [family, couples, family]\ncards: [a]\n"
    assert load_file(write(tmp_path, "d.yaml", text)).audience == ("couples", "family")


def test_yml_suffix_bom_and_crlf_are_fine(tmp_path):
    data = "\ufeffname: Windows\r\ncards:\r\n  - First?\r\n  - Second?\r\n".encode()
    deck = load_file(write(tmp_path, "win.yml", data))
    assert deck.name == "Windows"
    assert [card.text for card in deck.cards] == ["First?", "Second?"]


def test_text_is_stripped_and_500_characters_is_the_most(tmp_path):
    ok = "x" * 500
    deck = load_file(write(tmp_path, "d.yaml", f"name: A\ncards: ['  {ok}  ']\n"))
    assert deck.cards[0].text == ok
    path = write(tmp_path, "e.yaml", f"name: A\ncards: ['{ok}y']\n")
    assert messages(path) == ["'text' is 501 characters; the most is 500"]


def test_level_written_as_a_float_becomes_an_int(tmp_path):
    deck = load_file(write(tmp_path, "d.yaml", "name: A\ncards:\n  - {text: a, level: 2.0}\n"))
    assert deck.cards[0].level == 2
    assert type(deck.cards[0].level) is int
    assert deck.levels == (2,)


def test_dates_and_yaml_1_1_oddities_are_plain_text(tmp_path):
    text = "name: 2024-01-01\ncards: [2024-02-03, =]\n"
    deck = load_file(write(tmp_path, "d.yaml", text))
    assert deck.name == "2024-01-01"
    assert [card.text for card in deck.cards] == ["2024-02-03", "="]


def test_anchors_and_merge_keys_work(tmp_path):
    text = """\
name: Merged
audience: &who [couples, friends]
cards:
  - &base {text: First?, level: 2, kind: action, audience: *who}
  - {<<: *base, text: Second?}
  - <<: [*base, {follow_up: And then?}]
    text: Third?
    level: 3
"""
    first, second, third = load_file(write(tmp_path, "d.yaml", text)).cards
    assert (second.text, second.level, second.kind) == ("Second?", 2, Kind.ACTION)
    assert second.audience == frozenset({"couples", "friends"})
    assert (third.text, third.level, third.follow_up) == ("Third?", 3, "And then?")
    assert first.id != second.id != third.id


# -- card ids --------------------------------------------------------------------------------


def test_card_id_is_a_stable_slug_and_hash_of_the_text():
    assert card_id_for("What's your favourite meal?") == "what-s-your-favourite-meal-8c4367"
    assert card_id_for("  What's   your favourite meal?\n") == card_id_for(
        "What's your favourite meal?"
    ), "whitespace does not change the id"
    assert card_id_for("WHAT'S YOUR FAVOURITE MEAL?") == card_id_for("what's your favourite meal?")
    assert card_id_for("What's your favourite meal!") != card_id_for("What's your favourite meal?")
    assert re.fullmatch(r"card-[0-9a-f]{6}", card_id_for("¿¡!?"))
    long = card_id_for("word " * 100)
    assert len(long) <= 47 and re.fullmatch(r"[a-z0-9][a-z0-9-]{0,63}", long)


def test_card_ids_survive_reordering_and_edits_to_other_cards(tmp_path):
    before = load_file(write(tmp_path, "a.yaml", "name: A\ncards: [One?, Two?, Three?]\n"))
    after = load_file(write(tmp_path, "b.yaml", "name: A\ncards: [Three?, New?, One!, Two?]\n"))
    ids_before = {card.text: card.id for card in before.cards}
    ids_after = {card.text: card.id for card in after.cards}
    assert ids_after["Two?"] == ids_before["Two?"]
    assert ids_after["Three?"] == ids_before["Three?"]
    assert ids_after["One!"] != ids_before["One?"]


def test_an_explicit_card_id_keeps_a_reworded_card(tmp_path):
    one = load_file(write(tmp_path, "a.yaml", "name: A\ncards: [{text: Old words, id: keep}]\n"))
    two = load_file(write(tmp_path, "a.yaml", "name: A\ncards: [{text: New words, id: keep}]\n"))
    assert one.cards[0].key == two.cards[0].key == ("a", "keep")


def test_card_ids_are_unique_in_a_deck(tmp_path):
    text = "name: A\ncards:\n  - Same?\n  - Other\n  - same?\n  - {text: x, id: other-d1e8b9}\n"
    path = write(tmp_path, "d.yaml", text)
    found = problems(path)
    assert [(p.line, p.column) for p in found] == [(5, 5)]
    assert found[0].message == f"card id '{card_id_for('Same?')}' is used twice (first at line 3)"
    text = "name: A\ncards:\n  - {text: a, id: x}\n  - {text: b, id: x}\n"
    assert messages(write(tmp_path, "e.yaml", text)) == [
        "card id 'x' is used twice (first at line 3)"
    ]


# -- problems --------------------------------------------------------------------------------


def test_unknown_key_suggests_the_closest(tmp_path):
    text = "name: A\ncards:\n  - text: a\n    levle: 2\n"
    (problem,) = problems(write(tmp_path, "d.yaml", text))
    assert str(problem) == f"{tmp_path / 'd.yaml'}:4:5: unknown key 'levle', did you mean 'level'?"


def test_unknown_key_with_nothing_close_lists_the_known_keys(tmp_path):
    (message,) = messages(write(tmp_path, "d.yaml", "name: A\nzzz: 1\ncards: [a]\n"))
    assert message == (
        "unknown key 'zzz' (known keys: "
        "id, name, description, strategy, audience, color, order, cards)"
    )


def test_duplicate_mapping_keys_are_errors(tmp_path):
    (problem,) = problems(write(tmp_path, "d.yaml", "name: A\ncards: [a]\nname: B\n"))
    assert (problem.line, problem.column, problem.message) == (3, 1, "duplicate key 'name'")


def test_every_problem_of_a_file_is_reported_with_its_place(tmp_path):
    text = """\
id: Not_An_Id
name: ""
audience: [couples, pets]
color: bluish
cards:
  - text: fine
    level: 7
    kind: story
  - text: ok
    wildcard: anyone
  - text: also ok
    audience: [family]
  - 42
"""
    path = write(tmp_path, "d.yaml", text)
    found = problems(path)
    where = [(p.line, p.column) for p in found]
    assert where == [(1, 5), (2, 7), (3, 21), (4, 8), (7, 12), (8, 11), (10, 5), (12, 16), (13, 5)]
    assert all(p.path == str(path) for p in found)
    text_of = [p.message for p in found]
    assert text_of[0].startswith("deck id 'Not_An_Id' must match")
    assert "'name' must not be empty" in text_of
    assert "unknown audience 'pets'; use couples, friends, family, kids" in text_of
    assert "'bluish' is not a colour" in text_of
    assert "'level' must be 1, 2 or 3, not the number 7" in text_of
    assert "'kind' must be one of question, action, wildcard, not 'story'" in text_of
    assert "'wildcard' only goes with kind: wildcard" in text_of
    assert "audience 'family' is not in the deck's audience" in text_of
    assert "a card is text or a mapping with 'text', not the number 42" in text_of


def test_problem_reads_path_line_column_message():
    assert str(Problem("d.yaml", 3, 7, "bad")) == "d.yaml:3:7: bad"
    assert str(Problem("d.yaml", message="bad")) == "d.yaml: bad"
    error = DeckError([Problem("a.yaml", 1, 2, "x"), Problem("a.yaml", 3, 4, "y")])
    assert str(error) == "a.yaml:1:2: x\na.yaml:3:4: y"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("cards: [a]\n", "missing required key 'name'"),
        ("name: A\n", "missing required key 'cards'"),
        ("name: A\ncards: []\n", "'cards' must be a list of at least one card"),
        ("name: A\ncards: a\n", "'cards' must be a list of at least one card"),
        ("name: [A]\ncards: [a]\n", "'name' must be text, not a list"),
        (
            "name: yes\ncards: [a]\n",
            "'name' must be text, not yes (a bare yes is true or false to YAML",
        ),
        ("name: A\ncards: ['  ']\n", "'text' must not be empty"),
        ("name: A\ncards: [{level: 2}]\n", "missing required key 'text'"),
        ("name: A\ncards: [{text: a, level: '2'}]\n", "'level' must be 1, 2 or 3, not '2'"),
        (
            "name: A\ncards: [{text: a, level: on}]\n",
            "'level' must be 1, 2 or 3, not on (a bare on is true",
        ),
        ("name: A\ncards: [[a]]\n", "a card is text or a mapping with 'text', not a list"),
        ("name: A\naudience: []\ncards: [a]\n", "'audience' must be a list such as"),
        ("name: A\ncards: [{text: a, id: No Spaces}]\n", "card id 'No Spaces' must match"),
        ("name: A\n1: x\ncards: [a]\n", "deck keys must be text, not the number 1"),
        ("- a\n- b\n", "a deck file holds a mapping with 'name' and 'cards', not a list"),
        ("", "a deck file holds a mapping with 'name' and 'cards', not nothing"),
        ("name: A\ncards: [a]\n---\nname: B\n", "only one YAML document per file"),
        ("name: A\ncards: [a\n", "did not find expected ',' or ']'"),
        ("name: *nowhere\ncards: [a]\n", "unknown alias nowhere"),
        ("name: A\ncards: [<<]\n", "a merge key (<<) can only be a mapping key"),
    ],
)
def test_each_rule_says_what_is_wrong(tmp_path, text, expected):
    found = messages(write(tmp_path, "d.yaml", text))
    assert any(message.startswith(expected) for message in found), found


def test_a_bad_file_name_needs_an_id_key(tmp_path):
    path = write(tmp_path, "My Deck.yaml", "name: A\ncards: [a]\n")
    assert messages(path) == ["the file name 'My Deck' is not a valid deck id; add an 'id:' key"]
    path = write(tmp_path, "My Other Deck.yaml", "id: mine\nname: A\ncards: [a]\n")
    assert load_file(path).id == "mine"


def test_an_unreadable_path_is_a_problem_not_a_crash(tmp_path):
    folder = tmp_path / "folder.yaml"
    folder.mkdir()
    (problem,) = problems(folder)
    assert problem.message == "a folder, not a deck file; not read"
    assert messages(tmp_path / "missing.yaml")[0].startswith("cannot read")


# -- colours ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "colour", ["#abc", "#abcd", "#AABBCC", "#aabbccdd", "teal", "rgb(1, 2, 3)", "hsla(1,2%,3%,0.5)"]
)
def test_colour_forms(tmp_path, colour):
    assert is_color(colour)
    text = f"name: A\ncolor: '{colour}'\ncards: [a]\n"
    assert load_file(write(tmp_path, "d.yaml", text)).color == colour


@pytest.mark.parametrize("colour", ["bluish", "#abcde", "rgb(1,2)", "#", "red blue", "hsv(1,2,3)"])
def test_not_colours(tmp_path, colour):
    assert not is_color(colour)
    text = f"name: A\ncolor: '{colour}'\ncards: [a]\n"
    assert messages(write(tmp_path, "d.yaml", text)) == [f"'{colour}' is not a colour"]


def test_every_colour_the_loader_accepts_textual_can_parse():
    from textual.color import Color

    samples = ["#abc", "#abcd", "#a1b2c3", "#a1b2c3d4", "rgb(1,2,3)", "rgba(1, 2, 3, 0.5)"]
    samples += ["hsl(120, 50%, 50%)", "hsla(120,50%,50%,0.5)", *sorted(NAMED_COLORS)]
    for colour in samples:
        assert is_color(colour), colour
        Color.parse(colour)


# -- libraries -------------------------------------------------------------------------------


def test_deck_files_finds_yaml_and_yml_recursively_in_order(tmp_path):
    for name in ["b.yaml", "a.yml", "sub/c.YAML", "notes.txt", "sub/d.json"]:
        write(tmp_path, name, "x")
    (tmp_path / "dir.yaml").mkdir()
    found = [path.relative_to(tmp_path).as_posix() for path in deck_files(tmp_path)]
    assert found == ["a.yml", "b.yaml", "sub/c.YAML"]
    assert list(deck_files(tmp_path / "notes.txt")) == [tmp_path / "notes.txt"]


def test_a_bad_deck_is_skipped_and_the_rest_load(tmp_path):
    write(tmp_path, "a-good.yaml", "name: Good\ncards: [a]\n")
    bad = write(tmp_path, "b-bad.yaml", "name: Bad\ncards:\n  - {text: a, levle: 2}\n")
    write(tmp_path, "c-binary.yaml", b"\x00\x01\x02")
    write(tmp_path, "d-good.yml", "name: Also good\ncards: [b]\n")
    library = load_library([tmp_path, tmp_path / "does-not-exist"])
    assert [deck.id for deck in library.decks] == ["a-good", "d-good"]
    assert library.skipped == {str(bad), str(tmp_path / "c-binary.yaml")}
    assert library.deck("d-good").name == "Also good"
    assert library.deck("b-bad") is None


def test_duplicate_deck_ids_are_rejected_naming_both_files(tmp_path):
    first = write(tmp_path / "one", "x.yaml", "id: same\nname: First\ncards: [a]\n")
    second = write(tmp_path / "two", "y.yaml", "id: same\nname: Second\ncards: [a]\n")
    library = load_library([tmp_path / "one", tmp_path / "two"])
    assert [deck.name for deck in library.decks] == ["First"]
    (problem,) = library.problems
    assert problem.path == str(second)
    assert problem.message == f"deck id 'same' is already used by {first}; the game skips this deck"


def test_table_prompts_file_is_recognised_and_the_first_one_wins(tmp_path):
    bundled = paths.bundled_decks_dir() / "table-prompts.yaml"
    prompts = load_file(bundled)
    assert isinstance(prompts, TablePrompts)
    assert prompts.reflection.mirror and prompts.reflection.move_on and prompts.closing
    write(tmp_path / "mine", "prompts.yaml", "table_prompts: 1\nreflection: {}\nclosing: [x]\n")
    library = load_library([paths.bundled_decks_dir(), tmp_path / "mine"])
    assert library.prompts == prompts
    assert library.skipped == {str(tmp_path / "mine" / "prompts.yaml")}


def test_table_prompts_problems_are_reported(tmp_path):
    text = "table_prompts: 2\nreflection:\n  mirror: []\n  heard: [ok]\n  mirorr: [x]\nclosing: x\n"
    found = messages(write(tmp_path, "p.yaml", text))
    assert "'table_prompts' must be 1 (the version)" in found
    assert "unknown key 'mirorr', did you mean 'mirror'?" in found
    assert "'mirror' must be a list of one or more lines" in found
    assert "missing required key 'validate'" in found
    assert "'closing' must be a list of one or more lines" in found


def test_bundled_decks_all_load_with_unique_ids():
    library = load_library([paths.bundled_decks_dir()])
    assert library.problems == []
    assert library.prompts is not None
    ids = [deck.id for deck in library.decks]
    assert len(ids) == len(set(ids)) >= 10
    for deck in library.decks:
        assert deck.cards and deck.name and deck.source.parent == paths.bundled_decks_dir()
        assert len({card.id for card in deck.cards}) == len(deck.cards)
        assert deck.color is not None


def test_deck_sources_are_bundled_then_user_then_extra(tmp_path):
    sources = paths.deck_sources((tmp_path,))
    assert sources == [paths.bundled_decks_dir(), tmp_path / "config" / "decks", tmp_path]


# -- the deck authors' guide -----------------------------------------------------------------

GUIDE = Path(__file__).resolve().parents[2] / "docs" / "deck-format.md"


def guide_yaml_blocks() -> list[str]:
    return re.findall(r"```yaml\n(.*?)```", GUIDE.read_text(encoding="utf-8"), re.S)


def test_the_guides_examples_load(tmp_path):
    example, merge, modeline, prompts, kids = guide_yaml_blocks()
    deck = load_file(write(tmp_path, "road-trips.yaml", example))
    assert deck.id == "road-trips" and len(deck.cards) == 7
    assert [card.min_players for card in deck.cards].count(3) == 1
    assert {card.kind for card in deck.cards} == set(Kind)
    assert card_id_for(deck.cards[0].text) in GUIDE.read_text(encoding="utf-8")
    merged = load_file(write(tmp_path, "merge.yaml", "name: Merge\n" + merge.replace("  ", "", 1)))
    assert [card.level for card in merged.cards] == [3, 3]
    assert modeline.startswith("# yaml-language-server: $schema=")
    assert isinstance(load_file(write(tmp_path, "prompts.yaml", prompts)), TablePrompts)
    with_kids = load_file(write(tmp_path, "prompts.yaml", prompts + kids))
    assert with_kids.kids is not None and with_kids.kids.check == ("Does that sound right?",)
