"""Issue 3's content rules, checked against the decks that ship with the game, as loaded.

Run this file as a script to record deliberate card changes in the card manifest:
    .venv/bin/python tests/unit/test_bundled_decks.py --update-manifest
"""

from __future__ import annotations

import hashlib
import re
import sys
from collections import Counter
from pathlib import Path

import pytest

from cardgame.decks import Card, Deck, Kind, load_library
from cardgame.paths import bundled_decks_dir

# The skills table of the content brief (/work/shared/content-brief.md): one bundled deck each.
SKILLS = (
    "Open and honest communication",
    "Active listening",
    "Empathy",
    "Vulnerability",
    "Appreciation and affection",
    "Conflict and repair",
    "Trust and emotional safety",
    "Self-awareness",
    "Presence and quality time",
    "Shared experiences and memories",
    "Dreams and growth",
    "Needs and expectations",
    "Humour and play",
    "Patience and consistency",
)
LEVEL_SHARES = {1: 0.40, 2: 0.35, 3: 0.25}
LEVEL_TOLERANCE = 0.10
MAX_TEXT = 200
MAX_DEEPEST_FOR_FAMILY = 3
ROMANCE = re.compile(r"\b(partners?|date nights?|romantic|romance|kiss(es|ed|ing)?)\b", re.I)
NEAR_DUPLICATE = 0.7
MANIFEST = Path(__file__).resolve().parents[1] / "data" / "card-manifest.tsv"
MANIFEST_HEADER = """\
# Every bundled card: deck id, card id, and the first 12 hex digits of the SHA-256 of its text.
# Favourites and history name cards by (deck id, card id), so an id stays with its card for good:
# it never disappears and never moves to other words. After rewording cards on purpose, record it:
#     .venv/bin/python tests/unit/test_bundled_decks.py --update-manifest
"""

Manifest = dict[tuple[str, str], str]


@pytest.fixture(scope="module")
def library():
    return load_library([bundled_decks_dir()])


@pytest.fixture(scope="module")
def skill_decks(library) -> dict[str, Deck]:
    by_skill: dict[str, Deck] = {}
    for deck in library.decks:
        if deck.strategy in SKILLS:
            assert deck.strategy not in by_skill, f"two decks practise {deck.strategy!r}"
            by_skill[deck.strategy] = deck
    return by_skill


@pytest.fixture(scope="module")
def all_cards(library) -> list[Card]:
    return [card for deck in library.decks for card in deck.cards]


def all_texts(library) -> list[Card]:
    """Every card, plus the prompts file's lines as pseudo-cards of a deck named after the file."""
    cards = [card for deck in library.decks for card in deck.cards]
    prompts = library.prompts
    lines = list(prompts.closing)
    for group in (prompts.reflection, getattr(prompts, "kids", None)):
        if group is not None:
            lines += [line for name in group.__dataclass_fields__ for line in getattr(group, name)]
    cards += [Card("table-prompts", str(i), line) for i, line in enumerate(lines)]
    cards += [Card(c.deck_id, c.id + "/follow-up", c.follow_up) for c in cards if c.follow_up]
    return cards


def words(text: str) -> frozenset[str]:
    """A card's words, lowercased, with curly apostrophes made straight."""
    text = text.lower().replace("\u2019", "'").replace("\u2018", "'")
    return frozenset(re.findall(r"[a-z0-9']+", text))


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)


def near_duplicates(cards: list[Card], limit: float = NEAR_DUPLICATE) -> list[tuple]:
    """Every pair of cards whose word sets overlap more than ``limit`` (Jaccard)."""
    sets = [(words(card.text), card) for card in cards]
    sets.sort(key=lambda item: len(item[0]))
    found = []
    for i, (a, card_a) in enumerate(sets):
        for b, card_b in sets[i + 1 :]:
            # Sorted by size: |a|/|b| bounds the Jaccard, so larger sets cannot match.
            if len(a) <= limit * len(b):
                break
            score = jaccard(a, b)
            if score > limit:
                found.append((round(score, 2), card_a.key, card_a.text, card_b.key, card_b.text))
    return found


# -- files ---------------------------------------------------------------------------------------


def test_every_bundled_file_loads(library):
    assert [str(problem) for problem in library.problems] == []


def test_table_prompts_load_with_every_list_filled(library):
    prompts = library.prompts
    assert prompts is not None
    reflection = prompts.reflection
    for name in reflection.__dataclass_fields__:
        assert len(getattr(reflection, name)) >= 1, name
    assert len(prompts.closing) >= 20


