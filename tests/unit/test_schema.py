"""The shipped JSON Schema and the validator agree on what a deck is.

Each deck below is read with the game's own YAML reader, then judged twice: by jsonschema against
``deck.schema.json`` and by ``load_file``. The verdicts must match. A few things no JSON Schema can
see (ids derived from text that clash) are listed separately, with the direction of the gap.
"""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml
from helpers.profiles import examples
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from cardgame import paths
from cardgame.decks import AUDIENCES, DeckError, Kind, Wildcard, load_file
from cardgame.decks.colors import NAMED_COLORS
from cardgame.decks.schema import schema, schema_text
from cardgame.decks.validate import CARD_KEYS, DECK_KEYS, is_prompts_file
from cardgame.decks.yamlsafe import load

SCHEMA = schema()
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)

VALID = {
    "minimal": "name: Tiny\ncards: [What made you smile today?]\n",
    "every-key": """\
id: every-key
name: Every Key
description: A deck that uses every key once.
strategy: Coverage
audience: [couples, friends]
color: "#aabbcc"
cards:
  - Plain question?
  - text: An action card
    id: act-1
    level: 2
    kind: action
    audience: [couples]
    follow_up: How did that feel?
  - text: Everyone answers this
    level: 3
    kind: wildcard
    wildcard: anyone
""",
    "audience-string": "name: A\naudience: family\ncards:\n  - text: q\n    audience: family\n",
    "card-audience-within": (
        "name: A\naudience: [family]\ncards:\n  - text: q\n    audience: [family]\n"
    ),
    "wildcard-default": "name: A\ncards:\n  - text: q\n    kind: wildcard\n",
    "nulls-are-absent": (
        "name: A\ndescription:\nstrategy: ~\ncolor: null\ncards:\n  - text: q\n    follow_up:\n"
    ),
    "padded-colour": "name: A\ncolor: ' rgb(1, 2, 3.5) '\ncards: [a]\n",
    "padded-500": "name: A\ncards:\n  - '  " + "x" * 500 + "  '\n",
    "name-80": "name: " + "n" * 80 + "\ncards: [a]\n",
    "explicit-ids": "name: A\ncards:\n  - {text: one, id: same-text}\n  - {text: two, id: other}\n",
    "anchors-and-merge": """\
name: Merged
audience: &who [couples, friends]
cards:
  - &base {text: first, level: 2, kind: action, audience: *who}
  - {<<: *base, text: second, level: 3}
""",
    "duplicate-audience": "name: A\naudience: [couples, couples]\ncards: [a]\n",
    "block-text": "name: A\ncards:\n  - text: |\n      Two lines\n      of question?\n",
    "unicode": "name: Café ☕\ncards: ['¿Qué te hace feliz? 🙂', Ünïcödé]\n",
    "id-64": "id: " + "a" * 64 + "\nname: A\ncards: [a]\n",
    "level-float": "name: A\ncards:\n  - {text: a, level: 2.0}\n",
    "same-text-different-case": "name: A\ncards: [Same?, same!]\n",
    "v1.1-kids-card": "name: A\ncards:\n  - {text: a, audience: [kids]}\n",
    "v1.1-kids-deck": "name: A\naudience: kids\ncards:\n  - {text: a, audience: [family]}\n",
    "v1.1-kids-in-family-deck": (
        "name: A\naudience: [family]\ncards:\n  - {text: a, audience: kids}\n"
    ),
    "v1.1-min-players": (
        "name: A\ncards:\n  - {text: a, min_players: 3}\n  - {text: b, min_players: 12}\n"
    ),
    "v1.1-order-fixed": "name: A\norder: fixed\ncards: [a]\n",
    "v1.1-order-shuffled": "name: A\norder: shuffled\ncards: [a]\n",
}

