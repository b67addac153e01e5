"""Player names: cleaned where they enter (setup, ``--players``), with one limit for every door."""

from __future__ import annotations

from collections.abc import Iterable

from ..decks import MAX_PLAYERS, MIN_PLAYERS
from ..text import clean

MAX_NAME = 24  # characters; setup's name field and ``--players`` both stop here


class SettingsError(ValueError):
    """The settings cannot make a game; the message says why, for a person."""


def clean_name(name: str) -> str:
    """``name`` without the characters that never reach a terminal, its spaces tidied."""
    return " ".join(clean(name).split())


def clean_names(names: Iterable[str], *, strict: bool = False) -> tuple[str, ...]:
    """Tidy names and refuse duplicates and too few or too many players.

    Lenient (setup's list, a remembered table): blank entries are dropped and long names cut to
    ``MAX_NAME``. ``strict`` (a typed list such as ``--players``): a blank entry or a name longer
    than ``MAX_NAME`` is an error that says which one.
    """
    cleaned: list[str] = []
    for number, raw in enumerate(names, start=1):
        name = clean_name(raw)
        if not name:
            if strict:
                raise SettingsError(f"Player {number} has no name; leave no empty entries.")
            continue
        if len(name) > MAX_NAME:
            if strict:
                raise SettingsError(
                    f"The name {name[:MAX_NAME]}… is longer than {MAX_NAME} characters."
                )
            name = name[:MAX_NAME].rstrip()
        cleaned.append(name)
    seen: dict[str, str] = {}
    for name in cleaned:
        folded = name.casefold()
        if folded in seen:
            raise SettingsError(f"Two players share the name {seen[folded]}; add an initial.")
        seen[folded] = name
    if not MIN_PLAYERS <= len(cleaned) <= MAX_PLAYERS:
        raise SettingsError(f"A game needs {MIN_PLAYERS} to {MAX_PLAYERS} players.")
    return tuple(cleaned)


def parse_player_list(text: str) -> tuple[str, ...]:
    """Comma-separated names, as ``--players "Ana,Ben"`` gives them; strict about every entry."""
    if not clean_name(text.replace(",", " ")):
        raise SettingsError(
            f"Name the players, {MIN_PLAYERS} to {MAX_PLAYERS}, separated by commas."
        )
    return clean_names(text.split(","), strict=True)
