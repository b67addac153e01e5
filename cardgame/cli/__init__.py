"""The ``cardgame`` command, a package by job:

- ``parser``: every command and option, and the argument checks;
- ``dispatch``: ``main``, from arguments to a handler to an exit code;
- ``output``: the one way out to the terminal (everything printed is made safe there);
- ``format``: plain-text layout (widths, ellipses, plurals, tables);
- ``context``: what the common options point at (deck folders, library, store);
- ``deck_commands``: ``validate``, ``decks``, ``schema``;
- ``play``: settings from the arguments, checked, then the app;
- ``draw``: one card in the terminal, unseen first;
- ``listings``: ``favourites`` and ``history``; ``export``: favourites as a deck file;
- ``serve``: runs the web package's ``serve`` command (added by ``parser.add_serve_command``).

Only ``play`` (and ``serve``) import Textual, so every other command starts at once.
"""

from .dispatch import EXIT_INVALID, EXIT_OK, EXIT_USAGE, main
from .parser import build_parser

__all__ = ["EXIT_INVALID", "EXIT_OK", "EXIT_USAGE", "build_parser", "main"]
