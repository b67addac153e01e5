"""From ``cardgame play`` options to a running app."""

from __future__ import annotations

import argparse
from typing import TextIO

from .engine import GameSettings, SettingsError
from .session import Session

EXIT_USAGE = 2


def settings_from_args(args: argparse.Namespace, session: Session) -> GameSettings | None:
    """The game ``--players`` asks for, or None to open setup. Raises SettingsError."""
    if not args.players:
        if args.deck:
            raise SettingsError("--deck needs --players too (or leave both out to open setup).")
        return None
    known = {deck.id for deck in session.decks}
    unknown = [deck_id for deck_id in args.deck or () if deck_id not in known]
    if unknown:
        raise SettingsError(
            f"No deck with id {unknown[0]!r}; `cardgame decks` lists the ids you can use."
        )
    return GameSettings(
        players=tuple(args.players.split(",")),
        deck_ids=tuple(args.deck or sorted(known)),
        depth=args.depth,
        rounds=args.rounds or None,
        turn_seconds=args.turn,
        passes=args.passes,
        audience=args.audience,
        reflect=args.reflect,
        reflect_seconds=args.reflect_time,
    )


def launch(args: argparse.Namespace, err: TextIO) -> int:
    session = Session.open(
        data_dir=getattr(args, "data_dir", None),
        decks_dirs=tuple(getattr(args, "decks_dir", ())),
        seed=args.seed,
    )
    try:
        settings = settings_from_args(args, session)
    except SettingsError as error:
        print(f"cardgame play: {error}", file=err)
        session.store.close()
        return EXIT_USAGE
    from .app import CardGameApp

    CardGameApp(session=session, settings=settings).run()
    return 0
