"""The poisoned-deck corpus, and what git cannot hold, made at test time.

``tests/data/poisoned/`` holds deck files a hostile author might share: escape sequences (ESC,
OSC 52, OSC 0, CSI), C1 controls, DEL, bidi overrides and isolates in every field, key, id, tag
and colour; colours Textual cannot parse; clashing ids; YAML a newcomer gets wrong. Each file's
name says what it carries. ``poisoned_folder`` copies it and adds what a repository cannot
carry: a FIFO, a folder without permissions, symlink loops, a device, and a file name holding
control characters. Every command run on it must exit without hanging and print no control byte.
"""

from __future__ import annotations

import os
import shutil
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

POISONED = Path(__file__).resolve().parents[1] / "data" / "poisoned"

# Files in the corpus that load on their own (a clash between two of them, or with a bundled deck,
# is a library problem); every other file is refused by `load_file`.
LOADS_ALONE = frozenset(
    {
        "bundled-id.yaml",
        "clash-first.yaml",
        "clash-second.yaml",
        "markup-name-valid.yaml",
        "valid-unicode.yaml",
    }
)
CONTROL_NAME = "name-\x1b]0;pwned\x07-\u202e.yaml"  # a file name that is itself an attack
LOCKED = "locked"  # a folder nobody may list or enter (root ignores this; see can_lock)


def poisoned_files() -> list[Path]:
    return sorted(POISONED.glob("*.yaml"))


def can_lock() -> bool:
    """Whether permission bits stop this process (they do not stop root)."""
    return os.geteuid() != 0 if hasattr(os, "geteuid") else False


def add_special_entries(folder: Path) -> dict[str, Path]:
    """Add a FIFO, a locked folder, symlink loops, a device and a control-character file name."""
    made: dict[str, Path] = {}
    made["fifo"] = folder / "fifo.yaml"
    os.mkfifo(made["fifo"])
    made["locked"] = folder / LOCKED
    made["locked"].mkdir()
    (made["locked"] / "hidden.yaml").write_text("name: Hidden\ncards: [a]\n", encoding="utf-8")
    made["locked"].chmod(0)
    made["self_loop"] = folder / "self-loop.yaml"
    made["self_loop"].symlink_to("self-loop.yaml")
    made["folder_loop"] = folder / "back-up"
    made["folder_loop"].symlink_to(".", target_is_directory=True)
    made["device"] = folder / "device.yaml"
    made["device"].symlink_to(os.devnull)
    made["control_name"] = folder / CONTROL_NAME
    made["control_name"].write_text("id: control-name\nname: Named\ncards: [a]\n", "utf-8")
    return made


@contextmanager
def poisoned_folder(tmp_path: Path) -> Iterator[Path]:
    """A copy of the corpus plus the special entries, cleaned up (permissions restored) after."""
    folder = tmp_path / "poisoned"
    shutil.copytree(POISONED, folder, ignore=shutil.ignore_patterns("README.md"))
    add_special_entries(folder)
    try:
        yield folder
    finally:
        (folder / LOCKED).chmod(stat.S_IRWXU)
