"""Words for what went wrong with the store's file: the notices a table is shown."""

from __future__ import annotations

import errno
import os
import sqlite3
from pathlib import Path


def is_damage(error: sqlite3.Error) -> bool:
    """True for "this file is not a (healthy) database", False for "cannot get at the file".

    ``OperationalError`` covers can't-open, read-only, locked and I/O errors; plain
    ``DatabaseError`` is SQLITE_CORRUPT / SQLITE_NOTADB.
    """
    return isinstance(error, sqlite3.DatabaseError) and not isinstance(
        error, sqlite3.OperationalError
    )


def reason(error: BaseException) -> str:
    if isinstance(error, OSError):
        return error.strerror or str(error)
    return str(error) or type(error).__name__


def cant_save(folder: Path, error: BaseException | None = None) -> str:
    """The notice for "nothing will be saved", naming what is in the way and why."""
    what, why = folder, "is read-only"
    if isinstance(error, OSError):
        if error.filename:
            what = Path(os.fsdecode(error.filename))
        blocker = _file_in_the_way(what)
        if error.errno in (errno.ENOTDIR, errno.EEXIST) and blocker is not None:
            what, why = blocker, "is a file, not a folder"
        elif not what.exists():
            why = f"can't be created ({reason(error)})"
        elif error.errno not in (errno.EACCES, errno.EPERM, errno.EROFS):
            why = f"can't be used ({reason(error)})"
    elif isinstance(error, sqlite3.Error) and "readonly" not in str(error).replace("-", ""):
        why = f"can't be used ({reason(error)})"
    return (
        f"Favourites can't be saved: {what} {why}. "
        "Hearts will be kept until you quit, then forgotten."
    )


def _file_in_the_way(folder: Path) -> Path | None:
    """The nearest existing ``folder`` or parent of it, if that is a file rather than a folder."""
    for candidate in (folder, *folder.parents):
        if candidate.exists() or candidate.is_symlink():
            return None if candidate.is_dir() else candidate
    return None
