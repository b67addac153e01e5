"""``cardgame play``: the table's settings from the arguments, checked in full, then the app.

Nothing reaches Textual until every option has been checked: a mistake is a usage error (exit 2)
that says what to change. A crash inside the app exits non-zero after the app's own shutdown has
written what the store holds.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from contextlib import suppress

from ..decks import Deck
from ..engine import GameSettings, SettingsError, eligible_cards
from ..engine.settings import MAX_LEVEL
from ..session import Session
from .context import data_dir, decks_dirs
from .dispatch import EXIT_INVALID, EXIT_OK, EXIT_USAGE
from .format import one_line
from .output import Output
from .parser import EVERYONE

CRASHED = "the game stopped after an error; what was played so far is saved"


def settings_from_args(args: argparse.Namespace, session: Session) -> GameSettings | None:
    """The game ``--players`` asks for, or None to open setup. Raises SettingsError."""
    if not args.players:
        if args.deck:
            raise SettingsError("--deck needs --players too (or leave both out to open setup).")
        return None
    decks = session.decks
    known = {deck.id for deck in decks}
    unknown = [deck_id for deck_id in args.deck or () if deck_id not in known]
    if unknown:
        raise SettingsError(
            f"No deck with id {unknown[0]!r}; `cardgame decks` lists the ids you can use."
        )
    settings = GameSettings(
        players=args.players,
        deck_ids=tuple(dict.fromkeys(args.deck or sorted(known))),
        depth=args.depth,
        rounds=args.rounds or None,
        turn_seconds=args.turn,
        passes=args.passes,
        audience=None if args.audience == EVERYONE else args.audience,
        reflect=args.reflect,
        reflect_seconds=args.reflect_time,
        speaker_picks_listener=args.speaker_picks,
        fresh_first=args.unseen_first,
    )
    check_cards(settings, [deck for deck in decks if deck.id in settings.deck_ids])
    return settings


def check_cards(settings: GameSettings, decks: Sequence[Deck]) -> None:
    """Raise SettingsError naming the reason when the chosen decks hold no card to deal."""
    if eligible_cards(decks, settings.audience, MAX_LEVEL[settings.depth]):
        return
    names = ", ".join(deck.name for deck in decks)
    if settings.audience and not eligible_cards(decks, settings.audience, 3):
        raise SettingsError(
            f"No card in {names} is for the {settings.audience} audience; "
            "choose other decks (`cardgame decks` shows their audiences) or another --audience."
        )
    raise SettingsError(
        f"No card in {names} is light enough for --depth {settings.depth}; "
        "choose a deeper --depth or other decks."
    )


def run(args: argparse.Namespace, output: Output) -> int:
    """Check every option, then run the app; exit 2 for a usage error, 1 after a crash."""
    session = None
    app = None
    try:
        session = Session.open(data_dir=data_dir(args), decks_dirs=decks_dirs(args), seed=args.seed)
        try:
            settings = settings_from_args(args, session)
        except SettingsError as error:
            output.err.line(f"cardgame play: {one_line(error)}")
            return EXIT_USAGE
        from ..app import CardGameApp

        app = CardGameApp(session=session, settings=settings)
        app.run()
    except Exception as error:  # the app's own errors are caught by Textual; these are not
        if app is not None:
            with suppress(Exception):
                app.record_progress()
        output.problem(f"{CRASHED} ({type(error).__name__}: {one_line(error)})")
        return EXIT_INVALID
    finally:
        if session is not None:
            session.store.close()
    if app.return_code:
        output.problem(CRASHED)
        return app.return_code
    return EXIT_OK
