"""Shared builders for the engine tests: a fake clock, in-memory decks and cards, games."""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence

from cardgame.decks import AUDIENCES, MIN_PLAYERS, Card, Deck, DeckOrder, Kind, Wildcard
from cardgame.engine import Game, GameSettings, Heard, Phase, Step

NAMES = (
    "Ada",
    "Ben",
    "Cy",
    "Dee",
    "Eve",
    "Fox",
    "Gus",
    "Hal",
    "Ivy",
    "Jo",
    "Kit",
    "Lu",
)


class FakeClock:
    """A monotonic clock that only moves when told to."""

    def __init__(self, start: float = 1000.0) -> None:
        self.now = float(start)

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        if seconds < 0:
            raise ValueError("a monotonic clock never goes back")
        self.now += seconds


def players(count: int) -> tuple[str, ...]:
    return NAMES[:count]


def make_card(
    card_id: str,
    *,
    deck_id: str = "test",
    level: int = 1,
    kind: Kind = Kind.QUESTION,
    audience: Iterable[str] = AUDIENCES,
    wildcard: Wildcard | None = None,
    text: str | None = None,
    min_players: int = MIN_PLAYERS,
) -> Card:
    if wildcard is not None:
        kind = Kind.WILDCARD
    return Card(
        deck_id=deck_id,
        id=card_id,
        text=text or f"Question {card_id}?",
        level=level,
        kind=kind,
        audience=frozenset(audience),
        wildcard=wildcard,
        min_players=min_players,
    )


def fixed_deck(deck_id: str, cards: Sequence[Card]) -> Deck:
    """A deck dealt in file order (``order: fixed``)."""
    return Deck(id=deck_id, name=deck_id.title(), cards=tuple(cards), order=DeckOrder.FIXED)


def make_deck(
    deck_id: str = "test",
    *,
    levels: Sequence[int] | dict[int, int] = (1, 2, 3),
    per_level: int = 4,
    kind: Kind = Kind.QUESTION,
    wildcard: Wildcard | None = None,
    audience: Iterable[str] = AUDIENCES,
    extra: Iterable[Card] = (),
) -> Deck:
    """A deck of plain cards: ``per_level`` of each level in ``levels`` (or a {level: count}
    mapping), ids like ``L2-3``, then ``extra`` cards as given."""
    counts = dict(levels) if isinstance(levels, dict) else dict.fromkeys(levels, per_level)
    audience = frozenset(audience)
    cards = [
        make_card(
            f"L{level}-{n}",
            deck_id=deck_id,
            level=level,
            kind=kind,
            wildcard=wildcard,
            audience=audience,
        )
        for level, count in sorted(counts.items())
        for n in range(count)
    ]
    cards.extend(extra)
    return Deck(id=deck_id, name=deck_id.title(), cards=tuple(cards))


def make_settings(
    player_count: int = 3, decks: Sequence[Deck] = (), **overrides: object
) -> GameSettings:
    values: dict = {
        "players": players(player_count),
        "deck_ids": tuple(deck.id for deck in decks) or ("test",),
        "reflect": "off",
    }
    values.update(overrides)
    return GameSettings(**values)


def make_game(
    player_count: int = 3,
    decks: Sequence[Deck] | None = None,
    *,
    seed: int = 0,
    clock: FakeClock | None = None,
    prompts=None,
    closing: tuple[str, ...] = (),
    last_seen=None,
    kids_prompts=None,
    **overrides: object,
) -> tuple[Game, FakeClock]:
    """A game on a fake clock; reflection is off unless ``reflect=`` says otherwise."""
    decks = list(decks) if decks is not None else [make_deck()]
    clock = clock or FakeClock()
    game = Game(
        make_settings(player_count, decks, **overrides),
        decks,
        rng=random.Random(seed),
        clock=clock,
        prompts=prompts,
        kids_prompts=kids_prompts,
        closing=closing,
        last_seen=last_seen,
    )
    return game, clock


def finish_reflection(game: Game, heard: Heard = Heard.YES) -> None:
    """Walk the current reflection round to its end, answering ``heard`` every time."""
    reflection = game.reflection
    assert reflection is not None
    if reflection.step == Step.CHOOSE_LISTENER:
        game.choose_listener(game.listener_candidates()[0])
    while not reflection.done:
        if reflection.step == Step.LISTEN:
            game.listener_done()
        elif reflection.step == Step.CHECK:
            game.answer(heard)
        elif reflection.step == Step.CLARIFY:
            game.clarify_done()
    game.finish_reflection()


def answer_turn(game: Game, heard: Heard = Heard.YES) -> None:
    """Answer the current card and finish any reflection round it brings."""
    game.done()
    if game.phase == Phase.REFLECTION:
        finish_reflection(game, heard)


def play_out(game: Game, limit: int = 10_000) -> None:
    """Answer every turn until the game is over."""
    for _ in range(limit):
        if game.phase == Phase.OVER:
            return
        answer_turn(game)
    raise AssertionError("the game did not end")
