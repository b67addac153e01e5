"""The parts of ``cardgame serve`` that need no server: link, QR code, scopes, the reload note."""

from __future__ import annotations

import argparse
from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace

import pytest
from helpers.app import TEST_DECKS

from cardgame.session import TableChoice
from cardgame.text import has_unsafe
from cardgame.web.command import DEFAULT_FONT_SIZE, add_serve_command, banner
from cardgame.web.network import Address, is_loopback
from cardgame.web.qr import qr_text
from cardgame.web.server import table_scope
from cardgame.web.tables import WebSession


def parse(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    add_serve_command(parser.add_subparsers(dest="command"))
    return parser.parse_args(["serve", *argv])


def test_defaults_stay_on_this_machine() -> None:
    args = parse()
    assert (args.host, args.port, args.lan, args.font_size) == ("127.0.0.1", 8000, False, 34)
    assert DEFAULT_FONT_SIZE == 34
    assert parse("--lan").lan
    with pytest.raises(SystemExit):
        parse("--lan", "--host", "0.0.0.0")


@pytest.mark.parametrize("port", ["99999", "-1", "http"])
def test_a_port_out_of_range_is_a_usage_error(port: str, capsys) -> None:
    with pytest.raises(SystemExit) as exit_info:
        parse("--port", port)
    assert exit_info.value.code == 2
    assert "port" in capsys.readouterr().err
    assert parse("--port", "0").port == 0


def test_serve_checks_decks_dir_like_every_command(tmp_path, capsys) -> None:
    """Regression: serve declared its own --decks-dir and took a folder that does not exist."""
    from cardgame.cli.parser import build_parser

    with pytest.raises(SystemExit) as exit_info:
        build_parser().parse_args(["serve", "--decks-dir", str(tmp_path / "missing")])
    assert exit_info.value.code == 2
    args = build_parser().parse_args(["serve", "--decks-dir", str(tmp_path), "--data-dir", "d"])
    assert (args.decks_dir, args.data_dir) == ([tmp_path], Path("d"))


def test_loopback_links_carry_the_token_and_no_warning() -> None:
    address = Address("127.0.0.1", 8000, "secret")
    assert address.url() == "http://127.0.0.1:8000/?token=secret"
    assert address.url("The Smiths") == "http://127.0.0.1:8000/?token=secret&table=The%20Smiths"
    text = "\n".join(banner(address, None))
    assert "Warning" not in text
    assert is_loopback("localhost") and is_loopback("::1") and not is_loopback("0.0.0.0")


def test_a_network_address_is_never_0_0_0_0_and_comes_with_a_warning_and_a_qr_code() -> None:
    address = Address("0.0.0.0", 8000, "secret")
    assert "0.0.0.0" not in address.url()
    qr = qr_text(address.url())
    text = "\n".join(banner(address, qr))
    assert "Warning: anyone on your network" in text
    assert qr.strip("\n") in text
    assert not has_unsafe(text)
    assert set(qr) <= {" ", "\u2580", "\u2584", "\u2588", "\n"}


def test_each_table_name_or_browser_keeps_its_own_table() -> None:
    assert table_scope("The Smiths", "b1") == "table:The Smiths"
    assert table_scope("", "b1") == "browser:b1"
    assert table_scope(None, None) == "browser:unknown"
    assert table_scope("\x1b[2J  Evil\u202e ", "b1") == "table:[2J Evil"
    assert len(table_scope("x" * 500, "b1")) == len("table:") + 40


def test_remembered_tables_do_not_mix_and_an_interrupted_game_is_told_once(
    tmp_path: Path,
) -> None:
    def session(scope: str) -> WebSession:
        return WebSession.open(preferences_scope=scope, data_dir=tmp_path, decks_dirs=(TEST_DECKS,))

    smiths, joneses = session("table:Smiths"), session("table:Joneses")
    table = TableChoice(players=("Ana", "Ben"))
    smiths.save_preferences(replace(smiths.preferences, last_table=table))
    assert smiths.wait_for_writes(5)
    reopened = session("table:Smiths")
    assert reopened.preferences.last_table.players == ("Ana", "Ben")
    assert not joneses.preferences.last_table.players
    card = smiths.decks[0].cards[0]
    assert smiths.favourites.set(card, True)
    assert joneses.favourites.is_favourite(card)  # favourites are the household's, shared

    smiths.current_game = SimpleNamespace(  # type: ignore[assignment]
        ended_at=None, players=("Ana", "Ben"), log=SimpleNamespace(deals=[1, 2, 3])
    )
    smiths.note_if_interrupted()
    assert joneses.take_interrupted_notice() is None
    again = session("table:Smiths")
    notice = again.take_interrupted_notice()
    assert notice is not None
    assert "(Ana, Ben: 3 cards played) was saved to history" in notice
    assert again.take_interrupted_notice() is None
    for opened in (smiths, joneses, reopened, again):
        opened.close()


def test_a_finished_game_leaves_no_note(tmp_path: Path) -> None:
    session = WebSession.open(preferences_scope="browser:b", data_dir=tmp_path)
    session.current_game = SimpleNamespace(  # type: ignore[assignment]
        ended_at=12.0, players=("Ana", "Ben"), log=SimpleNamespace(deals=[1])
    )
    session.note_if_interrupted()
    assert session.take_interrupted_notice() is None
    session.close()


def test_a_game_that_will_not_quit_is_killed_with_its_children(monkeypatch, tmp_path) -> None:
    """The last line of defence: quit ignored, SIGTERM ignored, a grandchild; all gone."""
    import asyncio
    import sys

    from browser.served import pid_alive, wait_for

    from cardgame.web.network import Address
    from cardgame.web.server import GameProcess, GameServer

    stubborn = (
        "import signal, subprocess, sys, time\n"
        "signal.signal(signal.SIGTERM, signal.SIG_IGN)\n"
        "child = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(600)'])\n"
        f"open({str(tmp_path / 'grandchild')!r}, 'w').write(str(child.pid))\n"
        "print('__GANGLION__', flush=True)\n"
        "time.sleep(60)\n"
    )
    monkeypatch.setattr(GameProcess, "quit_seconds", 0.3)
    server = GameServer(
        [sys.executable, "-c", stubborn], Address("127.0.0.1", 0, "t"), font_size=20
    )

    async def start_then_stop() -> list[int]:
        game = GameProcess(server.child_argv, {}, server)
        server.games["browser", "tab"] = game
        await game.start(80, 24)
        await asyncio.to_thread(wait_for, (tmp_path / "grandchild").exists, 10.0, "the grandchild")
        pids = [game.pid]
        await asyncio.wait_for(server.stop_games(), 20)
        return pids

    pids = asyncio.run(start_then_stop())
    pids.append(int((tmp_path / "grandchild").read_text()))
    assert not any(pid_alive(pid) for pid in pids)


def test_a_game_still_starting_when_the_server_stops_is_stopped_too(tmp_path) -> None:
    """Under load a process can take seconds to start; stopping must not miss it."""
    import asyncio
    import sys

    from browser.served import pid_alive

    from cardgame.web.network import Address
    from cardgame.web.server import GameProcess, GameServer

    sleeper = "import time; print('__GANGLION__', flush=True); time.sleep(600)"
    server = GameServer([sys.executable, "-c", sleeper], Address("127.0.0.1", 0, "t"), font_size=20)

    async def stop_while_starting() -> int | None:
        game = GameProcess(server.child_argv, {}, server)
        server.games["browser", "tab"] = game
        starting = asyncio.create_task(game.start(80, 24))
        await asyncio.sleep(0)  # the start is under way, the process not created yet
        await asyncio.wait_for(server.stop_games(), 20)
        await starting
        return game.pid

    pid = asyncio.run(stop_while_starting())
    assert pid is not None and not pid_alive(pid)
