"""`cardgame play` options: straight to the deal, repeatable with --seed, clear usage errors."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from helpers.app import TEST_DECKS

from cardgame.cli import build_parser
from cardgame.decks import load_library
from cardgame.launch import settings_from_args
from cardgame.session import Session
from cardgame.store import Store

ROOT = Path(__file__).resolve().parents[2]


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


def run_cli(*argv, tmp_path):
    return subprocess.run(
        [sys.executable, "-m", "cardgame", *argv],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env={
            "PATH": "/usr/bin:/bin",
            "CARDGAME_DATA_DIR": str(tmp_path / "data"),
            "CARDGAME_CONFIG_DIR": str(tmp_path / "config"),
        },
    )


def test_unknown_deck_is_a_usage_error(tmp_path):
    result = run_cli("play", "--players", "Ana,Ben", "--deck", "nope", tmp_path=tmp_path)
    assert result.returncode == 2
    assert "No deck with id 'nope'" in result.stderr


def test_one_player_is_a_usage_error(tmp_path):
    result = run_cli("play", "--players", "Ana", tmp_path=tmp_path)
    assert result.returncode == 2
    assert "2 to 12 players" in result.stderr


def test_bad_option_is_a_usage_error(tmp_path):
    result = run_cli("play", "--turn", "45", tmp_path=tmp_path)
    assert result.returncode == 2
    assert "invalid choice" in result.stderr
