"""``cardgame draw``: one card in the terminal, unseen first across days, filters that say why."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers.cli import run_main, write

from cardgame import paths
from cardgame.cli.draw import DRAWN_SETTING, KEEP_DRAWN, drawn, remember_draw
from cardgame.store import Store

DECK = """\
id: tiny
name: Tiny Deck
audience: [couples, family]
cards:
  - {id: one, text: First card?, level: 1}
  - {id: two, text: Second card?, level: 2, audience: [couples]}
  - {id: three, text: Third card?, level: 3, follow_up: And then?}
"""


@pytest.fixture
def deck(tmp_path: Path) -> Path:
    return write(tmp_path, "tiny.yaml", DECK)


def draw(deck: Path, *argv: str):
    return run_main("draw", "--decks-dir", deck, "--deck", "tiny", *argv)


def test_draw_prints_deck_name_level_and_text(deck):
    result = draw(deck, "--level", "3")
    assert result.code == 0 and result.err == ""
    assert result.out.splitlines() == ["Tiny Deck · 3 deepest", "Third card?", "Then: And then?"]


def test_draw_json(deck):
    result = draw(deck, "--level", "2", "--json")
    assert json.loads(result.out) == {
        "deck_id": "tiny",
        "deck": "Tiny Deck",
        "card_id": "two",
        "level": 2,
        "kind": "question",
        "text": "Second card?",
    }


def test_each_draw_prefers_a_card_not_yet_seen_and_remembers_across_runs(deck):
    texts = [draw(deck).out.splitlines()[1] for _ in range(3)]
    assert sorted(texts) == ["First card?", "Second card?", "Third card?"]
    fourth = draw(deck).out.splitlines()[1]
    assert fourth == texts[0]  # the one seen longest ago


def test_cards_dealt_in_a_game_count_as_seen(deck):
    with Store.open(paths.database_path()) as store:
        game = store.start_game(["Ana", "Ben"], {})
        store.record_deal(game, "tiny", "one", "Ana", "answered", 1.0)
        store.record_deal(game, "tiny", "three", "Ben", "passed", 1.0)
    assert draw(deck).out.splitlines()[1] == "Second card?"  # the only card never dealt


def test_filters_by_audience(deck):
    for seed in range(5):
        result = draw(deck, "--audience", "family", "--seed", str(seed))
        assert "Second card?" not in result.out


@pytest.mark.parametrize(
    ("argv", "reason"),
    [
        (["--deck", "nope"], "No deck with id 'nope'"),
        (["--deck", "tiny", "--audience", "friends"], "No card in deck 'tiny' for the friends"),
        (
            ["--deck", "tiny", "--audience", "family", "--level", "2"],
            "No card in deck 'tiny' for the family audience and at level 2 deeper.",
        ),
    ],
)
def test_nothing_to_draw_is_a_usage_error_saying_why(deck, argv, reason):
    result = run_main("draw", "--decks-dir", deck, *argv)
    assert result.code == 2 and result.out == ""
    assert reason in result.err


def test_draws_from_every_deck_by_default():
    result = run_main("draw")
    assert result.code == 0 and len(result.out.splitlines()) >= 2


def test_the_draw_memory_is_bounded_and_survives_junk():
    with Store.open(paths.database_path()) as store:
        store.set_setting(DRAWN_SETTING, ["not", "a", "mapping"])
        assert drawn(store) == {}
        store.set_setting(DRAWN_SETTING, {f"d/c{n}": float(n) for n in range(KEEP_DRAWN)})
        remember_draw(store, ("d", "new"))
        kept = drawn(store)
        assert len(kept) == KEEP_DRAWN and ("d", "new") in kept and ("d", "c0") not in kept


def test_draw_for_kids(tmp_path):
    deck = write(
        tmp_path,
        "mixed.yaml",
        "id: mixed\nname: Mixed\ncards:\n"
        "  - {text: A grown-up question?, audience: [couples]}\n"
        "  - {text: What made you laugh today?, audience: [kids]}\n",
    )
    for _ in range(2):
        result = run_main("draw", "--decks-dir", deck, "--deck", "mixed", "--audience", "kids")
        assert result.out.splitlines()[1] == "What made you laugh today?"


def test_a_draw_is_for_two_no_group_cards(tmp_path):
    deck = write(
        tmp_path,
        "group.yaml",
        "id: group\nname: Group\ncards:\n"
        "  - {text: Who here would you call at 3am?, min_players: 3}\n"
        "  - {text: Ask someone about their week., kind: wildcard, wildcard: anyone}\n"
        "  - {text: Best meal this year?, kind: wildcard, wildcard: everyone}\n",
    )
    for _ in range(3):
        result = run_main("draw", "--decks-dir", deck, "--deck", "group")
        assert result.out.splitlines() == [
            "Group · 1 light · you both answer",
            "Best meal this year?",
        ]
