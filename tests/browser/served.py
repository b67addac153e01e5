"""Start ``cardgame serve`` as a real subprocess and find its link, children and port."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

STARTUP_SECONDS = 30.0
URL = re.compile(r"http://\S+")


def wait_for(condition: Callable[[], object], timeout: float = 20.0, what: str = "condition"):
    """Poll ``condition`` until it is truthy (returns it), or fail after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        result = condition()
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


@dataclass
class Served:
    process: subprocess.Popen[str]
    url: str
    data_dir: Path
    output: list[str]

    @property
    def port(self) -> int:
        return urlsplit(self.url).port or 80

    @property
    def base(self) -> str:
        parts = urlsplit(self.url)
        return f"{parts.scheme}://{parts.netloc}"

    def children(self) -> list[int]:
        """Processes the server started (its direct children), by pid."""
        path = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        try:
            return [int(pid) for pid in path.read_text().split()]
        except OSError:
            return []

    def ctrl_c(self, timeout: float = 20.0) -> int:
        """What a terminal does on Ctrl+C: SIGINT to the server's whole process group."""
        os.killpg(self.process.pid, signal.SIGINT)
        return self.process.wait(timeout)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.ctrl_c()


def serve(data_dir: Path, *extra: str) -> Served:
    """``cardgame serve --port 0`` in its own process group; returns once it prints its link."""
    env = os.environ | {
        "CARDGAME_DATA_DIR": str(data_dir),
        "CARDGAME_CONFIG_DIR": str(data_dir / "config"),
    }
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "cardgame",
            "serve",
            "--port",
            "0",
            "--data-dir",
            str(data_dir),
            *extra,
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
        start_new_session=True,
    )
    output: list[str] = []
    reader = threading.Thread(target=_collect, args=(process, output), daemon=True)
    reader.start()

    def link() -> str | None:
        match = next((m for line in list(output) if (m := URL.search(line))), None)
        if match is None and process.poll() is not None:
            raise AssertionError("cardgame serve stopped:\n" + "".join(output))
        return match.group() if match else None

    try:
        url = wait_for(link, STARTUP_SECONDS, "cardgame serve to print its link")
    except AssertionError:
        process.kill()
        raise
    return Served(process, url, data_dir, output)


def _collect(process: subprocess.Popen[str], output: list[str]) -> None:
    assert process.stdout is not None
    for line in process.stdout:
        output.append(line)


def port_open(port: int) -> bool:
    with socket.socket() as probe:
        probe.settimeout(0.5)
        return probe.connect_ex(("127.0.0.1", port)) == 0


def pid_alive(pid: int) -> bool:
    """True while ``pid`` exists and is not a zombie."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    return "\nState:\tZ" not in status
