"""Issue 13: a cached library is listed without building its cards; each deck builds them when
first needed, from rows checked then, and a deck that validate accepts always plays."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from helpers.decks import write

from cardgame.decks import AUDIENCES, Card, DeckSummary, load_library
from cardgame.decks.cache import cache_path, read_cache
from cardgame.decks.lazy import LazyCards
from cardgame.engine import GameSettings, check_dealable, dealable_cards
from cardgame.session import Session


def deck_text(deck_id: str, cards: int) -> str:
    lines = [f"id: {deck_id}", f"name: Deck {deck_id}", "cards:"]
    for number in range(cards):
        lines.append(f"  - text: Question {number} of {deck_id}?")
        lines.append(f"    level: {1 + number % 3}")
        if number % 4 == 0:
            lines.append("    audience: [kids]")
    return "\n".join(lines) + "\n"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    decks = tmp_path / "decks"
    for number in range(5):
        write(decks, deck_text(f"deck-{number}", 7 + number), f"deck-{number}.yaml")
    return decks


def test_a_cached_library_is_listed_without_building_a_card(folder):
    truth = load_library([folder], use_cache=False)
    load_library([folder])  # writes the cache
    cached = load_library([folder])
    assert all(isinstance(deck.cards, LazyCards) for deck in cached.decks)
    for deck, true_deck in zip(cached.decks, truth.decks, strict=True):
        assert (deck.id, deck.name, deck.levels) == (true_deck.id, true_deck.name, (1, 2, 3))
        for audience in (None, *AUDIENCES):
            expected = sum(audience is None or audience in c.audience for c in true_deck.cards)
            assert deck.summary.count(audience) == expected
    assert not any(deck.cards.built for deck in cached.decks), "counting built no card"
    assert cached.decks == truth.decks  # equal: building each deck's cards on the way
    assert all(deck.cards.built for deck in cached.decks)


def test_the_summary_of_a_deck_counts_its_cards(folder):
    deck = load_library([folder], use_cache=False).deck("deck-4")
    summary = deck.summary
    assert summary == DeckSummary.of(deck.cards)
    assert summary.total == len(deck.cards) == 11
    assert summary.count("kids") == 3
    assert summary.count("couples") == summary.count("friends") == 8  # not the kids cards
    assert summary.count("family") == 11  # every card: kids cards are family too
    assert summary.count("no-such-audience") == 0


def test_the_session_builds_only_the_deck_a_card_is_asked_from(folder, tmp_path):
    load_library([folder])
    session = Session.open(data_dir=tmp_path / "data", decks_dirs=[folder])
    try:
        session.load_library()
        decks = {deck.id: deck for deck in session.decks if deck.id.startswith("deck-")}
        card = session.card("deck-2", decks["deck-2"].cards[3].id)
        assert card is not None and card.text == "Question 3 of deck-2?"
        assert [d.id for d in decks.values() if d.cards.built] == ["deck-2"]
        assert session.card("deck-2", "no-such-card") is None
        assert session.card("no-such-deck", "x") is None
    finally:
        session.close()


def test_a_game_deals_from_cached_decks_as_from_fresh_ones(folder):
    load_library([folder])
    cached, fresh = load_library([folder]), load_library([folder], use_cache=False)
    settings = GameSettings(players=("Ana", "Ben"), deck_ids=("deck-1", "deck-3"))
    check_dealable(settings, cached.decks)
    assert dealable_cards(settings, cached.decks) == dealable_cards(settings, fresh.decks)
    built = {deck.id for deck in cached.decks if deck.cards.built}
    assert built == {"deck-1", "deck-3"}, "only the chosen decks are built"


def test_rewriting_the_cache_keeps_unbuilt_decks_as_they_were(folder):
    load_library([folder])
    write(folder, deck_text("deck-new", 3), "deck-new.yaml")  # a new file: the cache is rewritten
    library = load_library([folder])
    assert not library.deck("deck-0").cards.built
    again = load_library([folder])
    assert again.decks == load_library([folder], use_cache=False).decks
    assert set(read_cache()) == {str(path) for path in folder.iterdir()}


def test_forged_rows_of_a_deck_broken_since_fall_back_to_no_cards(folder):
    """The cache's rows are refused and the file no longer loads: the deck has no cards (a
    game says no card matches), never untrusted cards and never a crash."""
    load_library([folder])
    library = load_library([folder])
    deck = library.deck("deck-0")
    deck.cards._digest = "0" * 32  # the rows no longer match what the index promised
    write(folder, "id: deck-0\nname: [\n", "deck-0.yaml")
    assert tuple(deck.cards) == ()
    assert deck.summary.total == 0
    assert not cache_path().exists()


def test_cards_are_built_once_whichever_threads_ask(folder):
    load_library([folder])
    deck = load_library([folder]).deck("deck-3")
    seen: list[tuple] = []
    threads = [threading.Thread(target=lambda: seen.append(tuple(deck.cards))) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len({id(cards[0]) for cards in seen}) == 1, "one set of cards, shared"
    assert len(seen) == 8 and all(cards == seen[0] for cards in seen)


def test_a_summary_counts_a_card_of_any_level():
    """A favourite's card comes back from the store with whatever level it holds: setup
    counts it (the favourites deck is listed from its summary) rather than failing."""
    cards = [Card("favourites", str(level), "Why?", level) for level in (0, 1, 3, 7)]
    summary = DeckSummary.of(cards)
    assert summary.total == summary.count() == 4
    assert summary.levels == (2, 0, 2)
