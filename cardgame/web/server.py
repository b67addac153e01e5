"""The web server: textual-serve's ``Server`` with a token, an offline page and games per tab.

What this adds to textual-serve (whose model is one app process per websocket):

- every request needs the token (query ``token``, or the cookie the page sets); otherwise 403;
- the page is ``templates/index.html``: fonts from textual-serve's own files, nothing online;
- the websocket URL is built from the address the browser used, never ``0.0.0.0``;
- each tab's game is keyed by (browser, tab): a reload reattaches to the running game instead
  of starting over; a game nobody reattaches to quits after ``REATTACH_SECONDS``;
- the game processes run in their own session (a terminal's Ctrl+C reaches only the server),
  and stopping the server asks each to quit, then kills what is left: no child outlives it.
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import logging
import os
import secrets
import signal
from collections.abc import Callable, Sequence
from pathlib import Path
from string import Template

from aiohttp import web
from textual_serve.app_service import AppService
from textual_serve.server import Server

from ..text import clean
from .network import SCOPE_ENV, Address

log = logging.getLogger("cardgame.web")

TEMPLATE = Path(__file__).with_name("templates") / "index.html"
TOKEN_COOKIE = "cardgame_token"
BROWSER_COOKIE = "cardgame_browser"
PAGE_TITLE = "cardgame: conversation cards"
REATTACH_SECONDS = 300.0
"""How long a tab's game waits for the page to come back (a reload, a TV waking up)."""
QUIT_SECONDS = 5.0
"""How long a game gets to save and quit before it is killed."""
HANDOVER_SECONDS = 3.0
"""How long a reloaded page waits for its old connection to let go of the game."""
MAX_NAME = 40
TERMINAL_MODES = (
    b"\x1b[?1049h"  # alternate screen
    b"\x1b[?1000h\x1b[?1003h\x1b[?1015h\x1b[?1006h"  # mouse reports
    b"\x1b[?25l"  # hide the cursor
    b"\x1b[?2004h"  # bracketed paste
)
"""What Textual's web driver sends a terminal once at start; a reloaded page needs them again."""


def table_scope(table: str | None, browser: str | None) -> str:
    """Whose remembered table a game uses: the table's name if the link has one, else the browser.

    Untrusted (it comes from a URL or a cookie): unsafe characters removed, length bounded.
    """
    name = " ".join(clean(table or "").split())[:MAX_NAME]
    if name:
        return f"table:{name}"
    return f"browser:{clean(browser or '')[:MAX_NAME] or 'unknown'}"


