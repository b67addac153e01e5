"""`cardgame play` options: straight to the deal, repeatable with --seed, clear usage errors."""

from __future__ import annotations

import pytest
from helpers.cli import TEST_DECKS, record_use_cache, run_main, run_process

from cardgame.cli import build_parser
from cardgame.cli.play import settings_from_args
from cardgame.decks import load_library
from cardgame.engine import SettingsError
from cardgame.session import Session
from cardgame.store import Store


def session(seed=None) -> Session:
    library = load_library([TEST_DECKS / "table-talk.yaml"])
    return Session(Store.memory(), seed=seed, _library=library)


def parse(*argv):
    return build_parser().parse_args(["play", *argv])


def test_players_and_options_become_settings():
    args = parse(
        "--players",
        "Ana, Ben",
        "--deck",
        "table-talk",
        "--depth",
        "deeper",
        "--turn",
        "60",
        "--rounds",
        "3",
        "--audience",
        "friends",
        "--reflect",
        "every",
        "--reflect-time",
        "30",
    )
    settings = settings_from_args(args, session())
    assert settings.players == ("Ana", "Ben")
    assert settings.deck_ids == ("table-talk",)
    assert (settings.depth, settings.turn_seconds, settings.rounds) == ("deeper", 60, 3)
    assert (settings.audience, settings.reflect, settings.reflect_seconds) == (
        "friends",
        "every",
        30,
    )


def test_no_players_opens_setup():
    assert settings_from_args(parse(), session()) is None


def test_the_same_seed_deals_the_same_game():
    def deal(seed):
        table = session(seed)
        game = table.new_game(settings_from_args(parse("--players", "Ana,Ben"), table))
        cards = []
        while game.turn is not None and game.phase == "turn" and len(cards) < 6:
            cards.append(game.turn.card.id)
            game.pass_card()
        return cards

    assert deal(7) == deal(7)
    assert deal(7) != deal(8)


def test_unknown_deck_is_a_usage_error():
    result = run_process("play", "--players", "Ana,Ben", "--deck", "nope")
    assert result.returncode == 2
    assert "No deck with id 'nope'" in result.stderr


def test_one_player_is_a_usage_error():
    result = run_main("play", "--players", "Ana")
    assert result.returncode == 2
    assert "2 to 12 players" in result.stderr


def test_bad_option_is_a_usage_error():
    result = run_main("play", "--turn", "45")
    assert result.returncode == 2
    assert "invalid choice" in result.stderr


# -- every option checked before the app starts ----------------------------------------------


@pytest.mark.parametrize(
    ("argv", "reason"),
    [
        (["--reflect-time", "100000000000"], "--reflect-time: invalid choice: 100000000000"),
        (["--reflect-time", "0"], "--reflect-time: invalid choice: 0"),
        (["--reflect-time", "soon"], "--reflect-time: invalid int value: 'soon'"),
        (["--minutes", "1000"], "--minutes: invalid choice: 1000"),
        (["--rounds", "3", "--minutes", "30"], "not allowed with argument --rounds"),
        (["--rounds", "-1"], "--rounds: -1 is not between"),
        (["--rounds", "10000"], "--rounds: 10000 is not between"),
        (["--passes", "-2"], "--passes: -2 is not between"),
        (["--players", "Ana,,Ben"], "Player 2 has no name"),
        (["--players", "Ana,Ben,"], "Player 3 has no name"),
        (["--players", " , "], "Name the players"),
        (["--players", "Ana,ana"], "Two players share the name"),
        (["--players", "Ana," + "B" * 25], "is longer than 24 characters"),
        (["--audience", "kids"], "invalid choice"),  # a card's audience, not a table's
    ],
)
def test_bad_play_options_are_usage_errors_before_the_app_starts(argv, reason):
    result = run_main("play", *argv)
    assert result.returncode == 2
    assert reason in result.stderr, result.stderr
    assert "usage: cardgame play" in result.stderr


def test_player_names_are_cleaned_of_control_characters():
    args = parse("--players", "A\x1b[2Jna, \u202eBen\x9b")
    assert args.players == ("A[2Jna", "Ben")


def test_undecodable_player_names_become_replacement_characters():
    args = parse("--players", "\udcff\udcfe,Ben")
    assert args.players == ("\ufffd\ufffd", "Ben")


def test_deck_without_players_is_a_usage_error():
    result = run_main("play", "--deck", "table-talk")
    assert result.returncode == 2
    assert "--deck needs --players" in result.stderr
    assert "--child needs --players" in run_main("play", "--child", "Sam").stderr


def test_new_flags_reach_the_settings():
    args = parse(
        "--players", "Ana,Ben", "--speaker-picks", "--no-unseen-first", "--audience", "everyone",
        "--no-bell", "--minutes", "45",
    )  # fmt: skip
    settings = settings_from_args(args, session())
    assert settings.speaker_picks_listener is True
    assert settings.fresh_first is False
    assert settings.audience is None
    assert settings.bell is False
    assert (settings.minutes, settings.rounds) == (45, None)


def test_rounds_zero_plays_until_the_cards_run_out():
    settings = settings_from_args(parse("--players", "Ana,Ben", "--rounds", "0"), session())
    assert (settings.rounds, settings.minutes) == (None, None)


