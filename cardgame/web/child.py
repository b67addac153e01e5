"""One browser tab's game: ``python -m cardgame.web.child``, started by the server per tab.

The server passes the data folder and deck folders as options and the table's scope in
``CARDGAME_WEB_SCOPE``; textual-serve's environment selects Textual's web driver.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Sequence
from pathlib import Path

from .network import SCOPE_ENV


def child_argv(executable: str, data_dir: Path | None, decks_dirs: Sequence[Path]) -> list[str]:
    """The command the server runs for each tab."""
    argv = [executable, "-m", "cardgame.web.child"]
    if data_dir is not None:
        argv += ["--data-dir", str(Path(data_dir).resolve())]
    for folder in decks_dirs:
        argv += ["--decks-dir", str(Path(folder).resolve())]
    return argv


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="cardgame.web.child")
    parser.add_argument("--data-dir", type=Path, default=None)
    parser.add_argument("--decks-dir", type=Path, action="append", default=[])
    args = parser.parse_args(argv)

    from .app import WebCardGameApp
    from .tables import WebSession

    session = WebSession.open(
        preferences_scope=os.environ.get(SCOPE_ENV, "") or "browser:unknown",
        data_dir=args.data_dir,
        decks_dirs=args.decks_dir,
    )
    WebCardGameApp(session=session).run()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