# -- decks ---------------------------------------------------------------------------------------


def test_one_deck_per_skill_each_with_fifty_cards(skill_decks):
    assert sorted(skill_decks) == sorted(SKILLS)
    small = {skill: len(deck.cards) for skill, deck in skill_decks.items() if len(deck.cards) < 50}
    assert small == {}


def test_seven_hundred_cards_in_all(all_cards):
    assert len(all_cards) >= 700


def test_every_deck_names_and_describes_itself(library):
    for deck in library.decks:
        assert deck.name.strip(), deck.source
        assert deck.description.strip(), deck.source
        assert deck.strategy.strip(), deck.source


def test_skill_decks_spread_their_levels(skill_decks):
    for skill, deck in skill_decks.items():
        counts = Counter(card.level for card in deck.cards)
        for level, share in LEVEL_SHARES.items():
            actual = counts[level] / len(deck.cards)
            assert abs(actual - share) <= LEVEL_TOLERANCE, (skill, level, round(actual, 2))


def test_family_table_deck_stays_light_and_deeper(library):
    family_decks = [deck for deck in library.decks if deck.audience == ("family",)]
    assert family_decks, "no family-only deck"
    for deck in family_decks:
        assert deck.levels == (1, 2), deck.id


def test_skill_decks_mix_kinds_and_are_mostly_questions(skill_decks):
    for skill, deck in skill_decks.items():
        kinds = Counter(card.kind for card in deck.cards)
        assert kinds[Kind.ACTION] >= 1, skill
        assert kinds[Kind.WILDCARD] >= 1, skill
        assert kinds[Kind.QUESTION] > len(deck.cards) / 2, skill


# -- cards ---------------------------------------------------------------------------------------


def test_enough_cards_for_families_and_friends(all_cards):
    assert sum("family" in card.audience for card in all_cards) >= 150
    assert sum("friends" in card.audience for card in all_cards) >= 250


def test_every_card_is_short(all_cards):
    long = [(card.key, len(card.text)) for card in all_cards if len(card.text) > MAX_TEXT]
    assert long == []


def test_deepest_cards_are_rarely_for_families(all_cards):
    deepest = [card.key for card in all_cards if card.level == 3 and "family" in card.audience]
    assert len(deepest) <= MAX_DEEPEST_FOR_FAMILY, deepest


def test_no_romance_on_family_cards(all_cards):
    romantic = [
        (card.key, card.text)
        for card in all_cards
        if "family" in card.audience and ROMANCE.search(card.text)
    ]
    assert romantic == []


def test_cards_open_in_natural_english(library):
    """Issue 12: no "Tell about…" anywhere, and wildcards carry no label the UI now shows."""
    texts = [(card.key, card.text) for card in all_texts(library)]
    assert [item for item in texts if re.search(r"\btell about\b", item[1], re.I)] == []
    labelled = [
        item for item in texts if re.match(r"(everyone answers|ask anyone)\b", item[1], re.I)
    ]
    assert labelled == []


def test_romance_words_are_caught():
    assert ROMANCE.search("Plan a date night for next week.")
    assert ROMANCE.search("What does your partner do that you love?")
    assert ROMANCE.search("Give someone a kiss on the cheek.")
    assert not ROMANCE.search("What made you smile this week?")


def test_no_near_duplicate_cards(all_cards):
    assert near_duplicates(all_cards) == []


def test_near_duplicate_check_flags_a_reworded_card():
    a = Card("a", "1", "What made you smile this week, and why?")
    b = Card("b", "2", "What made you smile this week and why?!")
    c = Card("c", "3", "What’s one thing that made you smile this week, and why?")
    d = Card("d", "4", "Describe a place where you feel completely at ease.")
    assert words("What’s it") == words("what's IT")
    found = near_duplicates([a, b, c, d])
    keys = {(pair[1], pair[3]) for pair in found} | {(pair[3], pair[1]) for pair in found}
    assert (a.key, b.key) in keys
    assert all(d.key not in pair for pair in keys)


# -- card manifest: ids stay with their cards ----------------------------------------------------


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


def test_every_card_matches_the_manifest(library):
    changes = manifest_changes(read_manifest(), current_cards(library.decks))
    assert {kind: found for kind, found in changes.items() if found} == {}, (
        "bundled cards differ from tests/data/card-manifest.tsv; if on purpose, run "
        "tests/unit/test_bundled_decks.py --update-manifest"
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
