"""Find deck files and read them without trusting the file system.

Discovery never raises and never hangs: a folder it cannot list, a FIFO, a device, a socket, a
broken symlink or a symlink loop is one reported ``Problem`` and the rest goes on. Symlinked
folders are followed like symlinked files, each real folder once. Only regular files are opened
(a FIFO given by name never blocks), and a file that changes while it is read is read again.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

from .model import Deck, DeckError, Problem

SUFFIXES = (".yaml", ".yml")
MAX_FILE_BYTES = 4 * 1024 * 1024
READ_ATTEMPTS = 3
_OPEN_FLAGS = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)


class Stamp(NamedTuple):
    """What identifies one version of a file: where it is, when it changed and how big it is."""

    path: str
    mtime_ns: int
    size: int


class Discovery(NamedTuple):
    files: list[Path]
    problems: list[Problem]
    stats: dict[Path, os.stat_result]  # each file's, as found: no second look at the disk


def _what(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def _not_regular(path: Path | str, mode: int) -> Problem:
    return Problem(str(path), message=f"{_what(mode)}, not a deck file; not read")


def _unreadable(path: Path | str, error: OSError, *, link: bool = False) -> Problem:
    if error.errno == errno.ELOOP:
        return Problem(str(path), message="a symlink loop; not followed")
    if link and isinstance(error, FileNotFoundError):
        return Problem(str(path), message="a broken symlink (what it points to does not exist)")
    reason = error.strerror or type(error).__name__
    return Problem(str(path), message=f"cannot read: {reason}")


def find_deck_files(root: Path, *, missing_ok: bool = False) -> Discovery:
    """The deck files at ``root`` (the file itself, or a folder's YAML files, recursively).

    Never raises. Every entry that cannot be used is one problem: ``missing_ok`` leaves out the
    problem for a ``root`` that does not exist (an optional folder such as the user's decks).
    """
    files: list[Path] = []
    problems: list[Problem] = []
    stats: dict[Path, os.stat_result] = {}
    try:
        info = os.stat(root)
    except OSError as error:
        if not (missing_ok and isinstance(error, FileNotFoundError) and not os.path.islink(root)):
            missing = isinstance(error, FileNotFoundError) and not os.path.islink(root)
            problems.append(
                Problem(str(root), message="no such file or folder")
                if missing
                else _unreadable(root, error, link=True)
            )
        return Discovery(files, problems, stats)
    except ValueError:  # an embedded NUL in the name
        problem = Problem(repr(str(root)), message="not a valid file name")
        return Discovery(files, [problem], stats)
    if stat.S_ISDIR(info.st_mode):
        _walk(root, info, files, problems, stats)
    elif stat.S_ISREG(info.st_mode):
        files.append(root)
        stats[root] = info
    else:
        problems.append(_not_regular(root, info.st_mode))
    return Discovery(sorted(files), problems, stats)


def _walk(
    root: Path,
    info: os.stat_result,
    files: list[Path],
    problems: list[Problem],
    stats: dict[Path, os.stat_result],
) -> None:
    seen = {(info.st_dev, info.st_ino): root}
    stack = [root]
    while stack:
        folder = stack.pop()
        try:
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda entry: entry.name)
        except OSError as error:
            reason = error.strerror or type(error).__name__
            message = f"cannot read this folder: {reason}; its decks are skipped"
            problems.append(Problem(str(folder), message=message))
            continue
        subfolders: list[Path] = []
        for entry in entries:
            path = Path(entry.path)
            try:
                found = entry.stat()  # follows symlinks, as a symlinked file or folder is used
            except OSError as error:
                link = entry.is_symlink()
                if link or path.suffix.lower() in SUFFIXES or error.errno != errno.ENOENT:
                    problems.append(_unreadable(path, error, link=link))
                continue
            mode = found.st_mode
            if stat.S_ISDIR(mode):
                key = (found.st_dev, found.st_ino)
                if key in seen:
                    message = f"a symlink to a folder already read ({seen[key]}); not followed"
                    problems.append(Problem(str(path), message=message))
                    continue
                seen[key] = path
                subfolders.append(path)
            elif stat.S_ISREG(mode):
                if path.suffix.lower() in SUFFIXES:
                    files.append(path)
                    stats[path] = found
            else:
                problems.append(_not_regular(path, mode))
        stack.extend(reversed(subfolders))


def deck_files(path: Path) -> list[Path]:
    """The deck files at ``path`` (problems left out: use ``find_deck_files`` to see them)."""
    return find_deck_files(path).files


def read_bytes(path: Path) -> tuple[bytes, Stamp]:
    """A regular file's bytes and the stamp of the version read; DeckError saying why not.

    The file is checked before it is opened, opened without blocking and checked again (so a
    FIFO or device is never read), and read again when its size or time changed during the read.
    """
    for _ in range(READ_ATTEMPTS):
        data, before, after = _read_once(path)
        if _same(before, after) and len(data) == after.st_size:
            return data, Stamp(str(path), after.st_mtime_ns, after.st_size)
    message = f"changed while it was read ({READ_ATTEMPTS} tries); not loaded, try again"
    raise DeckError([Problem(str(path), message=message)])


def _same(before: os.stat_result, after: os.stat_result) -> bool:
    return (before.st_mtime_ns, before.st_size, before.st_ino) == (
        after.st_mtime_ns,
        after.st_size,
        after.st_ino,
    )


def _read_once(path: Path) -> tuple[bytes, os.stat_result, os.stat_result]:
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            raise DeckError([_not_regular(path, info.st_mode)])
        handle = os.open(path, _OPEN_FLAGS)
    except OSError as error:
        raise DeckError([_unreadable(path, error, link=os.path.islink(path))]) from None
    except ValueError:
        raise DeckError([Problem(repr(str(path)), message="not a valid file name")]) from None
    try:
        before = os.fstat(handle)
        if not stat.S_ISREG(before.st_mode):  # swapped for something else since the check
            raise DeckError([_not_regular(path, before.st_mode)])
        if before.st_size > MAX_FILE_BYTES:
            message = f"larger than {MAX_FILE_BYTES // (1024 * 1024)} MiB; not a deck"
            raise DeckError([Problem(str(path), message=message)])
        chunks: list[bytes] = []
        total = 0
        while total <= MAX_FILE_BYTES:
            chunk = os.read(handle, MAX_FILE_BYTES + 1 - total)
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        after = os.fstat(handle)
    except OSError as error:
        raise DeckError([_unreadable(path, error)]) from None
    finally:
        os.close(handle)
    data = b"".join(chunks)
    if len(data) > MAX_FILE_BYTES:
        message = f"larger than {MAX_FILE_BYTES // (1024 * 1024)} MiB; not a deck"
        raise DeckError([Problem(str(path), message=message)])
    return data, before, after


def find_id_clashes(decks: Iterable[Deck], loaded_first: Iterable[Deck] = ()) -> list[Problem]:
    """A problem for each deck whose id another file already uses, as the game would see it.

    ``loaded_first`` are the decks the game reads before these (the bundled and user decks, e.g.
    ``load_library(paths.deck_sources()).decks``); ``decks`` are checked in order, each against
    those and the ones before it. The same file met twice is not a clash.
    """
    taken: dict[str, Deck] = {}
    for deck in loaded_first:
        taken.setdefault(deck.id, deck)
    problems: list[Problem] = []
    for deck in decks:
        first = taken.setdefault(deck.id, deck)
        if first is not deck and not _same_file(first.source, deck.source):
            problems.append(clash(deck.source, deck.id, first.source))
    return problems


def clash(path: Path | None, deck_id: str, first: Path | None) -> Problem:
    """The problem of a deck whose id the deck from ``first`` already has."""
    message = f"deck id '{deck_id}' is already used by {first}; the game skips this deck"
    return Problem(str(path), message=message)


def _same_file(one: Path | None, other: Path | None) -> bool:
    if one is None or other is None:
        return one is other
    try:
        return os.path.samefile(one, other)
    except (OSError, ValueError):
        return os.path.abspath(one) == os.path.abspath(other)
