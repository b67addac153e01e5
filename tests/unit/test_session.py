"""The session between screens: favourites as a deck, and history written as the game goes."""

from __future__ import annotations

from helpers.app import TEST_DECKS
from helpers.engine import FakeClock

from cardgame.decks import Wildcard, load_library
from cardgame.engine import GameSettings
from cardgame.session import FAVOURITES_DECK_ID, Session
from cardgame.store import Store


def make_session(*files: str) -> Session:
    library = load_library([TEST_DECKS / name for name in files])
    return Session(Store.memory(), FakeClock(), seed=5, _library=library)


def anyone_card(session: Session):
    deck = session.library.deck("table-talk")
    return next(card for card in deck.cards if card.wildcard == Wildcard.ANYONE)


def test_a_favourite_plays_as_its_deck_has_it_now():
    session = make_session("table-talk.yaml")
    card = anyone_card(session)
    assert session.favourites.set(card, True)
    favourite = session.favourites.deck().cards[0]
    assert favourite == card  # wildcard type and follow-up included


def test_a_favourite_whose_deck_is_gone_plays_from_the_saved_copy():
    session = make_session("table-talk.yaml")
    card = anyone_card(session)
    session.favourites.set(card, True)
    later = Session(session.store, FakeClock(), _library=load_library([]))
    copy = later.favourites.deck().cards[0]
    assert (copy.text, copy.level, copy.kind) == (card.text, card.level, card.kind)
    assert copy.wildcard == Wildcard.EVERYONE  # the saved copy keeps no wildcard detail


def test_taking_the_heart_away_empties_the_favourites_deck():
    session = make_session("table-talk.yaml")
    card = anyone_card(session)
    assert session.favourites.set(card, True) is True
    assert session.favourites.deck() is not None
    assert session.favourites.set(card, False) is False
    assert session.favourites.deck() is None


def test_a_game_of_favourites_deals_only_favourites():
    session = make_session("table-talk.yaml")
    deck = session.library.deck("table-talk")
    for card in deck.cards[:3]:
        session.favourites.set(card, True)
    game = session.new_game(
        GameSettings(players=("Ana", "Ben"), deck_ids=(FAVOURITES_DECK_ID,), rounds=None)
    )
    dealt = []
    while game.phase == "turn":
        dealt.append(game.turn.card.key)
        game.pass_card()
    assert sorted(dealt) == sorted(card.key for card in deck.cards[:3])


def test_history_is_written_as_the_game_goes():
    session = make_session("table-talk.yaml")
    game = session.new_game(
        GameSettings(players=("Ana", "Ben"), deck_ids=("table-talk",), rounds=1, reflect="off")
    )
    game.pass_card()
    game.done()
    session.history.sync()  # as the app does before it quits; the events wrote it already
    assert session.wait_for_writes(5)
    row = session.games()[0]
    assert (row.cards_answered, row.cards_passed, row.ended_at) == (1, 1, None)
    assert not row.finished
    game.done()
    session.history.sync()
    session.history.sync()  # idempotent: nothing is written twice
    assert session.wait_for_writes(5)
    row = session.games()[0]
    assert row.cards_answered == 2 and row.ended_at is not None and row.finished


def test_history_reaches_the_store_from_the_game_events_alone():
    """Nobody calls sync: the session's writer follows the game's events."""
    session = make_session("table-talk.yaml")
    game = session.new_game(
        GameSettings(players=("Ana", "Ben"), deck_ids=("table-talk",), rounds=1, reflect="off")
    )
    game.pass_card()
    game.done()
    assert session.wait_for_writes(5)
    row = session.games()[0]
    assert (row.cards_answered, row.cards_passed, row.finished) == (1, 1, False)
    game.done()
    assert session.wait_for_writes(5)
    row = session.games()[0]
    assert row.cards_answered == 2 and row.finished