INVALID = {
    "missing-name": "cards: [a]\n",
    "missing-cards": "name: A\n",
    "no-cards": "name: A\ncards: []\n",
    "unknown-deck-key": "name: A\nlevle: 2\ncards: [a]\n",
    "unknown-card-key": "name: A\ncards:\n  - {text: a, levle: 2}\n",
    "level-4": "name: A\ncards:\n  - {text: a, level: 4}\n",
    "level-text": "name: A\ncards:\n  - {text: a, level: '2'}\n",
    "level-bool": "name: A\ncards:\n  - {text: a, level: true}\n",
    "kind-unknown": "name: A\ncards:\n  - {text: a, kind: story}\n",
    "wildcard-on-question": "name: A\ncards:\n  - {text: a, wildcard: anyone}\n",
    "wildcard-on-action": "name: A\ncards:\n  - {text: a, kind: action, wildcard: anyone}\n",
    "wildcard-unknown": "name: A\ncards:\n  - {text: a, kind: wildcard, wildcard: nobody}\n",
    "audience-unknown": "name: A\naudience: [strangers]\ncards: [a]\n",
    "audience-empty": "name: A\naudience: []\ncards: [a]\n",
    "card-audience-outside": (
        "name: A\naudience: [family]\ncards:\n  - {text: a, audience: [couples]}\n"
    ),
    "card-audience-string-outside": (
        "name: A\naudience: friends\ncards:\n  - {text: a, audience: family}\n"
    ),
    "blank-text": "name: A\ncards: ['   ']\n",
    "text-501": "name: A\ncards:\n  - text: " + "x" * 501 + "\n",
    "name-81": "name: " + "n" * 81 + "\ncards: [a]\n",
    "name-null": "name:\ncards: [a]\n",
    "name-number": "name: 42\ncards: [a]\n",
    "color-unknown": "name: A\ncolor: bluish\ncards: [a]\n",
    "color-rgb-percent": "name: A\ncolor: ' rgb(1, 2%, 3.5) '\ncards: [a]\n",
    "color-hsla-three": "name: A\ncolor: 'hsla(1,1,1)'\ncards: [a]\n",
    "color-rgb-four": "name: A\ncolor: 'rgb(1,2,3,4)'\ncards: [a]\n",
    "color-hsl-percent-hue": "name: A\ncolor: 'hsl(10%,10,10)'\ncards: [a]\n",
    "color-short-rgb": "name: A\ncolor: rgb(1, 2)\ncards: [a]\n",
    "color-too-long": "name: A\ncolor: rgb(" + "1" * 40 + ", 1, 1)\ncards: [a]\n",
    "id-uppercase": "id: Bad_Id\nname: A\ncards: [a]\n",
    "id-65": "id: " + "a" * 65 + "\nname: A\ncards: [a]\n",
    "id-trailing-newline": 'id: "abc\\n"\nname: A\ncards: [a]\n',
    "id-number": "id: 7\nname: A\ncards: [a]\n",
    "card-number": "name: A\ncards: [42]\n",
    "card-list": "name: A\ncards: [[a, b]]\n",
    "card-without-text": "name: A\ncards:\n  - {level: 2}\n",
    "root-list": "- name: A\n",
    "empty-file": "",
    "identical-cards": "name: A\ncards: [Same question?, Same question?]\n",
    "follow-up-empty": "name: A\ncards:\n  - {text: a, follow_up: ''}\n",
    "description-list": "name: A\ndescription: [a]\ncards: [a]\n",
    "number-key": "name: A\n1: x\ncards: [a]\n",
    "yes-is-not-text": "name: A\ncards: [yes]\n",
    "id-favourites": "id: favourites\nname: A\ncards: [a]\n",
    "v1.1-kids-without-family": (
        "name: A\naudience: [couples]\ncards:\n  - {text: a, audience: kids}\n"
    ),
    "v1.1-family-card-in-kids-less-deck": (
        "name: A\naudience: [friends]\ncards:\n  - {text: a, audience: [family]}\n"
    ),
    "v1.1-min-players-1": "name: A\ncards:\n  - {text: a, min_players: 1}\n",
    "v1.1-min-players-13": "name: A\ncards:\n  - {text: a, min_players: 13}\n",
    "v1.1-min-players-text": "name: A\ncards:\n  - {text: a, min_players: '3'}\n",
    "v1.1-min-players-bool": "name: A\ncards:\n  - {text: a, min_players: true}\n",
    "v1.1-order-unknown": "name: A\norder: random\ncards: [a]\n",
    "v1.1-order-number": "name: A\norder: 1\ncards: [a]\n",
}

