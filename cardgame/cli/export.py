"""``cardgame favourites --export FILE``: the favourites as a deck file another table can load.

The deck is written in the deck format using the format's own rules (id pattern, text limit,
levels) from ``cardgame.decks``, under its own id (``my-favourites`` or ``--id``), never the
built-in Favourites entry's. The file is written atomically; an existing path is replaced only
with ``--force``, and never a symlink or anything but a regular file.
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
import stat
import tempfile
import time
from collections.abc import Sequence
from contextlib import suppress
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from ..decks import Deck, find_id_clashes, load_file
from ..decks.model import LEVEL_NAMES, Kind, Wildcard
from ..decks.validate import ID_PATTERN, MAX_TEXT
from .dispatch import EXIT_INVALID, EXIT_OK, EXIT_USAGE
from .format import WIDTH, cut, one_line, plural, when
from .output import Output

if TYPE_CHECKING:
    from ..store import Favourite

EXPORT_DECK_ID = "my-favourites"
EXPORT_DECK_NAME = "My favourites"
BUILT_IN_FAVOURITES_ID = "favourites"  # the game's own Favourites entry; a file never takes it
MAX_ID = next(n for n in range(256, 0, -1) if ID_PATTERN.fullmatch("a" * n))  # the longest id


class ExportRefused(Exception):
    """The target path cannot or must not be written; the message says why."""


def export_card_id(deck_id: str, card_id: str) -> str:
    """A deck-format card id for a favourite: ``deck-card``, shortened with a hash if need be."""
    raw = f"{deck_id}-{card_id}".lower()
    slug = "-".join(re.findall(r"[a-z0-9]+", raw)) or "card"
    if ID_PATTERN.fullmatch(slug) and slug == raw:
        return slug
    return _with_digest(slug, deck_id, card_id)


def _with_digest(slug: str, deck_id: str, card_id: str) -> str:
    digest = hashlib.sha1(f"{deck_id}\0{card_id}".encode()).hexdigest()[:8]
    return f"{slug[: MAX_ID - len(digest) - 1].strip('-') or 'card'}-{digest}"


def export_deck(saved: list[Favourite], deck_id: str = EXPORT_DECK_ID) -> dict:
    """The favourites as a deck-format mapping (at least one favourite needed)."""
    cards = []
    used: set[str] = set()
    for favourite in saved:
        card_id = export_card_id(favourite.deck_id, favourite.card_id)
        if card_id in used:  # e.g. ("a-b", "c") and ("a", "b-c")
            card_id = _with_digest(card_id, favourite.deck_id, favourite.card_id)
        number = 2
        while card_id in used:  # pragma: no cover - needs a hash collision
            card_id = f"{card_id[: MAX_ID - 4]}-{number}"
            number += 1
        used.add(card_id)
        kind = Kind(favourite.kind) if favourite.kind in tuple(Kind) else Kind.QUESTION
        card: dict = {
            "text": " ".join(favourite.text.split())[:MAX_TEXT].strip() or "(empty card)",
            "id": card_id,
            "level": favourite.level if favourite.level in LEVEL_NAMES else min(LEVEL_NAMES),
            "kind": str(kind),
        }
        if kind == Kind.WILDCARD:
            card["wildcard"] = str(Wildcard.EVERYONE)
        cards.append(card)
    deck_names = sorted({one_line(favourite.deck_name) for favourite in saved})
    description = cut(
        f"Cards marked with a heart in cardgame, from {', '.join(deck_names)}.", MAX_TEXT
    )
    return {"id": deck_id, "name": EXPORT_DECK_NAME, "description": description, "cards": cards}


def check_deck_id(deck_id: str) -> str | None:
    """Why ``deck_id`` cannot name the exported deck, or None."""
    if not ID_PATTERN.fullmatch(deck_id):
        return (
            f"--id {deck_id!r} is not a deck id: lowercase letters, digits and '-', "
            f"starting with a letter or digit, at most {MAX_ID} characters"
        )
    if deck_id == BUILT_IN_FAVOURITES_ID:
        return f"--id {deck_id!r} is the game's own Favourites entry; choose another id"
    return None


def export(
    saved: list[Favourite],
    target: Path,
    output: Output,
    *,
    deck_id: str | None = None,
    force: bool = False,
    loaded: Sequence[Deck] = (),
) -> int:
    """Write ``saved`` as a deck file at ``target``: 0 written, 1 refused or failed, 2 bad --id.

    ``loaded`` are the decks the game already loads: if one of them has the exported deck's id,
    a warning says the game would skip one of the two and how to avoid it (``--id``).
    """
    deck_id = deck_id or EXPORT_DECK_ID
    problem = check_deck_id(deck_id)
    if problem:
        output.err.line(f"cardgame favourites: {problem}")
        return EXIT_USAGE
    if not saved:
        output.out.line("No favourites yet, so there is nothing to export.")
        return EXIT_OK
    deck = export_deck(saved, deck_id)
    header = f"# Favourites exported from cardgame on {when(time.time())}.\n"
    text = header + yaml.safe_dump(deck, allow_unicode=True, sort_keys=False, width=WIDTH)
    try:
        write_new_file(target, text, replace=force)
    except ExportRefused as refused:
        output.problem(f"won't write the favourites deck to {one_line(target)}: {refused}")
        return EXIT_INVALID
    except OSError as error:
        reason = error.strerror or str(error)
        output.problem(f"can't write the favourites deck to {one_line(target)}: {reason}")
        return EXIT_INVALID
    output.out.line(f"Exported {plural(len(deck['cards']), 'favourite')} to {one_line(target)}")
    written = load_file(target)  # what another table will load; it must be a valid deck
    assert isinstance(written, Deck)
    for clash in find_id_clashes([written], loaded_first=loaded):
        output.problem(f"warning: {one_line(clash)}; export again with --id ID to choose another")
    return EXIT_OK


def write_new_file(target: Path, text: str, *, replace: bool) -> None:
    """Write ``text`` to ``target`` via a temporary file in the same folder (never half a file).

    An existing ``target`` is replaced only when ``replace`` and only if it is a regular file;
    a symlink is never followed. Without ``replace`` the final step is a hard link, which fails
    if the name appeared in the meantime, so nothing is ever overwritten by accident.
    """
    _refuse_unless_replaceable(target, replace)
    handle, temporary = tempfile.mkstemp(
        prefix=f".{target.name}.", suffix=".tmp", dir=target.parent
    )
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o644)
        if replace:
            _refuse_unless_replaceable(target, replace)
            os.replace(temporary, target)  # a rename replaces a name, never writes through it
        else:
            _link_new(temporary, target)
    finally:
        with suppress(OSError):
            os.unlink(temporary)


def _link_new(temporary: str, target: Path) -> None:
    try:
        os.link(temporary, target)
    except FileExistsError:
        raise ExportRefused("it exists now; add --force to replace it") from None
    except OSError as error:
        if error.errno not in (errno.EPERM, errno.ENOTSUP, errno.EXDEV, errno.EMLINK):
            raise
        _refuse_unless_replaceable(target, replace=False)  # a folder without hard links
        os.replace(temporary, target)


def _refuse_unless_replaceable(target: Path, replace: bool) -> None:
    try:
        mode = os.lstat(target).st_mode
    except FileNotFoundError:
        return
    if stat.S_ISLNK(mode):
        raise ExportRefused("it is a symbolic link; give the real path")
    if stat.S_ISDIR(mode):
        raise ExportRefused("it is a folder; give a file name")
    if not stat.S_ISREG(mode):
        raise ExportRefused("it is not a regular file")
    if not replace:
        raise ExportRefused("it exists; add --force to replace it")
