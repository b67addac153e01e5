"""The store keeps every heart it said it saved: across SIGKILL, and with two processes at once."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from cardgame.store import Store

pytestmark = pytest.mark.skipif(
    not hasattr(signal, "SIGKILL"), reason="needs POSIX signals and processes"
)

ROOT = Path(__file__).resolve().parents[2]
WORKER = Path(__file__).resolve().parents[1] / "helpers" / "store_worker.py"
KILLS = 15


def _worker(db: Path, prefix: str, count: int, output: Path, start_at: float = 0.0):
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    args = [sys.executable, str(WORKER), str(db), prefix, str(count)]
    if start_at:
        args.append(repr(start_at))
    with output.open("w") as stdout:
        return subprocess.Popen(args, stdout=stdout, stderr=subprocess.PIPE, env=env, text=True)


def _wait_ready(output: Path, process: subprocess.Popen, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if output.read_text().startswith("ready\n"):
            return
        if process.poll() is not None:
            pytest.fail(f"worker exited {process.returncode}: {process.stderr.read()}")
        time.sleep(0.005)
    process.kill()
    pytest.fail("worker never became ready")


def _reported(output: Path) -> set[tuple[str, str]]:
    keys = set()
    for line in output.read_text().splitlines()[1:]:
        deck_id, sep, card_id = line.partition("\t")
        if sep:  # a line cut short by the kill was never fully reported
            keys.add((deck_id, card_id))
    return keys


def _stored(db: Path) -> tuple[set[tuple[str, str]], list[tuple]]:
    conn = sqlite3.connect(db)
    try:
        check = conn.execute("PRAGMA integrity_check").fetchall()
        keys = set(conn.execute("SELECT deck_id, card_id FROM favourites"))
    finally:
        conn.close()
    return keys, check


@pytest.mark.slow
def test_every_reported_heart_survives_sigkill(tmp_path: Path) -> None:
    seed = random.randrange(1 << 30)
    rng = random.Random(seed)
    db = tmp_path / "data" / "cardgame.sqlite3"
    all_reported: set[tuple[str, str]] = set()
    for round_number in range(KILLS):
        output = tmp_path / f"worker-{round_number}.out"
        process = _worker(db, f"r{round_number}", 0, output)
        try:
            _wait_ready(output, process)
            time.sleep(rng.uniform(0.05, 0.3))
        finally:
            process.send_signal(signal.SIGKILL)
            process.wait(timeout=10)
            process.stderr.close()
        assert process.returncode == -signal.SIGKILL, f"seed {seed}"
        reported = _reported(output)
        all_reported |= reported
        stored, check = _stored(db)
        assert check == [("ok",)], f"seed {seed}, round {round_number}"
        missing = all_reported - stored
        assert not missing, f"seed {seed}, round {round_number}: lost {sorted(missing)[:5]}"
    assert all_reported, "the worker never reported a saved heart"
    # The killed file reopens cleanly: recovered, not mistaken for a damaged one.
    with Store.open(db) as store:
        assert store.can_save and store.notice is None
        assert all_reported <= store.favourite_keys()


@pytest.mark.slow
def test_two_processes_adding_at_once_keep_all(tmp_path: Path) -> None:
    db = tmp_path / "cardgame.sqlite3"
    start_at = time.time() + 1.0  # both open the fresh file together, then add together
    outputs = [tmp_path / "a.out", tmp_path / "b.out"]
    workers = [
        _worker(db, prefix, 200, output, start_at)
        for prefix, output in zip(("a", "b"), outputs, strict=True)
    ]
    for process in workers:
        _, errors = process.communicate(timeout=90)
        assert process.returncode == 0, errors
    reported = _reported(outputs[0]) | _reported(outputs[1])
    assert len(reported) == 400
    stored, check = _stored(db)
    assert check == [("ok",)]
    assert stored == reported
