"""``cardgame serve``: its options, the link it prints (with a QR code off this machine), the
warning, and a clean stop on Ctrl+C. The server itself (aiohttp, textual-serve) is imported only
when the command runs, and so are asyncio, logging and the network helpers: the CLI builds this
command's options for every command it runs (``cardgame --version`` included), and those
imports cost more than the rest of the CLI's start-up together."""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, TextIO

from ..text import terminal_safe

if TYPE_CHECKING:
    from .network import Address

DEFAULT_HOST = "127.0.0.1"
ANY_HOST = "0.0.0.0"
DEFAULT_PORT = 8000
DEFAULT_FONT_SIZE = 34
"""Measured: Roboto Mono at 34px shows at least 80x24 cells on a 1920x1080 page (a TV)."""
FONT_SIZES = range(8, 97)
EXIT_OK, EXIT_ERROR = 0, 1
INSTALL_HINT = "pip install 'cardgame'  # textual-serve and segno come with it"


def port_number(text: str) -> int:
    """A TCP port, 0 to 65535 (0 picks a free one); anything else is a usage error."""
    try:
        port = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number") from None
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"{port} is not a port: use 0 to 65535")
    return port


def add_serve_command(
    subparsers: argparse._SubParsersAction, parents: Sequence[argparse.ArgumentParser] = ()
) -> argparse.ArgumentParser:
    """Add ``serve`` to the ``cardgame`` command's subparsers.

    ``parents`` are the options every command takes (``--decks-dir``, ``--data-dir``): the CLI
    declares them once and passes them here, so serve checks them as every command does.
    """
    serve = subparsers.add_parser(
        "serve",
        parents=list(parents),
        help="play in a browser: on this machine, the TV or a phone",
        description="Serve the game to web browsers. Each browser tab is its own game; "
        "favourites and history are shared. Add &table=NAME to the link to keep a table's "
        "settings under its name.",
    )
    where = serve.add_mutually_exclusive_group()
    where.add_argument(
        "--host",
        default=DEFAULT_HOST,
        help=f"address to listen on (default {DEFAULT_HOST}: this machine only)",
    )
    where.add_argument(
        "--lan",
        action="store_true",
        help="listen on the home network, so phones and the TV can join (same as --host 0.0.0.0)",
    )
    serve.add_argument(
        "--port",
        type=port_number,
        default=DEFAULT_PORT,
        help=f"default {DEFAULT_PORT}; 0 picks a free one",
    )
    serve.add_argument(
        "--font-size",
        type=int,
        default=DEFAULT_FONT_SIZE,
        choices=FONT_SIZES,
        metavar="PX",
        help=f"largest font size on the page (default {DEFAULT_FONT_SIZE}: 80x24 fills a "
        "1920x1080 TV); smaller screens get a size that fits",
    )
    return serve


def banner(address: Address, qr: str | None) -> list[str]:
    """What the command prints once it is listening."""
    from .network import browser_host, is_loopback

    lines = [
        "cardgame is being served. Open this link in a browser:",
        "",
        f"    {address.url()}",
        "",
    ]
    if address.public:
        lines += [
            "Warning: anyone on your network who has this link (or scans this code) can open",
            "the game. The link carries a secret token; without it the server says no.",
            "",
        ]
        if qr:
            lines += [*qr.rstrip("\n").split("\n"), ""]
    if address.public and is_loopback(browser_host(address.bind_host)):
        lines += ["(No network found: only this machine can reach the link for now.)", ""]
    lines += [
        "Each browser tab is its own game; favourites and history are shared.",
        "Add &table=NAME to the link to keep a table's settings under its name.",
        "Press Ctrl+C to stop.",
    ]
    return lines


class _SafeText:
    """A text stream that shows control characters as visible escapes (see ``terminal_safe``).

    textual-serve copies a game process's error output to standard output; this makes sure
    nothing in it can steer the terminal.
    """

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        return self._stream.write(terminal_safe(text))

    def __getattr__(self, name: str):
        return getattr(self._stream, name)


@contextlib.contextmanager
def _safe_output(err: TextIO) -> Iterator[None]:
    import logging

    saved = sys.stdout
    sys.stdout = _SafeText(saved)  # type: ignore[assignment]
    handler = logging.StreamHandler(_SafeText(err))  # type: ignore[arg-type]
    handler.setFormatter(logging.Formatter("cardgame serve: %(message)s"))
    loggers = [logging.getLogger(name) for name in ("cardgame.web", "textual-serve")]
    for logger in loggers:
        logger.addHandler(handler)
        logger.propagate = False
    try:
        yield
    finally:
        sys.stdout = saved
        for logger in loggers:
            logger.removeHandler(handler)


def run_serve(
    args: argparse.Namespace, out: TextIO | None = None, err: TextIO | None = None
) -> int:
    """Serve until Ctrl+C (or SIGTERM); every game process is gone when this returns."""
    import asyncio
    import signal

    from .network import Address, new_token

    out = out or sys.stdout
    err = err or sys.stderr
    try:
        from .child import child_argv
        from .qr import qr_text
        from .server import GameServer
    except ImportError as error:  # pragma: no cover - both are dependencies
        print(f"cardgame serve: {terminal_safe(error, one_line=True)}; {INSTALL_HINT}", file=err)
        return EXIT_ERROR

    host = ANY_HOST if args.lan else args.host
    data_dir = getattr(args, "data_dir", None)
    decks_dirs = getattr(args, "decks_dir", ())
    server = GameServer(
        child_argv(sys.executable, data_dir, decks_dirs),
        Address(host, args.port, new_token()),
        font_size=args.font_size,
    )

    def ready(address: Address) -> None:
        qr = qr_text(address.url()) if address.public else None
        for line in banner(address, qr):
            print(terminal_safe(line), file=out)
        out.flush()

    async def serve() -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for signal_number in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signal_number, stop.set)
        await server.run(ready, stop)

    with _safe_output(err):
        try:
            asyncio.run(serve())
        except OSError as error:
            where = terminal_safe(f"{host}:{args.port}", one_line=True)
            reason = terminal_safe(error.strerror or error, one_line=True)
            print(f"cardgame serve: cannot listen on {where}: {reason}", file=err)
            return EXIT_ERROR
    print("Stopped: every game was saved and closed.", file=out)
    out.flush()
    return EXIT_OK
