"""Small deck folders for the kinds of table (couples, family, friends) and an app on them."""

from __future__ import annotations

import shutil
from pathlib import Path

from cardgame.app import CardGameApp, create_app
from helpers.app import TEST_DECKS

DECKS = {
    "all-ears": ("All Ears", "[couples, friends, family]"),
    "just-us": ("Just Us", "[couples]"),
    "family-table": ("Around Our Table", "[family]"),
    "game-night": ("Game Night", "[friends]"),
}


def write_decks(folder: Path) -> Path:
    """Four small decks, one per kind of table, each with six cards over three levels."""
    folder.mkdir(exist_ok=True)
    shutil.copy(TEST_DECKS / "table-prompts.yaml", folder / "table-prompts.yaml")
    for deck_id, (name, audience) in DECKS.items():
        cards = "\n".join(
            f"  - text: {name} question {n} for the table?\n    level: {1 + n % 3}"
            for n in range(6)
        )
        (folder / f"{deck_id}.yaml").write_text(
            f"id: {deck_id}\nname: {name}\naudience: {audience}\ncards:\n{cards}\n",
            encoding="utf-8",
        )
    return folder


def table_app(tmp_path: Path, clock, **options) -> CardGameApp:
    """The app on those four decks only, timers frozen, a fixed seed."""
    return create_app(
        data_dir=tmp_path / "data",
        decks_dirs=[write_decks(tmp_path / "decks")],
        only_decks_dirs=True,
        clock=clock,
        seed=3,
        live_timers=False,
        **options,
    )
