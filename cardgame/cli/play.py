"""``cardgame play``: the table's settings from the arguments, checked in full, then the app.

Nothing reaches Textual until every option has been checked: a mistake is a usage error (exit 2)
that says what to change. A crash inside the app exits non-zero after the app's own shutdown has
written what the store holds.
"""

from __future__ import annotations

import argparse
from contextlib import suppress

from ..engine import GameSettings, Length, SettingsError, check_dealable
from ..session import Session
from .context import data_dir, decks_dirs, load_decks, use_cache
from .dispatch import EXIT_INVALID, EXIT_OK, EXIT_USAGE
from .format import one_line
from .output import Output
from .parser import PLAY_FLAGS, repaired

CRASHED = "the game stopped after an error; what was played so far is saved"


def settings_from_args(args: argparse.Namespace, session: Session) -> GameSettings | None:
    """The game ``--players`` asks for, or None to open setup. Raises SettingsError."""
    if not args.players:
        for flag, given in (("--deck", args.deck), ("--child", args.child)):
            if given:
                raise SettingsError(
                    f"{flag} needs --players too (or leave both out to open setup)."
                )
        return None
    decks = session.decks
    known = {deck.id for deck in decks}
    unknown = [deck_id for deck_id in args.deck or () if deck_id not in known]
    if unknown:
        raise SettingsError(
            f"No deck with id {unknown[0]!r}; `cardgame decks` lists the ids you can use."
        )
    length = Length(rounds=None if args.minutes else args.rounds or None, minutes=args.minutes)
    choices = {name: getattr(args, name) for name in PLAY_FLAGS} | {"length": length.token}
    settings = GameSettings.from_choices(
        choices,
        players=args.players,
        deck_ids=dict.fromkeys(args.deck or sorted(known)),
        children=[repaired(name) for name in args.child],
    )
    check_dealable(settings, decks)
    return settings


def run(args: argparse.Namespace, output: Output) -> int:
    """Check every option, then run the app; exit 2 for a usage error, 1 after a crash."""
    session = None
    app = None
    try:
        session = Session.open(
            data_dir=data_dir(args),
            decks_dirs=decks_dirs(args),
            seed=args.seed,
            library=None if use_cache(args) else load_decks(args),  # --no-cache: read afresh
        )
        try:
            settings = settings_from_args(args, session)
        except SettingsError as error:
            output.err.line(f"cardgame play: {one_line(error)}")
            return EXIT_USAGE
        from ..app import CardGameApp

        app = CardGameApp(session=session, settings=settings)
        app.run()
    except Exception as error:  # the app's own errors are caught by Textual; these are not
        with suppress(Exception):
            getattr(app, "record_progress", lambda: None)()  # the app's log, if it keeps one
        output.problem(f"{CRASHED} ({type(error).__name__}: {one_line(error)})")
        return EXIT_INVALID
    finally:
        if session is not None:
            session.close()  # writes what the game logged, lets queued writes land, closes
    if app.return_code:
        output.problem(CRASHED)
        return app.return_code
    return EXIT_OK
