"""The card manifest: every bundled card's id stays with its words, for good.

Favourites and history name cards by (deck id, card id). tests/data/card-manifest.tsv records
each bundled card with a hash of its text; the test below compares the loaded decks with it.
Run this file as a script to record deliberate changes (rewording, new cards):
    .venv/bin/python tests/unit/test_card_manifest.py --update-manifest
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

from cardgame.decks import Deck, load_library
from cardgame.paths import bundled_decks_dir

MANIFEST = Path(__file__).resolve().parents[1] / "data" / "card-manifest.tsv"
MANIFEST_HEADER = """\
# Every bundled card: deck id, card id, and the first 12 hex digits of the SHA-256 of its text.
# Favourites and history name cards by (deck id, card id), so an id stays with its card for good:
# it never disappears and never moves to other words. After rewording cards on purpose, record it:
#     .venv/bin/python tests/unit/test_card_manifest.py --update-manifest
"""

Manifest = dict[tuple[str, str], str]


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def current_cards(decks: list[Deck]) -> Manifest:
    return {card.key: text_hash(card.text) for deck in decks for card in deck.cards}


def read_manifest(path: Path = MANIFEST) -> Manifest:
    recorded: Manifest = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        deck_id, card_id, digest = line.split("\t")
        assert (deck_id, card_id) not in recorded, f"{path}:{number}: {deck_id}/{card_id} twice"
        recorded[(deck_id, card_id)] = digest
    return recorded


def format_manifest(cards: Manifest) -> str:
    rows = [f"{deck}\t{card}\t{digest}" for (deck, card), digest in sorted(cards.items())]
    return MANIFEST_HEADER + "\n".join(rows) + "\n"


def manifest_changes(recorded: Manifest, current: Manifest) -> dict[str, list[str]]:
    """What differs between the manifest and the decks, by kind of change.

    ``removed`` ids and ``moved`` texts (a recorded card's words now under another id of the same
    deck, as when an id is reused) break favourites; ``added`` and ``reworded`` are fine once
    recorded on purpose.
    """
    owner = {(deck, digest): card for (deck, card), digest in recorded.items()}
    changes: dict[str, list[str]] = {"removed": [], "moved": [], "added": [], "reworded": []}
    for key in sorted(recorded.keys() - current.keys()):
        changes["removed"].append("/".join(key))
    for (deck, card), digest in sorted(current.items()):
        was = owner.get((deck, digest))
        if was is not None and was != card:
            changes["moved"].append(f"{deck}: the words of {was} are now under {card}")
        elif (deck, card) not in recorded:
            changes["added"].append(f"{deck}/{card}")
        elif recorded[(deck, card)] != digest:
            changes["reworded"].append(f"{deck}/{card}")
    return changes


def test_every_card_matches_the_manifest():
    decks = load_library([bundled_decks_dir()]).decks
    changes = manifest_changes(read_manifest(), current_cards(decks))
    assert {kind: found for kind, found in changes.items() if found} == {}, (
        "bundled cards differ from tests/data/card-manifest.tsv; if on purpose, run "
        "tests/unit/test_card_manifest.py --update-manifest"
    )


def test_manifest_changes_catch_a_reused_id_and_a_lost_one():
    recorded = {("d", "a"): text_hash("Old words"), ("d", "b"): text_hash("Other words")}
    reused = {("d", "a"): text_hash("Other words"), ("d", "c"): text_hash("Old words")}
    changes = manifest_changes(recorded, reused)
    assert changes["removed"] == ["d/b"]
    assert changes["moved"] == [
        "d: the words of b are now under a",
        "d: the words of a are now under c",
    ]
    reworded = manifest_changes(recorded, {**recorded, ("d", "a"): text_hash("New words")})
    assert reworded["reworded"] == ["d/a"] and reworded["moved"] == reworded["removed"] == []


def update_manifest(argv: list[str]) -> int:
    """Record the bundled cards in the manifest; refuse to lose or move an id unless told."""
    current = current_cards(load_library([bundled_decks_dir()]).decks)
    recorded = read_manifest() if MANIFEST.exists() else {}
    changes = manifest_changes(recorded, current)
    for kind, found in changes.items():
        for item in found:
            print(f"{kind}: {item}")
    if (changes["removed"] or changes["moved"]) and "--allow-lost-ids" not in argv:
        print(
            "refusing: ids would be lost or reused (favourites depend on them); "
            "add --allow-lost-ids only if that is truly meant",
            file=sys.stderr,
        )
        return 1
    MANIFEST.write_text(format_manifest(current), encoding="utf-8")
    print(f"{MANIFEST}: {len(current)} cards")
    return 0


if __name__ == "__main__":
    if "--update-manifest" not in sys.argv[1:]:
        sys.exit(f"usage: {sys.argv[0]} --update-manifest [--allow-lost-ids]")
    sys.exit(update_manifest(sys.argv[1:]))
