"""``cardgame serve`` as a process: the token guards every door, Ctrl+C leaves nothing behind.

These need no browser (a plain HTTP client and a websocket client), so they always run.
"""

from __future__ import annotations

import asyncio
import urllib.error
import urllib.request
from pathlib import Path

import aiohttp
import pytest
from browser.served import Served, pid_alive, port_open, serve, wait_for

from cardgame.text import has_unsafe


@pytest.fixture
def served(tmp_path: Path):
    server = serve(tmp_path)
    yield server
    server.stop()


def status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


async def open_game(served: Served) -> tuple[aiohttp.ClientSession, object]:
    """What a page does: load the link (which sets the token cookie), then open the websocket."""
    session = aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))  # an IP host
    async with session.get(served.url) as page:
        assert page.status == 200
    websocket = await session.ws_connect(
        f"ws://127.0.0.1:{served.port}/ws/tab1/?width=80&height=24"
    )
    return session, websocket


def test_the_link_needs_its_token(served: Served) -> None:
    assert status(served.url) == 200
    with urllib.request.urlopen(served.url, timeout=10) as response:
        page = response.read().decode()
    assert "<title>cardgame" in page
    assert "fonts.googleapis" not in page
    for path in ("/", "/?token=wrong", "/static/js/textual.js", "/ws/tab/"):
        assert status(served.base + path) == 403, path


def test_ctrl_c_stops_every_game_and_closes_the_port(served: Served) -> None:
    async def play_then_stop() -> list[int]:
        session, websocket = await open_game(served)
        try:
            games = await asyncio.to_thread(wait_for, served.children, 20.0, "a game process")
            assert await asyncio.to_thread(served.ctrl_c) == 0
            return games
        finally:
            await websocket.close()
            await session.close()

    games = asyncio.run(play_then_stop())
    assert len(games) == 1
    assert not any(pid_alive(pid) for pid in games)
    assert not port_open(served.port)
    assert "Stopped" in "".join(served.output)


def test_a_second_server_on_a_taken_port_says_so(served: Served, tmp_path: Path) -> None:
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "cardgame", "serve", "--port", str(served.port)],
        capture_output=True,
        text=True,
        timeout=30,
        cwd=tmp_path,
    )
    assert result.returncode == 1
    assert f"cannot listen on 127.0.0.1:{served.port}" in result.stderr


def test_on_the_network_it_warns_draws_a_qr_code_and_never_links_to_0_0_0_0(
    tmp_path: Path,
) -> None:
    served = serve(tmp_path, "--lan")
    try:
        text = "".join(wait_for(lambda: "Ctrl+C" in "".join(served.output) and served.output))
        assert "0.0.0.0" not in served.url
        assert "Warning: anyone on your network" in text
        assert "\u2588" in text  # the QR code's blocks
        assert not has_unsafe(text)
        assert status(served.url) == 200  # the printed link works, token and all
        assert status(served.url.split("?")[0]) == 403
        with urllib.request.urlopen(served.url, timeout=10) as response:
            page = response.read().decode()
        host = served.url.split("/")[2]
        assert f'data-session-websocket-url="ws://{host}/ws/"' in page
    finally:
        served.stop()