# Decks the validator rejects that no JSON Schema can: ids derived from text clash, or explicit ids
# repeat. The schema accepts them; `cardgame validate` is the final word.
BEYOND_SCHEMA = {
    "string-and-mapping-same-text": "name: A\ncards:\n  - Same?\n  - {text: Same?, level: 2}\n",
    "texts-same-but-spacing": "name: A\ncards: ['Hi there?', 'hi   THERE?']\n",
    "explicit-id-twice": "name: A\ncards:\n  - {text: one, id: x}\n  - {text: two, id: x}\n",
}


def schema_verdict(text: str) -> bool:
    return VALIDATOR.is_valid(load(text))


def validator_verdict(text: str, folder: Path) -> bool:
    path = folder / "deck.yaml"
    path.write_text(text, encoding="utf-8")
    try:
        load_file(path)
    except DeckError:
        return False
    return True


def test_schema_is_valid_draft_2020_12():
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    assert SCHEMA["additionalProperties"] is False
    assert SCHEMA["$defs"]["cardMapping"]["additionalProperties"] is False


def test_schema_text_is_the_shipped_file():
    shipped = Path(__file__).resolve().parents[2] / "cardgame" / "decks" / "deck.schema.json"
    assert schema_text() == shipped.read_text(encoding="utf-8")
    assert json.loads(schema_text()) == SCHEMA


def test_schema_names_the_same_keys_and_values_as_the_validator():
    card = SCHEMA["$defs"]["cardMapping"]["properties"]
    assert set(SCHEMA["properties"]) == set(DECK_KEYS)
    assert set(card) == set(CARD_KEYS)
    assert SCHEMA["$defs"]["audienceName"]["enum"] == list(AUDIENCES)
    assert card["kind"]["enum"] == [kind.value for kind in Kind]
    assert card["wildcard"]["enum"] == [wildcard.value for wildcard in Wildcard]
    assert card["level"]["enum"] == [1, 2, 3]
    colour_names = next(b["enum"] for b in SCHEMA["properties"]["color"]["anyOf"] if "enum" in b)
    assert set(colour_names) == set(NAMED_COLORS)


def test_every_key_has_a_description_for_editor_hover():
    card = SCHEMA["$defs"]["cardMapping"]["properties"]
    for name, spec in [*SCHEMA["properties"].items(), *card.items()]:
        assert len(spec.get("description", "")) > 10, name


@pytest.mark.parametrize("name", sorted(VALID))
def test_valid_decks_pass_both(name, tmp_path):
    text = VALID[name]
    assert validator_verdict(text, tmp_path), name
    assert schema_verdict(text), [e.message[:120] for e in VALIDATOR.iter_errors(load(text))]


@pytest.mark.parametrize("name", sorted(INVALID))
def test_invalid_decks_fail_both(name, tmp_path):
    text = INVALID[name]
    assert not validator_verdict(text, tmp_path), name
    assert not schema_verdict(text), name


@pytest.mark.parametrize("name", sorted(BEYOND_SCHEMA))
def test_what_the_schema_cannot_see(name, tmp_path):
    text = BEYOND_SCHEMA[name]
    assert schema_verdict(text)
    assert not validator_verdict(text, tmp_path)


@pytest.mark.parametrize(
    "colour",
    [
        *("#abc", "#abcd", "#a1b2c3", "#A1B2C3D4", "teal", " red ", "rgb(1,2,3)"),
        *("rgba(1, 2, 3, 0.5)", "hsl(120, 50%, 50%)", "hsla(1,2%,3%,0.5)"),
        *("Teal", "#abcde", "rgb(1,2)", "hsv(1,2,3)", "", "   ", "#", "red blue", "rgb(1,2,3"),
        *(7, True, ["red"]),
    ],
)
def test_colour_forms_agree(colour, tmp_path):
    text = yaml.safe_dump({"name": "A", "color": colour, "cards": ["a"]})
    assert schema_verdict(text) == validator_verdict(text, tmp_path)


