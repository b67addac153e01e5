"""Deck format v1.1: kids, min_players, order and the kids table prompts; v1 files still load."""

from __future__ import annotations

import pytest
from helpers.decks import messages, write

from cardgame.decks import (
    AUDIENCES,
    TABLE_AUDIENCES,
    DeckOrder,
    TablePrompts,
    load_file,
)


def test_kids_is_a_card_audience_but_not_a_table_audience():
    assert TABLE_AUDIENCES == ("couples", "friends", "family")
    assert AUDIENCES == ("couples", "friends", "family", "kids")


def test_a_kids_card_is_also_a_family_card(tmp_path):
    text = "name: A\ncards:\n  - {text: What made you laugh today?, audience: [kids]}\n  - b\n"
    kids_card, plain = load_file(write(tmp_path, text)).cards
    assert kids_card.audience == {"family", "kids"}
    assert plain.audience == set(TABLE_AUDIENCES), "kids is never a default"


def test_a_kids_card_may_be_friends_too(tmp_path):
    text = "name: A\ncards:\n  - {text: a, audience: [friends, kids]}\n"
    (card,) = load_file(write(tmp_path, text)).cards
    assert card.audience == {"friends", "family", "kids"}


def test_a_kids_deck_is_a_family_deck_and_its_cards_are_kids_cards(tmp_path):
    deck = load_file(write(tmp_path, "name: A\naudience: [kids]\ncards: [a, {text: b}]\n"))
    assert deck.audience == ("family", "kids")
    assert all(card.audience == {"family", "kids"} for card in deck.cards)


def test_a_family_deck_may_hold_kids_cards(tmp_path):
    text = "name: A\naudience: [family]\ncards:\n  - {text: a, audience: kids}\n"
    (card,) = load_file(write(tmp_path, text)).cards
    assert card.audience == {"family", "kids"}


def test_kids_cards_need_family_in_the_deck(tmp_path):
    text = "name: A\naudience: [couples]\ncards:\n  - {text: a, audience: [kids]}\n"
    assert messages(write(tmp_path, text)) == [
        "audience 'kids' needs 'family' in the deck's audience"
    ]


@pytest.mark.parametrize(("written", "expected"), [("2", 2), ("3", 3), ("12", 12), ("4.0", 4)])
def test_min_players(tmp_path, written, expected):
    text = f"name: A\ncards:\n  - {{text: a, min_players: {written}}}\n"
    (card,) = load_file(write(tmp_path, text)).cards
    assert card.min_players == expected


@pytest.mark.parametrize(
    ("written", "said"),
    [
        ("1", "not the number 1"),
        ("13", "not the number 13"),
        ("2.5", "not the number 2.5"),
        ("'3'", "not '3'"),
        ("yes", "not yes (a bare yes is true or false to YAML"),
        ("[3]", "not a list"),
    ],
)
def test_min_players_out_of_range_says_so(tmp_path, written, said):
    text = f"name: A\ncards:\n  - {{text: a, min_players: {written}}}\n"
    (message,) = messages(write(tmp_path, text))
    assert message.startswith(f"'min_players' must be a whole number from 2 to 12, {said}")


@pytest.mark.parametrize(("written", "expected"), [("", "shuffled"), ("fixed", "fixed")])
def test_deck_order(tmp_path, written, expected):
    order = f"order: {written}\n" if written else ""
    deck = load_file(write(tmp_path, f"name: A\n{order}cards: [c, b, a]\n"))
    assert deck.order is DeckOrder(expected)
    assert [card.text for card in deck.cards] == ["c", "b", "a"], "file order is kept"


def test_unknown_deck_order_is_a_problem(tmp_path):
    assert messages(write(tmp_path, "name: A\norder: random\ncards: [a]\n")) == [
        "'order' must be one of shuffled, fixed, not 'random'"
    ]


REFLECTION = """\
  mirror: [M]
  validate: [V]
  empathise: [E]
  check: [C]
  clarify: [L]
  heard: [H]
  move_on: [O]
"""


def test_table_prompts_without_kids_still_load(tmp_path):
    text = f"table_prompts: 1\nreflection:\n{REFLECTION}closing: [Bye]\n"
    prompts = load_file(write(tmp_path, text, "table-prompts.yaml"))
    assert isinstance(prompts, TablePrompts)
    assert prompts.kids is None


def test_table_prompts_kids_wording_loads(tmp_path):
    kids = REFLECTION.replace("[M]", "[Say back what you heard]")
    text = f"table_prompts: 1\nreflection:\n{REFLECTION}kids:\n{kids}closing: [Bye]\n"
    prompts = load_file(write(tmp_path, text, "table-prompts.yaml"))
    assert prompts.kids is not None
    assert prompts.kids.mirror == ("Say back what you heard",)
    assert prompts.reflection.mirror == ("M",)


def test_table_prompts_kids_needs_every_list(tmp_path):
    kids = "  mirror: [M]\n  heard: [H]\n  mirrors: [x]\n"
    text = f"table_prompts: 1\nreflection:\n{REFLECTION}kids:\n{kids}closing: [Bye]\n"
    found = messages(write(tmp_path, text, "table-prompts.yaml"))
    assert "unknown key 'mirrors', did you mean 'mirror'?" in found
    missing = {message for message in found if message.startswith("missing required key")}
    assert len(missing) == 5  # validate, empathise, check, clarify, move_on


def test_table_prompts_kids_must_be_a_mapping(tmp_path):
    text = f"table_prompts: 1\nreflection:\n{REFLECTION}kids: [a]\nclosing: [Bye]\n"
    (message,) = messages(write(tmp_path, text, "table-prompts.yaml"))
    assert message.startswith("'kids' must be a mapping of mirror, validate")


def test_no_deck_file_takes_the_favourites_id(tmp_path):
    """Issue 9 item 13: an old export (id: favourites) never doubles the built-in entry."""
    said = (
        "deck id 'favourites' is the game's own Favourites entry; "
        "give this deck another id, such as my-favourites"
    )
    assert messages(write(tmp_path, "id: favourites\nname: A\ncards: [a]\n")) == [said]
    assert messages(write(tmp_path, "name: A\ncards: [a]\n", "favourites.yaml")) == [said]
