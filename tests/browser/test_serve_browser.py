"""The game in Chromium, served by ``cardgame serve``: set a table, play, heart a card, reload.

Every request the page makes is routed: anything not on this machine is aborted and counted.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from browser.served import Served, serve, wait_for

pytestmark = pytest.mark.xdist_group("browser")

README_SCREENSHOT = Path(__file__).parents[2] / "docs" / "images" / "play-in-a-browser.png"
LOCAL_HOSTS = {"127.0.0.1", "localhost"}
TV = {"width": 1920, "height": 1080}
KEY_DELAY_MS = 80
DRAWN_BYTES = 20_000
SETUP = "Players"  # words on the setup screen, and on the play screen (not on setup)
PLAY = "Round "
PLAY_STILL = "Menu"  # drawn once on the play screen (the round line is redrawn every second)


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory):
    server = serve(tmp_path_factory.mktemp("served"))
    yield server
    server.stop()


@pytest.fixture(scope="module")
def page(browser, served: Served):
    """One tab on a TV-sized page, with every request outside this machine refused and counted."""
    context = browser.new_context(viewport=TV)
    page = context.new_page()
    page.outside = []  # type: ignore[attr-defined]
    page.websockets = []  # type: ignore[attr-defined]
    page.terminal = Terminal(page)  # type: ignore[attr-defined]

    def route(route) -> None:
        url = route.request.url
        if url.startswith("data:") or urlsplit(url).hostname in LOCAL_HOSTS:
            route.continue_()
        else:
            page.outside.append(url)
            route.abort()

    context.route("**/*", route)
    page.on("websocket", lambda websocket: page.websockets.append(websocket.url))
    yield page
    context.close()


class Terminal:
    """What the game has sent this page to draw (the websocket's bytes), to wait for a screen."""

    def __init__(self, page) -> None:
        self.page = page
        self.received = bytearray()
        page.on("websocket", lambda websocket: websocket.on("framereceived", self.add))

    def add(self, payload: bytes | str) -> None:
        self.received += payload if isinstance(payload, bytes) else payload.encode()

    def shows(self, text: str) -> bool:
        self.page.title()  # a call into Playwright delivers the frames received meanwhile
        return text.encode() in self.received

    def wait_for(self, text: str) -> None:
        wait_for(lambda: self.shows(text), 30.0, f"the page to show {text!r}")
        self.received.clear()


def listed(served: Served, command: str) -> list[dict]:
    """``cardgame favourites --json`` or ``cardgame history --json`` on the served data folder."""
    result = subprocess.run(
        [sys.executable, "-m", "cardgame", command, "--json", "--data-dir", str(served.data_dir)],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


def favourites(served: Served) -> list[dict]:
    return listed(served, "favourites")


def drawn(page, path: Path) -> bool:
    """True once the page shows a drawn screen (a blank page compresses to a few kilobytes)."""
    page.screenshot(path=path)
    return path.stat().st_size > DRAWN_BYTES


def first_frame(page) -> None:
    page.wait_for_selector("body.-first-byte", state="attached", timeout=30_000)


def test_a_table_plays_in_the_browser_offline(page, served: Served, tmp_path: Path) -> None:
    page.goto(served.url)
    first_frame(page)
    page.terminal.wait_for(SETUP)
    assert page.title().startswith("cardgame")
    page.focus(".xterm-helper-textarea")  # where xterm.js takes the keyboard
    keyboard = page.keyboard
    # At a person's pace: Textual runs Enter's action after a key typed right behind it.
    keyboard.type("Ana\nBen\n", delay=KEY_DELAY_MS)
    keyboard.press("Control+s")
    page.terminal.wait_for(PLAY)
    assert len(served.children()) == 1
    # The play screen takes the keys: heart the card, answer it, pass the next.
    keyboard.type("fnp", delay=KEY_DELAY_MS)
    hearts = wait_for(lambda: favourites(served), what="the heart in the store")
    assert len(hearts) == 1
    shot = tmp_path / "browser.png"
    assert drawn(page, shot)
    if os.environ.get("CARDGAME_UPDATE_SCREENSHOT"):
        README_SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(shot, README_SCREENSHOT)
    assert page.outside == []
    assert all(urlsplit(url).hostname in LOCAL_HOSTS for url in page.websockets)


def test_a_reload_finds_the_same_game(page, served: Served, tmp_path: Path) -> None:
    """Run after the game above: the tab's game survives a reload (same process, same game)."""
    game = wait_for(served.children, what="the game process")
    page.reload()
    first_frame(page)
    assert served.children() == game
    page.terminal.wait_for(PLAY_STILL)  # the new page gets the whole screen, not what changes
    assert drawn(page, tmp_path / "reloaded.png")
    page.focus(".xterm-helper-textarea")
    page.keyboard.press("f")  # the play screen still takes keys: heart the card after the pass
    wait_for(lambda: len(favourites(served)) == 2, what="a second heart after the reload")
    assert page.outside == []


@pytest.mark.parametrize(
    ("viewport", "columns", "rows", "smallest_font"),
    [(TV, 80, 24, 34), ({"width": 390, "height": 844}, 40, 24, 14)],
    ids=["tv-1920x1080", "phone-portrait"],
)
def test_the_page_fits_the_screen(browser, served: Served, viewport, columns, rows, smallest_font):
    """A TV gets 80x24 at the largest font; a phone held upright about 40 readable columns."""
    context = browser.new_context(viewport=viewport, has_touch=viewport != TV)
    page = context.new_page()
    sockets: list[str] = []
    page.on("websocket", lambda websocket: sockets.append(websocket.url))
    try:
        page.goto(served.url)
        first_frame(page)
        size = parse_qs(urlsplit(sockets[0]).query)
        assert int(size["width"][0]) >= columns
        assert int(size["height"][0]) >= rows
        font = int(page.get_attribute("#terminal", "data-font-size"))
        assert smallest_font <= font <= 34
    finally:
        context.close()
