"""Issue 3's content rules, checked against the decks that ship with the game, as loaded."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

import pytest

from cardgame.decks import Card, Deck, Kind, Wildcard, load_library
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
KIDS_MIN_CARDS = 220
KIDS_MIN_DECKS = 12
KIDS_MAX_GRADE = 6.0
# Wording that assumes more than two players ("two people are not a group", content brief).
GROUP_WORDS = re.compile(
    r"\b(us|everyone (here|else|at|answers|names|listening)|each person|all of you|some of you"
    r"|you all"
    r"|(someone|anyone|everyone|people|person|friends?|players?|one|who|whoever) here"
    r"|(at|around|round|to) (the|this) table|the table|the whole table|the (rest of the )?group"
    r"|this group|tonight's group|as a group|(person|player) (on|to) your (left|right)"
    r"|(person|player) next to you|(sitting )?(across from|opposite) you|sitting closest to you"
    r"|the others|other players|the rest of (us|you|the table)|one player|each other here)\b",
    re.I,
)


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
    cards += [replace(c, id=f"{c.id}/follow-up", text=c.follow_up) for c in cards if c.follow_up]
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


def test_enough_cards_for_every_audience(all_cards):
    counts = Counter(audience for card in all_cards for audience in card.audience)
    assert counts["couples"] >= 700, counts
    assert counts["friends"] >= 250, counts
    assert counts["family"] >= 150, counts
    assert counts["kids"] >= KIDS_MIN_CARDS, counts


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


# -- kids: easy to read aloud at seven -------------------------------------------------------------


def syllables(word: str) -> int:
    """Syllables by the usual vowel-group rule, less a silent final e, -es or -ed."""
    word = re.sub(r"[^a-z]", "", word.lower())
    if not word:
        return 0
    count = len(re.findall(r"[aeiouy]+", word))
    silent = (
        (word.endswith("e") and not word.endswith(("le", "ee", "ye")))
        or (
            word.endswith("es")
            and not word.endswith(("ses", "zes", "ches", "shes", "ges", "ces", "xes"))
        )
        or (word.endswith("ed") and not word.endswith(("ted", "ded")))
    )
    return max(1, count - (silent and count > 1))


def reading_grade(text: str) -> float:
    """Flesch-Kincaid grade: 0.39 * words/sentences + 11.8 * syllables/words - 15.59."""
    found = re.findall(r"[A-Za-z][A-Za-z'\u2019]*", text)
    sentences = max(1, len(re.findall(r"[.!?]+", text)))
    total = sum(syllables(word) for word in found)
    return 0.39 * len(found) / sentences + 11.8 * total / len(found) - 15.59


def test_syllables_and_reading_grade_follow_the_usual_formula():
    counts = {"cat": 1, "table": 2, "make": 1, "happy": 2, "wished": 1, "wanted": 2, "nervous": 2}
    assert {word: syllables(word) for word in counts} == counts
    assert syllables("Everyone") == 3 and syllables("conversation") == 4
    assert reading_grade("The cat sat on the mat.") == pytest.approx(0.39 * 6 + 11.8 - 15.59)
    assert reading_grade("What helps you feel better when you are sad?") < 3
    hard = "How do you regulate difficult emotions when circumstances feel overwhelming?"
    assert reading_grade(hard) > 12


def test_many_kids_cards_across_many_decks(all_cards):
    kids = Counter(card.deck_id for card in all_cards if "kids" in card.audience)
    assert sum(kids.values()) >= KIDS_MIN_CARDS, kids
    assert len(kids) >= KIDS_MIN_DECKS, kids


def test_kids_cards_are_family_cards_at_the_lighter_levels(all_cards):
    kids = [card for card in all_cards if "kids" in card.audience]
    assert [card.key for card in kids if "family" not in card.audience] == []
    assert [card.key for card in kids if card.level > 2] == []


def test_every_kids_card_reads_at_grade_six_or_below(all_cards):
    hard = [
        (card.key, round(reading_grade(text), 1), text)
        for card in all_cards
        if "kids" in card.audience
        for text in (card.text, card.follow_up)
        if text and reading_grade(text) > KIDS_MAX_GRADE
    ]
    assert hard == []


def test_kids_reflection_prompts_fill_every_step_in_plain_words(library):
    kids = library.prompts.kids
    assert kids is not None, "table-prompts.yaml has no kids: prompts"
    for name in kids.__dataclass_fields__:
        lines = getattr(kids, name)
        assert lines, name
        assert [line for line in lines if reading_grade(line) > KIDS_MAX_GRADE] == [], name


# -- two people are not a group ------------------------------------------------------------------


def test_group_words_are_caught():
    for text in (
        "If I have it right, you're telling us that...",
        "Pick someone here and ask how they are.",
        "Tell the person on your left a secret.",
        "Thank the player on your right.",
        "What do you appreciate about this group?",
        "Who at this table tells the best stories?",
        "Everyone answers: which meal?",
        "Tell the group one thing you need.",
    ):
        assert GROUP_WORDS.search(text), text
    for text in (
        "Tell another player one reason you trust them.",
        "Which hurt between you and me?",
    ):
        assert not GROUP_WORDS.search(text), text


def test_nothing_dealt_to_two_players_speaks_to_a_group(library):
    """Cards a table of two can be dealt (min_players 2, not 'ask anyone'), and every prompt."""
    dealt_to_two = [
        card
        for card in all_texts(library)
        if card.min_players <= 2 and card.wildcard is not Wildcard.ANYONE
    ]
    grouped = [(card.key, card.text) for card in dealt_to_two if GROUP_WORDS.search(card.text)]
    assert grouped == []


def test_group_cards_wait_for_three(all_cards):
    assert {card.min_players for card in all_cards} <= {2, 3}
    needs_three = [card for card in all_cards if card.min_players == 3]
    assert needs_three and all(GROUP_WORDS.search(card.text) for card in needs_three)


# -- the fixed-order deck for two ----------------------------------------------------------------


def test_one_fixed_order_deck_for_two_builds_from_light_to_deep(library):
    fixed = [deck for deck in library.decks if deck.order == "fixed"]
    assert [deck.id for deck in fixed] == ["step-by-step"]
    deck = fixed[0]
    assert deck.audience == ("couples",)
    assert 25 <= len(deck.cards) <= 35
    levels = [card.level for card in deck.cards]
    assert levels == sorted(levels) and levels[0] == 1 and levels[-1] == 3
    assert deck.cards[-1].kind is Kind.ACTION
    assert deck.strategy and deck.strategy not in SKILLS


def test_every_deck_has_its_own_colour(library):
    colours = Counter(deck.color.upper() for deck in library.decks if deck.color)
    assert [colour for colour, count in colours.items() if count > 1] == []
    assert sum(colours.values()) == len(library.decks)