class GameProcess(AppService):
    """One tab's game: a child process that can be detached from one websocket and reattached."""

    quit_seconds = QUIT_SECONDS

    def __init__(self, argv: Sequence[str], environment: dict[str, str], server: Server) -> None:
        super().__init__(
            " ".join(argv),
            write_bytes=self._write_bytes,
            write_str=self._write_str,
            close=self._close_websocket,
            download_manager=server.download_manager,
        )
        self.argv = tuple(argv)
        self.environment = environment
        self.websocket: web.WebSocketResponse | None = None
        self.released = asyncio.Event()
        self.released.set()
        self.started = asyncio.Event()
        self.expiry: asyncio.TimerHandle | None = None

    async def start(self, width: int, height: int) -> None:
        try:
            await super().start(width, height)
        finally:
            self.started.set()

    def _build_environment(self, width: int = 80, height: int = 24) -> dict[str, str]:
        return super()._build_environment(width, height) | self.environment

    async def _open_app_process(self, width: int = 80, height: int = 24):
        """Like textual-serve's, but no shell, and in a session of its own."""
        self._process = process = await asyncio.create_subprocess_exec(
            *self.argv,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
            env=self._build_environment(width, height),
            start_new_session=True,
        )
        self._stdin = process.stdin
        return process

    @property
    def pid(self) -> int | None:
        return None if self._process is None else self._process.pid

    @property
    def running(self) -> bool:
        return (
            self._process is not None
            and self._process.returncode is None
            and self._task is not None
            and not self._task.done()
        )

    async def _write_bytes(self, data: bytes) -> None:
        websocket = self.websocket
        if websocket is not None and not websocket.closed:
            with contextlib.suppress(ConnectionError, RuntimeError):
                await websocket.send_bytes(data)

    async def _write_str(self, data: str) -> None:
        websocket = self.websocket
        if websocket is not None and not websocket.closed:
            with contextlib.suppress(ConnectionError, RuntimeError):
                await websocket.send_str(data)

    async def _close_websocket(self) -> None:
        """The game ended by itself (the table quit): the page shows its "ended" panel."""
        websocket = self.websocket
        if websocket is not None:
            await websocket.close()

    async def attach(
        self, websocket: web.WebSocketResponse, width: int, height: int, *, again: bool
    ) -> None:
        if self.expiry is not None:
            self.expiry.cancel()
            self.expiry = None
        self.websocket = websocket
        self.released.clear()
        if again:
            # A new page: set its terminal up as the game's first frame did, then redraw it all.
            await websocket.send_bytes(TERMINAL_MODES)
            await self.set_terminal_size(width, height)
            await self.focus()

    def detach(self, websocket: web.WebSocketResponse) -> None:
        if self.websocket is websocket:
            self.websocket = None
            self.released.set()

    async def terminate(self) -> None:
        """Ask the game to save and quit; kill its process group if it does not in time."""
        if self.expiry is not None:
            self.expiry.cancel()
        await self.started.wait()  # a process still being created is stopped too, once it exists
        process = self._process
        if process is None:
            return
        with contextlib.suppress(TimeoutError, ConnectionError):
            await asyncio.wait_for(self.stop(), self.quit_seconds)
        if process.returncode is None:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(process.pid, signal.SIGTERM)
            try:
                await asyncio.wait_for(process.wait(), self.quit_seconds)
            except TimeoutError:
                with contextlib.suppress(ProcessLookupError, PermissionError):
                    os.killpg(process.pid, signal.SIGKILL)
        await process.wait()
        if self._task is not None and not self._task.done():
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task


