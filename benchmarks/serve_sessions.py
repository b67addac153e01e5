"""How many browser sessions ``cardgame serve`` holds at once, and the memory each costs.

Starts ``cardgame serve`` on a free port, opens N sessions the way a page does (the link, then
the websocket), waits for every game's first frame, and reads each game process's memory
(PSS: shared pages split between the processes sharing them). The baseline, measured in the
same run, is one session alone: the ratio shows what crowding adds per session.

    .venv/bin/python benchmarks/serve_sessions.py [SESSIONS]     (default 12)
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
import time
from pathlib import Path

import aiohttp

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from browser.served import Served, serve

FIRST_FRAME_BYTES = 2_000


def pss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        if line.startswith("Pss:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no Pss for {pid}")


async def open_sessions(served: Served, count: int) -> tuple[float, list]:
    """Open ``count`` sessions at once; seconds until every one has drawn its first frame."""
    jar = aiohttp.CookieJar(unsafe=True)
    client = aiohttp.ClientSession(cookie_jar=jar)
    async with client.get(served.url) as page:
        assert page.status == 200
    started = time.perf_counter()

    async def one(tab: int):
        socket = await client.ws_connect(
            f"ws://127.0.0.1:{served.port}/ws/bench{tab}/?width=80&height=24"
        )
        received = 0
        while received < FIRST_FRAME_BYTES:
            message = await socket.receive(timeout=120)
            if message.type == aiohttp.WSMsgType.BINARY:
                received += len(message.data)
        return socket

    sockets = await asyncio.gather(*(one(tab) for tab in range(count)))
    return time.perf_counter() - started, [client, *sockets]


async def measure(served: Served, count: int) -> tuple[float, list[float]]:
    seconds, held = await open_sessions(served, count)
    await asyncio.sleep(2)  # let start-up settle before reading memory
    memory = [pss_mib(pid) for pid in served.children()]
    client, *sockets = held
    for socket in sockets:
        await socket.close()
    await client.close()
    return seconds, memory


def run(count: int) -> dict[str, float]:
    figures = {}
    for label, sessions in (("baseline", 1), ("crowd", count)):
        with tempfile.TemporaryDirectory() as folder:
            served = serve(Path(folder))
            try:
                server_before = pss_mib(served.process.pid)
                seconds, memory = asyncio.run(measure(served, sessions))
                figures[f"{label}_seconds"] = seconds
                figures[f"{label}_per_session"] = sum(memory) / len(memory)
                figures[f"{label}_sessions"] = len(memory)
                figures["server"] = server_before
            finally:
                served.stop()
    return figures


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 12
    f = run(count)
    ratio = f["crowd_per_session"] / f["baseline_per_session"]
    print(
        f"serve: {f['crowd_sessions']:.0f} sessions at once, all drawn in "
        f"{f['crowd_seconds']:.1f} s (one alone: {f['baseline_seconds']:.1f} s)"
    )
    print(
        f"serve: {f['crowd_per_session']:.1f} MiB per session (PSS) vs "
        f"{f['baseline_per_session']:.1f} MiB for one alone: {ratio:.2f}x; "
        f"server itself {f['server']:.1f} MiB"
    )


if __name__ == "__main__":
    main()