def test_every_bundled_deck_validates_under_the_schema():
    checked = 0
    for path in sorted(paths.bundled_decks_dir().glob("*.yaml")):
        data = load(path.read_text(encoding="utf-8-sig"))
        if is_prompts_file(data):
            continue
        errors = [error.message[:120] for error in VALIDATOR.iter_errors(data)]
        assert not errors, (path.name, errors)
        checked += 1
    assert checked >= 10


def test_the_guides_example_passes_the_schema():
    guide = Path(__file__).resolve().parents[2] / "docs" / "deck-format.md"
    example = guide.read_text(encoding="utf-8").split("```yaml\n", 1)[1].split("```", 1)[0]
    assert example.startswith("# yaml-language-server: $schema=")
    assert schema_verdict(example)


# Random decks near the format's edges, mostly valid values with a few wrong ones mixed in:
# every verdict must match, bar the id clashes above.
GOOD = ["Why?", "What do you hope for?", "  padded  ", "Tell us a story.", "Name a place."]
TEXTS = st.sampled_from([*GOOD, *GOOD, *GOOD, "", " ", "x" * 501, "yes"])
WRONG = st.one_of(st.none(), st.booleans(), st.integers(-1, 4), st.just([]), st.just({}))


def mostly(good: st.SearchStrategy, bad: st.SearchStrategy = WRONG) -> st.SearchStrategy:
    """``good`` about nine times in ten."""
    return st.integers(0, 9).flatmap(lambda roll: bad if roll == 0 else good)


AUDIENCE = mostly(
    st.one_of(
        st.sampled_from(AUDIENCES),
        st.lists(st.sampled_from(AUDIENCES), min_size=1, max_size=3),
    ),
    st.one_of(st.just("strangers"), st.just([]), st.lists(st.sampled_from(["pets"]), max_size=1)),
)
CARD = mostly(
    st.one_of(
        TEXTS,
        st.fixed_dictionaries(
            {"text": TEXTS},
            optional={
                "id": mostly(st.sampled_from(["c1", "c2", "c3"]), st.just("Bad Id")),
                "level": mostly(st.sampled_from([1, 2, 3, 2.0]), st.sampled_from([0, 4, "2"])),
                "kind": mostly(st.sampled_from([k.value for k in Kind]), st.just("story")),
                "wildcard": mostly(st.sampled_from([w.value for w in Wildcard]), st.just("x")),
                "audience": AUDIENCE,
                "follow_up": mostly(TEXTS),
                "min_players": mostly(st.integers(2, 12), st.sampled_from([1, 13, "3", 2.5])),
            },
        ),
    ),
    st.one_of(st.integers(), st.just({"levle": 2, "text": "Why?"}), st.just([])),
)
DECK = st.fixed_dictionaries(
    {"name": mostly(TEXTS), "cards": mostly(st.lists(CARD, min_size=1, max_size=4))},
    optional={
        "id": mostly(st.sampled_from(["my-deck", "ok-1"]), st.sampled_from(["x" * 65, "Bad"])),
        "description": mostly(TEXTS),
        "strategy": mostly(TEXTS),
        "audience": AUDIENCE,
        "color": mostly(st.sampled_from(["teal", "#abc", "rgb(1,2,3)", None]), st.just("nope")),
        "order": mostly(st.sampled_from(["shuffled", "fixed"]), st.just("random")),
    },
)


@settings(
    max_examples=examples(150),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(deck=DECK)
def test_random_decks_agree(deck, tmp_path):
    text = yaml.safe_dump(deck, allow_unicode=True)
    valid = validator_verdict(text, tmp_path)
    if not valid:
        try:
            load_file(tmp_path / "deck.yaml")
        except DeckError as error:
            assume(not any("is used twice" in p.message for p in error.problems))
    assert schema_verdict(text) == valid, text
