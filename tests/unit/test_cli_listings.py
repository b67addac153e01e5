"""``cardgame favourites`` (list, JSON, ``--export``) and ``cardgame history``, in process."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from helpers.cli import run_main, run_process

from cardgame import paths
from cardgame.cli.export import MAX_ID, export_card_id
from cardgame.cli.format import cut, text_width
from cardgame.decks import Deck, Kind, Wildcard, load_file
from cardgame.decks.model import Card
from cardgame.decks.validate import ID_PATTERN
from cardgame.store import Store


def card(deck_id: str = "deck", card_id: str = "c1", text: str = "What made you smile?", **kw):
    return Card(deck_id, card_id, text, **kw)


@pytest.fixture
def store():
    """The store the commands open (the test's own data folder)."""
    opened = Store.open(paths.database_path())
    yield opened
    opened.close()


def favourites(*argv: str | Path):
    return run_main("favourites", *argv)


# ---------------------------------------------------------------- favourites


def test_favourites_list_groups_by_deck(store: Store):
    store.add_favourite(card("b", "b1", "Bravo question?", level=2), "Bravo")
    store.add_favourite(card("a", "a1", "Alpha action!", kind=Kind.ACTION), "Alpha")
    store.add_favourite(card("a", "a2", "Long " + "words " * 40, level=3), "Alpha")
    result = favourites()
    assert result.code == 0 and result.err == ""
    lines = result.out.splitlines()
    assert lines[0] == "Alpha (2 cards)"
    assert "1 light" in lines[1] and "action" in lines[1] and "Alpha action!" in lines[1]
    assert "3 deepest" in lines[2] and lines[2].endswith("…")
    assert lines[3] == ""
    assert lines[4] == "Bravo (1 card)"
    assert "2 deeper" in lines[5] and "question" in lines[5] and "Bravo question?" in lines[5]
    assert all(text_width(line) <= 100 for line in lines)


def test_favourites_list_prints_untrusted_text_plainly(store: Store):
    store.add_favourite(card(text="evil \x1b[31mred\x1b[0m [bold]x[/bold]\nnext"), "D\x07eck")
    out = favourites().out
    assert "\x1b" not in out and "\x07" not in out
    assert out.splitlines()[0] == "D\\x07eck (1 card)"
    assert "evil \\x1b[31mred\\x1b[0m [bold]x[/bold]\\x0anext" in out  # no markup either


def test_favourites_json_has_every_field_and_escapes_controls(store: Store):
    store.add_favourite(
        card("a", "a1", "Ünïcode ✨ \u202e\x9b", level=2, kind=Kind.ACTION), "Alpha"
    )
    result = favourites("--json")
    assert result.code == 0
    assert result.out.isascii()
    (row,) = json.loads(result.out)
    assert isinstance(row.pop("added_at"), float)
    assert row == {
        "deck_id": "a",
        "card_id": "a1",
        "text": "Ünïcode ✨ \u202e\x9b",
        "level": 2,
        "kind": "action",
        "deck_name": "Alpha",
    }


def test_empty_favourites(tmp_path: Path):
    result = favourites()
    assert result.code == 0 and "No favourites yet" in result.out and result.err == ""
    assert json.loads(favourites("--json").out) == []
    target = tmp_path / "fav.yaml"
    result = favourites("--export", target)
    assert result.code == 0 and "nothing to export" in result.out and not target.exists()


# ---------------------------------------------------------------- export


def test_export_loads_as_a_deck_with_its_own_id(store: Store, tmp_path: Path):
    long_deck = "a-very-long-deck-id-" + "x" * 40
    long_card = "an-even-longer-card-id-" + "y" * 40
    store.add_favourite(card("empathy", "c1", "How did that feel?", level=2), "Empathy")
    store.add_favourite(card("fun", "act", "Do a silly dance.", kind=Kind.ACTION), "Fun")
    wild = Card("fun", "wild", "Best day?", 3, Kind.WILDCARD, wildcard=Wildcard.ANYONE)
    store.add_favourite(wild, "Fun")
    store.add_favourite(card(long_deck, long_card, "Long ids — “quoted” ✨"), "Long")
    store.add_favourite(card("a-b", "c", "Clash one"), "Clash")
    store.add_favourite(card("a", "b-c", "Clash two"), "Clash")
    target = tmp_path / "exported.yaml"
    result = favourites("--export", target)
    assert result.code == 0 and result.err == ""
    assert result.out == f"Exported 6 favourites to {target}\n"
    deck = load_file(target)
    assert isinstance(deck, Deck)
    assert deck.id == "my-favourites" and deck.name == "My favourites"
    ids = [c.id for c in deck.cards]
    assert len(ids) == len(set(ids)) == 6
    assert all(ID_PATTERN.fullmatch(card_id) for card_id in ids)
    by_text = {c.text: c for c in deck.cards}
    assert by_text["How did that feel?"].level == 2
    assert by_text["How did that feel?"].id == "empathy-c1"
    assert by_text["Do a silly dance."].kind is Kind.ACTION
    exported_wild = by_text["Best day?"]
    assert exported_wild.kind is Kind.WILDCARD and exported_wild.wildcard is Wildcard.EVERYONE
    assert exported_wild.level == 3
    assert "Long ids — “quoted” ✨" in by_text
    assert "“quoted” ✨" in target.read_text(encoding="utf-8")  # allow_unicode
    assert {by_text["Clash one"].id, by_text["Clash two"].id} != {"a-b-c"}
    assert [p.name for p in tmp_path.iterdir()] == ["exported.yaml"]  # no temporary file left


def test_exported_deck_loads_beside_the_game_and_never_clashes_with_favourites(store, tmp_path):
    store.add_favourite(card("empathy", "c1", "How did that feel?"), "Empathy")
    user_decks = paths.user_decks_dir()
    user_decks.mkdir(parents=True)
    assert favourites("--export", user_decks / "mine.yaml").code == 0
    listed = run_main("decks", "--json")
    assert listed.err == ""
    ids = [row["id"] for row in json.loads(listed.out)]
    assert "my-favourites" in ids and "favourites" not in ids


def test_export_with_its_own_id(store: Store, tmp_path: Path):
    store.add_favourite(card(), "Deck")
    target = tmp_path / "ours.yaml"
    assert favourites("--export", target, "--id", "our-best").code == 0
    assert load_file(target).id == "our-best"


@pytest.mark.parametrize("deck_id", ["favourites", "Not An Id", "x" * 65, "-dash"])
def test_export_refuses_an_id_the_game_cannot_use(store: Store, tmp_path: Path, deck_id):
    store.add_favourite(card(), "Deck")
    result = favourites("--export", tmp_path / "x.yaml", "--id", deck_id)
    assert result.code == 2 and "--id" in result.err
    assert not (tmp_path / "x.yaml").exists()


def test_id_and_force_need_export():
    assert favourites("--force").code == 2
    assert favourites("--id", "x").code == 2


def test_export_refuses_to_replace_a_file_without_force(store: Store, tmp_path: Path):
    target = tmp_path / "exported.yaml"
    target.write_text("old")
    store.add_favourite(card(), "Deck")
    result = favourites("--export", target)
    assert result.code == 1 and result.out == ""
    assert result.err == (
        f"cardgame: won't write the favourites deck to {target}: it exists; "
        "add --force to replace it\n"
    )
    assert target.read_text() == "old"
    assert favourites("--export", target, "--force").code == 0
    assert isinstance(load_file(target), Deck)
    assert [p.name for p in tmp_path.iterdir()] == ["exported.yaml"]


def test_export_never_writes_through_a_symlink(store: Store, tmp_path: Path):
    store.add_favourite(card(), "Deck")
    precious = tmp_path / "precious.txt"
    precious.write_text("keep me")
    link = tmp_path / "link.yaml"
    link.symlink_to(precious)
    dangling = tmp_path / "dangling.yaml"
    dangling.symlink_to(tmp_path / "nowhere.yaml")
    for target in (link, dangling):
        for force in ((), ("--force",)):
            result = favourites("--export", target, *force)
            assert result.code == 1 and "symbolic link" in result.err
    assert precious.read_text() == "keep me"
    assert not (tmp_path / "nowhere.yaml").exists()


def test_export_never_writes_to_a_fifo_or_a_folder(store: Store, tmp_path: Path):
    store.add_favourite(card(), "Deck")
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    assert "not a regular file" in favourites("--export", fifo, "--force").err
    assert "is a folder" in favourites("--export", tmp_path, "--force").err


def test_export_that_cannot_be_written_exits_1(store: Store, tmp_path: Path):
    store.add_favourite(card(), "Deck")
    blocker = tmp_path / "afile"
    blocker.write_text("x")
    result = favourites("--export", blocker / "fav.yaml")
    assert result.code == 1 and result.out == ""
    assert str(blocker / "fav.yaml") in result.err and "can't write" in result.err
    assert blocker.read_text() == "x"


def test_export_exit_codes_as_a_process(store: Store, tmp_path: Path):
    store.add_favourite(card(), "Deck")
    target = tmp_path / "fav.yaml"
    target.write_text("old")
    result = run_process("favourites", "--export", target)
    assert result.code == 1 and "add --force" in result.err


@pytest.mark.parametrize(
    ("deck_id", "card_id"),
    [("d", "c"), ("deck-" + "x" * 60, "card-" + "y" * 60), ("UPPER", "Case_id"), ("é", "ü")],
)
def test_export_card_ids_are_valid(deck_id: str, card_id: str):
    made = export_card_id(deck_id, card_id)
    assert ID_PATTERN.fullmatch(made) and len(made) <= MAX_ID == 64
    assert made == export_card_id(deck_id, card_id)  # stable


def test_cut():
    assert cut("short", 10) == "short"
    assert cut("a" * 20, 10) == "a" * 9 + "…"
    assert text_width(cut("漢" * 20, 11)) <= 11


# ---------------------------------------------------------------- history


def test_history_lists_games_newest_first_and_marks_unfinished(store: Store):
    old = store.start_game(["Ana", "Bo"], {"timer": 60})
    store.record_deal(old, "d", "c1", "Ana", "answered", 1.0)
    store.record_deal(old, "d", "c2", "Bo", "passed", 1.0)
    store.record_reflection(old, "d", "c1", "Ana", "Bo", 1, "yes")
    store.finish_game(old)
    left = store.start_game(["Cy\x1b[2J", "Di"], {})
    store.record_deal(left, "d", "c3", "Cy", "answered", 1.0)
    result = run_main("history")
    assert result.code == 0
    lines = result.out.splitlines()
    assert "Date" in lines[0] and "Players" in lines[0]
    assert lines[1].endswith("Cy\\x1b[2J, Di (unfinished)")
    assert lines[2].endswith("Ana, Bo")
    assert lines[2].split()[2:5] == ["1", "1", "1"]
    data = json.loads(run_main("history", "--json").out)
    assert [row["players"] for row in data] == [["Cy\x1b[2J", "Di"], ["Ana", "Bo"]]
    assert data[0]["ended_at"] is None
    assert data[1]["cards_answered"] == 1 and data[1]["cards_passed"] == 1
    assert data[1]["reflections"] == 1 and data[1]["settings"] == {"timer": 60}
    assert {"game_id", "players", "settings", "started_at", "ended_at"} <= set(data[1])


def test_history_omits_games_that_dealt_nothing(store: Store):
    store.start_game(["Ana", "Bo"], {})  # left at once
    empty = store.start_game(["Cy", "Di"], {})
    store.finish_game(empty)
    assert "No games played yet" in run_main("history").out
    assert json.loads(run_main("history", "--json").out) == []


def test_history_cuts_long_player_lists_with_an_ellipsis(store: Store):
    game = store.start_game([f"Player number {n}" for n in range(12)], {})
    store.record_deal(game, "d", "c1", "Player number 0", "answered", 1.0)
    line = run_main("history").out.splitlines()[1]
    assert text_width(line) <= 100
    assert line.endswith("… (unfinished)")


def test_export_warns_when_a_deck_the_game_loads_has_the_same_id(store: Store):
    store.add_favourite(card(), "Deck")
    user_decks = paths.user_decks_dir()
    user_decks.mkdir(parents=True)
    first = user_decks / "a.yaml"
    assert favourites("--export", first).code == 0
    again = favourites("--export", user_decks / "b.yaml")
    assert again.code == 0
    assert again.err == (
        f"cardgame: warning: {user_decks / 'b.yaml'}: deck id 'my-favourites' is already used by "
        f"{first}; the game skips this deck; export again with --id ID to choose another\n"
    )
    replaced = favourites("--export", first, "--force")  # the same file again: no clash
    assert replaced.code == 0 and replaced.err == ""
    assert favourites("--export", user_decks / "c.yaml", "--id", "kept").err == ""