KIDS_DECK = """\
id: family-mix
name: Family Mix
audience: [family, kids]
cards:
  - {text: What made you laugh today?, audience: [kids]}
  - {text: What worries you about work?, audience: [family]}
"""


def test_children_are_players_named_with_child(tmp_path):
    deck = tmp_path / "family-mix.yaml"
    deck.write_text(KIDS_DECK, encoding="utf-8")
    table = Session(Store.memory(), _library=load_library([deck]))
    args = parse("--players", "Mum,Sam,Lily", "--child", "sam", "--child", "Lily")
    settings = settings_from_args(args, table)
    assert settings.children == frozenset({"Sam", "Lily"})


def test_a_child_who_is_not_playing_is_a_usage_error():
    result = run_main("play", "--players", "Ana,Ben", "--child", "Sam")
    assert result.code == 2
    assert "Sam is not one of the players" in result.stderr


def test_a_child_with_no_kids_cards_is_a_usage_error(tmp_path):
    deck = tmp_path / "grown.yaml"
    deck.write_text("name: Grown\ncards: [What keeps you up at night?]\n", encoding="utf-8")
    result = run_main(
        "play", "--decks-dir", deck, "--deck", "grown", "--players", "Mum,Sam", "--child", "Sam"
    )
    assert result.code == 2
    assert "No card for a child: Grown has no cards marked kids" in result.stderr


def test_defaults_are_the_engines():
    from cardgame.engine import GameSettings

    settings = settings_from_args(parse("--players", "Ana,Ben"), session())
    expected = GameSettings(players=("Ana", "Ben"), deck_ids=settings.deck_ids)
    assert settings == expected


def test_no_card_for_the_audience_is_a_usage_error_naming_the_reason(tmp_path):
    deck = tmp_path / "game-night.yaml"
    deck.write_text("name: Game Night\naudience: [friends]\ncards: [a, b]\n", encoding="utf-8")
    result = run_main(
        "play", "--decks-dir", deck, "--players", "Ana,Ben", "--deck", "game-night",
        "--audience", "family",
    )  # fmt: skip
    assert result.returncode == 2
    assert "the family audience has no cards in Game Night" in result.stderr


def test_no_card_light_enough_is_a_usage_error(tmp_path):
    deck = tmp_path / "deep.yaml"
    deck.write_text("name: Deep\ncards: [{text: a, level: 3}]\n", encoding="utf-8")
    with pytest.raises(SettingsError, match="Deep has no light cards"):
        table = Session(Store.memory(), _library=load_library([deck]))
        settings_from_args(parse("--players", "Ana,Ben", "--depth", "light"), table)


# -- a crash in the app exits non-zero --------------------------------------------------------


class CrashingApp:
    """Stands in for CardGameApp: Textual caught an error (return code 1) or run() raised."""

    instances: list = []

    def __init__(self, *, session, settings, raise_in_run=False, return_code=1):
        self.session, self.settings = session, settings
        self.raise_in_run, self.return_code = raise_in_run, return_code
        self.recorded = False
        CrashingApp.instances.append(self)

    def run(self):
        if self.raise_in_run:
            raise RuntimeError("boom \x1b]52;c;aGk=\x07")

    def record_progress(self):
        self.recorded = True


def test_an_error_inside_the_app_exits_1_with_a_short_message(monkeypatch):
    import cardgame.app

    monkeypatch.setattr(cardgame.app, "CardGameApp", CrashingApp)
    result = run_main("play", "--players", "Ana,Ben")
    assert result.returncode == 1
    assert (
        result.stderr
        == "cardgame: the game stopped after an error; what was played so far is saved\n"
    )


def test_an_exception_out_of_run_exits_1_after_saving(monkeypatch):
    import functools

    import cardgame.app

    monkeypatch.setattr(
        cardgame.app, "CardGameApp", functools.partial(CrashingApp, raise_in_run=True)
    )
    result = run_main("play")
    assert result.returncode == 1
    assert CrashingApp.instances[-1].recorded
    assert "RuntimeError: boom \\x1b]52;c;aGk=\\x07" in result.stderr
    assert "\x1b" not in result.stderr


CRASH = """\
import sys
import cardgame.app
from cardgame.cli import main

def crash(self, *args, **kwargs):
    raise RuntimeError("the app broke")

cardgame.app.CardGameApp.run = crash
sys.exit(main(["play", "--players", "Ana,Ben"]))
"""


def test_a_crash_exits_non_zero_as_a_process():
    import os
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-c", CRASH], capture_output=True, text=True, env=dict(os.environ),
        timeout=60,
    )  # fmt: skip
    assert result.returncode == 1
    assert "the game stopped after an error" in result.stderr
    assert "RuntimeError: the app broke" in result.stderr


def test_play_no_cache_reads_the_decks_afresh(monkeypatch):
    import functools

    import cardgame.app

    seen = record_use_cache(monkeypatch)
    monkeypatch.setattr(cardgame.app, "CardGameApp", functools.partial(CrashingApp, return_code=0))
    assert run_main("play", "--no-cache", "--players", "Ana,Ben").code == 0
    assert seen == [False]
    assert CrashingApp.instances[-1].session.library.decks