class GameServer(Server):
    """Serves ``child_argv`` (one process per tab) at ``address``; see the module docstring."""

    def __init__(
        self,
        child_argv: Sequence[str],
        address: Address,
        *,
        font_size: int,
        reattach_seconds: float = REATTACH_SECONDS,
    ) -> None:
        super().__init__(
            " ".join(child_argv), host=address.bind_host, port=address.port, title=PAGE_TITLE
        )
        self.child_argv = tuple(child_argv)
        self.address = address
        self.font_size = font_size
        self.reattach_seconds = reattach_seconds
        self.games: dict[tuple[str, str], GameProcess] = {}
        self.sockets: set[web.WebSocketResponse] = set()
        self.stopping = False
        self.template = Template(TEMPLATE.read_text(encoding="utf-8"))

    # ------------------------------------------------------------------ the web application

    def make_app(self) -> web.Application:
        app = web.Application(middlewares=[self.require_token])
        app.add_routes(
            [
                web.get("/", self.handle_index, name="index"),
                web.get("/ws/{tab}/{table:.*}", self.handle_websocket, name="websocket"),
                web.get("/download/{key}", self.handle_download, name="download"),
                web.static("/static", self.statics_path, name="static"),
            ]
        )
        app.on_shutdown.append(self.on_shutdown)
        return app

    @web.middleware
    async def require_token(self, request: web.Request, handler: Callable) -> web.StreamResponse:
        given = request.query.get("token") or request.cookies.get(TOKEN_COOKIE) or ""
        if not secrets.compare_digest(given.encode(), self.address.token.encode()):
            raise web.HTTPForbidden(
                text="This game needs its full link, with the token: the one cardgame serve "
                "printed.\n"
            )
        response = await handler(request)
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        return response

    async def handle_index(self, request: web.Request) -> web.Response:
        nonce = secrets.token_urlsafe(12)
        page = self.template.substitute(
            title=html.escape(PAGE_TITLE),
            font_size=str(self.font_size),
            nonce=nonce,
            websocket_base=html.escape(f"ws://{request.host}/ws/"),
            token=html.escape(self.address.token),
        )
        response = web.Response(text=page, content_type="text/html")
        response.headers["Cache-Control"] = "no-store"
        response.headers["Content-Security-Policy"] = (
            "default-src 'self'; "
            f"script-src 'self' 'nonce-{nonce}'; "
            "style-src 'self' 'unsafe-inline'; "
            "img-src 'self' data:; font-src 'self'; "
            f"connect-src 'self' ws://{request.host} wss://{request.host}"
        )
        cookie = {"httponly": True, "samesite": "Strict", "path": "/"}
        response.set_cookie(TOKEN_COOKIE, self.address.token, **cookie)
        if not request.cookies.get(BROWSER_COOKIE):
            # No max-age: the browser forgets it when it closes, as a session should.
            response.set_cookie(BROWSER_COOKIE, secrets.token_urlsafe(12), **cookie)
        return response

    # ------------------------------------------------------------------ games per tab

    async def claim_game(self, key: tuple[str, str]) -> GameProcess | None:
        """The tab's running game, once its previous page has let go; None to start a new one."""
        game = self.games.get(key)
        if game is None or not game.running:
            return None
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(game.released.wait(), HANDOVER_SECONDS)
        if game.websocket is not None:  # a duplicated tab: the original keeps its game
            return None
        return game

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        websocket = web.WebSocketResponse(heartbeat=15)
        width = _int(request.query.get("width"), 80)
        height = _int(request.query.get("height"), 24)
        browser = request.cookies.get(BROWSER_COOKIE, "")
        key = (browser or secrets.token_urlsafe(8), clean(request.match_info["tab"])[:MAX_NAME])
        await websocket.prepare(request)
        self.sockets.add(websocket)
        try:
            game = await self.claim_game(key)
            again = game is not None
            if game is None:
                if self.games.get(key) is not None and self.games[key].websocket is not None:
                    key = (key[0], key[1] + "+" + secrets.token_urlsafe(4))
                scope = table_scope(request.match_info["table"], browser)
                game = GameProcess(self.child_argv, {SCOPE_ENV: scope}, self)
                self.games[key] = game
                await game.start(width, height)
                if self.stopping:  # the server stopped while this game was starting
                    await game.terminate()
                    return websocket
            await game.attach(websocket, width, height, again=again)
            try:
                await self._process_messages(websocket, game)
            finally:
                game.detach(websocket)
                self.release(key, game)
        except asyncio.CancelledError:
            await websocket.close()
        except Exception as error:  # one tab's trouble never stops the server
            log.exception(error)
        finally:
            self.sockets.discard(websocket)
        return websocket

    def release(self, key: tuple[str, str], game: GameProcess) -> None:
        """The page went away: keep the game for a reload, for a while."""
        if self.stopping or not game.running:
            self.forget(key, game)
            asyncio.get_running_loop().create_task(game.terminate())
            return
        if game.websocket is None:
            loop = asyncio.get_running_loop()
            game.expiry = loop.call_later(
                self.reattach_seconds, lambda: loop.create_task(self.expire(key, game))
            )

    def forget(self, key: tuple[str, str], game: GameProcess) -> None:
        if self.games.get(key) is game:
            del self.games[key]

    async def expire(self, key: tuple[str, str], game: GameProcess) -> None:
        if game.websocket is None:
            self.forget(key, game)
            await game.terminate()

    def child_pids(self) -> list[int]:
        return [game.pid for game in self.games.values() if game.pid is not None]

    async def stop_games(self) -> None:
        """Every game saves and quits (or is killed): nothing this server started outlives it."""
        self.stopping = True
        games = list(self.games.values())
        self.games.clear()
        await asyncio.gather(*(game.terminate() for game in games), return_exceptions=True)

    async def on_shutdown(self, app: web.Application) -> None:
        await self.stop_games()
        for websocket in list(self.sockets):
            await websocket.close()

    # ------------------------------------------------------------------ running

    async def run(self, ready: Callable[[Address], None], stop: asyncio.Event) -> None:
        """Listen until ``stop`` is set; ``ready`` gets the address with the port actually bound."""
        runner = web.AppRunner(self.make_app(), access_log=None, handle_signals=False)
        await runner.setup()
        try:
            site = web.TCPSite(runner, self.address.bind_host, self.address.port)
            await site.start()
            port = runner.addresses[0][1]
            self.address = Address(self.address.bind_host, port, self.address.token)
            ready(self.address)
            await stop.wait()
        finally:
            await self.stop_games()
            await runner.cleanup()
            await self.stop_games()  # any game a connection started while shutting down


def _int(text: str | None, default: int) -> int:
    try:
        return max(1, min(1000, int(text or "")))
    except ValueError:
        return default
