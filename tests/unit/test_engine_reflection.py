"""The listening-reflection round: its steps, who listens, when it happens, what it records."""

from __future__ import annotations

import copy
import random
from collections import Counter

import pytest
from helpers.engine import FakeClock, answer_turn, make_card, make_deck, make_game, play_out
from helpers.engine import finish_reflection as walk_reflection
from helpers.profiles import examples
from hypothesis import given, settings
from hypothesis import strategies as st

from cardgame.decks import Kind, ReflectionPrompts, Wildcard
from cardgame.engine import (
    BUILT_IN_PROMPTS,
    Countdown,
    GameRuleError,
    Heard,
    ListenerRotation,
    Phase,
    Reflection,
    ReflectionRecord,
    ReflectionStepError,
    Step,
    wants_reflection,
)
from cardgame.engine.reflection import RoundWords
from cardgame.engine.settings import CLARIFY_SECONDS, MAX_REFLECTION_ATTEMPTS

# -- the round on its own ----------------------------------------------------------------------


def make_round(listener: str | None = "Ben", listen_seconds: float = 60):
    clock = FakeClock()
    reflection = Reflection(
        card=make_card("q", level=2),
        speaker="Ada",
        words=RoundWords.choose(BUILT_IN_PROMPTS, random.Random(0)),
        make_timer=lambda seconds: Countdown(clock, seconds),
        listen_seconds=listen_seconds,
        listener=listener,
    )
    return reflection, clock


def test_heard_on_the_first_try() -> None:
    reflection, clock = make_round()
    assert reflection.step == Step.LISTEN
    assert reflection.timer.remaining == 60
    clock.advance(20)
    reflection.listener_done()
    assert reflection.step == Step.CHECK
    assert not reflection.timer.running
    clock.advance(100)
    assert reflection.timer.remaining == 40
    reflection.answer(Heard.YES)
    assert reflection.step == Step.DONE
    assert reflection.done
    assert reflection.attempt == 1
    assert reflection.answers == [Heard.YES]
    assert reflection.felt_heard
    assert reflection.heard_first_time
    assert reflection.closing_line == reflection.words.heard


@pytest.mark.parametrize("first", [Heard.PARTLY, Heard.NOT_QUITE])
@pytest.mark.parametrize("second", list(Heard))
def test_a_second_attempt_then_done_whatever_the_answer(first: Heard, second: Heard) -> None:
    reflection, clock = make_round()
    reflection.listener_done()
    reflection.answer(first)
    assert reflection.step == Step.CLARIFY
    assert reflection.attempt == 1
    assert reflection.timer.remaining == CLARIFY_SECONDS
    clock.advance(10)
    assert reflection.timer.remaining == CLARIFY_SECONDS - 10
    reflection.clarify_done()
    assert reflection.step == Step.LISTEN
    assert reflection.attempt == 2
    assert reflection.timer.remaining == 60
    reflection.listener_done()
    assert reflection.step == Step.CHECK
    reflection.answer(second)
    assert reflection.step == Step.DONE
    assert reflection.attempt == MAX_REFLECTION_ATTEMPTS == 2
    assert reflection.answers == [first, second]
    assert reflection.felt_heard == (second == Heard.YES)
    assert not reflection.heard_first_time
    expected = reflection.words.heard if second == Heard.YES else reflection.words.move_on
    assert reflection.closing_line == expected


def test_answers_may_be_given_as_plain_strings() -> None:
    reflection, _ = make_round()
    reflection.listener_done()
    reflection.answer("partly")
    assert reflection.answers == [Heard.PARTLY]
    assert reflection.step == Step.CLARIFY
    reflection.clarify_done()
    reflection.listener_done()
    with pytest.raises(ValueError):
        reflection.answer("maybe")
    assert reflection.answers == [Heard.PARTLY]
    assert reflection.step == Step.CHECK
    reflection.answer("not_quite")
    assert reflection.answers == [Heard.PARTLY, Heard.NOT_QUITE]
    assert reflection.done


ACTIONS = {
    Step.CHOOSE_LISTENER: lambda r: r.choose_listener("Cy"),
    Step.LISTEN: lambda r: r.listener_done(),
    Step.CHECK: lambda r: r.answer(Heard.PARTLY),
    Step.CLARIFY: lambda r: r.clarify_done(),
}


def reach(step: Step) -> Reflection:
    reflection, _ = make_round(listener=None)
    path = [Step.CHOOSE_LISTENER, Step.LISTEN, Step.CHECK, Step.CLARIFY]
    for current in path:
        if reflection.step == step:
            return reflection
        ACTIONS[current](reflection)
    if step == Step.DONE:
        reflection.listener_done()
        reflection.answer(Heard.YES)
    assert reflection.step == step
    return reflection


@pytest.mark.parametrize(
    ("step", "action"), [(step, action) for step in Step for action in ACTIONS if action != step]
)
def test_actions_from_another_step_raise_and_change_nothing(step: Step, action: Step) -> None:
    reflection = reach(step)
    before = (reflection.step, reflection.attempt, list(reflection.answers), reflection.listener)
    with pytest.raises(ReflectionStepError):
        ACTIONS[action](reflection)
    after = (reflection.step, reflection.attempt, list(reflection.answers), reflection.listener)
    assert after == before


def test_the_speaker_picks_the_listener_first() -> None:
    reflection, clock = make_round(listener=None)
    assert reflection.step == Step.CHOOSE_LISTENER
    assert reflection.listener is None
    assert reflection.timer.remaining is None
    assert not reflection.timer.running
    with pytest.raises(ReflectionStepError):
        reflection.choose_listener("Ada")
    assert reflection.step == Step.CHOOSE_LISTENER
    reflection.choose_listener("Ben")
    assert reflection.listener == "Ben"
    assert reflection.step == Step.LISTEN
    assert reflection.timer.running
    clock.advance(15)
    assert reflection.timer.remaining == 45
    with pytest.raises(ReflectionStepError):
        reflection.choose_listener("Cy")
    assert reflection.listener == "Ben"


# -- who listens -------------------------------------------------------------------------------


def test_rotation_picks_the_least_used_then_the_next_seat() -> None:
    rotation = ListenerRotation(["Ada", "Ben", "Cy", "Dee"])
    assert rotation.candidates("Cy") == ["Dee", "Ada", "Ben"]
    assert rotation.pick("Dee") == "Ada"
    rotation.record("Ada")
    rotation.record("Dee")
    assert rotation.candidates("Ben") == ["Cy", "Dee", "Ada"]
    assert rotation.pick("Cy") == "Ben"


@pytest.mark.parametrize("player_count", range(2, 13))
def test_listeners_share_the_work_and_never_reflect_themselves(player_count: int) -> None:
    rounds = 7
    game, _ = make_game(
        player_count, decks=[make_deck(levels=(1,), per_level=100)], reflect="every", rounds=rounds
    )
    listened = Counter(dict.fromkeys(game.players, 0))
    while game.phase != Phase.OVER:
        answer_turn(game)
        record = game.log.reflections[-1]
        assert record.listener != record.speaker
        listened[record.listener] += 1
        assert max(listened.values()) - min(listened.values()) <= 1
    assert len(game.log.reflections) == rounds * player_count
    assert sum(listened.values()) == rounds * player_count
    assert {name: game.stats[name].reflections_given for name in game.players} == listened


def test_the_speaker_picks_the_listener_in_a_game() -> None:
    game, clock = make_game(
        3, reflect="every", speaker_picks_listener=True, reflect_seconds=40, turn_seconds=90
    )
    ada, ben, cy = game.players
    game.done()
    assert game.reflection.step == Step.CHOOSE_LISTENER
    assert game.listener_candidates() == [ben, cy]
    with pytest.raises(ReflectionStepError):
        game.listener_done()
    for wrong in (ada, "Stranger"):
        with pytest.raises(ReflectionStepError):
            game.choose_listener(wrong)
        assert game.reflection.step == Step.CHOOSE_LISTENER
    game.choose_listener(cy)
    assert game.reflection.listener == cy
    assert game.timer is game.reflection.timer
    assert game.timer.remaining == 40
    clock.advance(5)
    game.toggle_pause()
    clock.advance(50)
    assert game.timer.remaining == 35
    game.listener_done()
    game.answer(Heard.YES)
    record = game.finish_reflection()
    assert (record.speaker, record.listener) == (ada, cy)
    assert game.phase == Phase.TURN
    assert game.turn.player == ben
    game.done()
    # Cy has listened once, so Ada comes first for Ben.
    assert game.listener_candidates() == [ada, cy]


# -- when a round happens ----------------------------------------------------------------------

QUESTION = {level: make_card(f"q{level}", level=level) for level in (1, 2, 3)}
ACTION = {level: make_card(f"a{level}", level=level, kind=Kind.ACTION) for level in (1, 2, 3)}
EVERYONE = {
    level: make_card(f"e{level}", level=level, wildcard=Wildcard.EVERYONE) for level in (1, 3)
}
ANYONE = {level: make_card(f"y{level}", level=level, wildcard=Wildcard.ANYONE) for level in (1, 3)}


@pytest.mark.parametrize("before", range(4))
def test_mode_off_never_reflects(before: int) -> None:
    cards = [*QUESTION.values(), *ACTION.values(), *EVERYONE.values(), *ANYONE.values()]
    assert not any(wants_reflection("off", card, before) for card in cards)


@pytest.mark.parametrize("mode", ["every", "alternate", "deeper"])
@pytest.mark.parametrize("before", range(4))
def test_everyone_answers_is_never_reflected(mode: str, before: int) -> None:
    assert not any(wants_reflection(mode, card, before) for card in EVERYONE.values())


def test_mode_every_reflects_questions_actions_and_ask_anyone() -> None:
    for before in range(4):
        for card in [*QUESTION.values(), *ACTION.values(), *ANYONE.values()]:
            assert wants_reflection("every", card, before), card


def test_mode_alternate_reflects_every_other_answered_card() -> None:
    for level, card in QUESTION.items():
        assert [wants_reflection("alternate", card, n) for n in range(6)] == [
            True,
            False,
        ] * 3, level
    assert wants_reflection("alternate", ANYONE[1], 2)
    assert not wants_reflection("alternate", ANYONE[3], 3)
    assert not any(wants_reflection("alternate", ACTION[3], n) for n in range(4))


def test_mode_deeper_reflects_level_two_and_up() -> None:
    for before in range(3):
        assert not wants_reflection("deeper", QUESTION[1], before)
        assert wants_reflection("deeper", QUESTION[2], before)
        assert wants_reflection("deeper", QUESTION[3], before)
        assert wants_reflection("deeper", ANYONE[3], before)
        assert not wants_reflection("deeper", ANYONE[1], before)
        assert not any(wants_reflection("deeper", card, before) for card in ACTION.values())


def test_alternate_in_a_game_counts_each_speakers_answers_not_passes() -> None:
    game, _ = make_game(
        2, rounds=3, reflect="alternate", decks=[make_deck(levels=(1,), per_level=20)]
    )
    game.pass_card()  # passes do not count as answered
    answered = 0
    reflected = []
    while game.phase != Phase.OVER:
        game.done()
        reflected.append(game.phase == Phase.REFLECTION)
        answered += 1
        if game.phase == Phase.REFLECTION:
            walk_reflection(game)
    # Ada (first seat) on her 1st and 3rd answers, Ben (second seat) on his 2nd: one a round.
    assert reflected == [True, False, False, True, True, False]
    assert answered == 6


def test_deeper_in_a_game_reflects_exactly_the_deeper_questions() -> None:
    deck = make_deck(
        levels=(1, 2, 3),
        per_level=3,
        extra=[make_card(f"act{level}", level=level, kind=Kind.ACTION) for level in (1, 2, 3)],
    )
    game, _ = make_game(3, decks=[deck], depth="deepest", rounds=None, reflect="deeper")
    play_out(game)
    reflected = sorted(record.card.id for record in game.log.reflections)
    assert reflected == sorted(f"L{level}-{n}" for level in (2, 3) for n in range(3))


def test_every_in_a_game_reflects_action_cards_too() -> None:
    deck = make_deck(
        levels=(1,), per_level=2, extra=[make_card(f"act{n}", kind=Kind.ACTION) for n in range(2)]
    )
    game, _ = make_game(2, decks=[deck], rounds=None, reflect="every")
    play_out(game)
    assert sorted(record.card.id for record in game.log.reflections) == [
        "L1-0",
        "L1-1",
        "act0",
        "act1",
    ]


def test_reflection_mode_off_in_a_game() -> None:
    game, _ = make_game(3, decks=[make_deck(per_level=5)], reflect="off", rounds=None)
    while game.phase != Phase.OVER:
        game.done()
        assert game.phase != Phase.REFLECTION
    assert game.log.reflections == []


# -- what a round records ----------------------------------------------------------------------


def test_stats_and_log_of_three_rounds() -> None:
    game, _ = make_game(3, reflect="every", rounds=1, decks=[make_deck(levels=(2,), per_level=5)])
    ada, ben, cy = game.players

    game.done()
    assert game.reflection.speaker == ada
    assert game.reflection.listener == ben
    game.listener_done()
    game.answer(Heard.YES)
    first = game.finish_reflection()

    game.done()
    assert game.reflection.listener == cy
    game.listener_done()
    game.answer(Heard.PARTLY)
    game.clarify_done()
    game.listener_done()
    game.answer(Heard.YES)
    second = game.finish_reflection()

    game.done()
    assert game.reflection.listener == ada
    game.listener_done()
    game.answer(Heard.NOT_QUITE)
    with pytest.raises(GameRuleError):
        game.finish_reflection()
    game.clarify_done()
    game.listener_done()
    game.answer(Heard.NOT_QUITE)
    third = game.finish_reflection()

    assert game.phase == Phase.OVER
    assert game.log.reflections == [first, second, third]
    cards = [deal.card for deal in game.log.deals]
    assert first == ReflectionRecord(cards[0], ada, ben, 1, (Heard.YES,))
    assert second == ReflectionRecord(cards[1], ben, cy, 2, (Heard.PARTLY, Heard.YES))
    assert third == ReflectionRecord(cards[2], cy, ada, 2, (Heard.NOT_QUITE, Heard.NOT_QUITE))
    assert [r.outcome for r in (first, second, third)] == ["yes", "yes", "not_quite"]
    for name in (ada, ben, cy):
        assert game.stats[name].reflections_given == 1
        assert game.stats[name].reflections_received == 1
    assert game.stats[ada].heard_first_time == 1
    assert game.stats[ben].heard_first_time == 0  # heard, but on the second try
    assert game.stats[cy].heard_first_time == 0


def test_reflection_actions_outside_a_round_are_refused() -> None:
    game, _ = make_game(2, reflect="every")
    for action in (
        game.listener_done,
        game.clarify_done,
        game.finish_reflection,
        lambda: game.answer(Heard.YES),
        lambda: game.choose_listener(game.players[1]),
        game.listener_candidates,
    ):
        with pytest.raises(GameRuleError):
            action()
    assert game.phase == Phase.TURN
    assert game.log.reflections == []


def test_reflection_timers_in_a_game() -> None:
    game, clock = make_game(2, reflect="every", reflect_seconds=50, turn_seconds=90)
    game.done()
    assert game.timer.remaining == 50
    clock.advance(60)
    assert game.timer.expired
    assert game.phase == Phase.REFLECTION  # it waits for the table
    game.extend()
    assert game.timer.remaining == 30
    game.listener_done()
    game.answer(Heard.PARTLY)
    assert game.timer.remaining == CLARIFY_SECONDS
    game.clarify_done()
    assert game.timer.remaining == 50


def test_round_words_come_from_the_prompts() -> None:
    prompts = ReflectionPrompts(
        mirror=("m1", "m2"),
        validate=("v1", "v2"),
        empathise=("e1",),
        check=("c1", "c2", "c3"),
        clarify=("cl1",),
        heard=("h1", "h2"),
        move_on=("mo1", "mo2"),
    )
    seen = set()
    for seed in range(12):
        game, _ = make_game(2, reflect="every", prompts=prompts, seed=seed)
        game.done()
        words = game.reflection.words
        assert words.mirror in prompts.mirror
        assert words.validate in prompts.validate
        assert words.check in prompts.check
        assert words.heard in prompts.heard
        assert words.move_on in prompts.move_on
        seen.add((words.mirror, words.check))
    assert len(seen) > 1


# -- random sequences never get stuck ----------------------------------------------------------

MOVES = {
    "choose_self": lambda r: r.choose_listener("Ada"),
    "choose_other": lambda r: r.choose_listener("Ben"),
    "listener_done": lambda r: r.listener_done(),
    "yes": lambda r: r.answer(Heard.YES),
    "partly": lambda r: r.answer(Heard.PARTLY),
    "not_quite": lambda r: r.answer(Heard.NOT_QUITE),
    "clarify_done": lambda r: r.clarify_done(),
}
LEGAL = {
    Step.CHOOSE_LISTENER: {"choose_other"},
    Step.LISTEN: {"listener_done"},
    Step.CHECK: {"yes", "partly", "not_quite"},
    Step.CLARIFY: {"clarify_done"},
    Step.DONE: set(),
}


def state(reflection: Reflection):
    return (reflection.step, reflection.attempt, tuple(reflection.answers), reflection.listener)


def legal_moves(reflection: Reflection) -> set[str]:
    """Moves that work, found by trying each on a copy."""
    legal = set()
    for name, move in MOVES.items():
        trial = copy.deepcopy(reflection)
        try:
            move(trial)
        except ReflectionStepError:
            assert state(trial) == state(reflection)
        else:
            legal.add(name)
    return legal


@settings(max_examples=examples(150), deadline=None)
@given(
    picks=st.booleans(),
    moves=st.lists(st.sampled_from(sorted(MOVES)), max_size=30),
)
def test_random_moves_never_reach_a_dead_state(picks: bool, moves: list[str]) -> None:
    reflection, clock = make_round(listener=None if picks else "Ben")
    for name in moves:
        assert legal_moves(reflection) == LEGAL[reflection.step]
        before = state(reflection)
        try:
            MOVES[name](reflection)
        except ReflectionStepError:
            assert name not in LEGAL[before[0]]
            assert state(reflection) == before
        else:
            assert name in LEGAL[before[0]]
        clock.advance(1)
        assert 1 <= reflection.attempt <= MAX_REFLECTION_ATTEMPTS
        assert len(reflection.answers) <= reflection.attempt
        assert all(answer != Heard.YES for answer in reflection.answers[:-1])
        finished = bool(reflection.answers) and (
            reflection.answers[-1] == Heard.YES
            or len(reflection.answers) == MAX_REFLECTION_ATTEMPTS
        )
        assert reflection.done == finished
        assert (reflection.listener is None) == (reflection.step == Step.CHOOSE_LISTENER)
    # From wherever it stopped, the round can always be finished in a few moves.
    for _ in range(8):
        if reflection.done:
            break
        legal = legal_moves(reflection)
        assert legal
        MOVES[min(legal)](reflection)
    assert reflection.done


def test_ending_the_game_on_a_rounds_closing_words_records_the_round() -> None:
    """The speaker has said they felt heard; the table ends the game from the menu before
    pressing enter on the closing words: the round happened, and the summary counts it."""
    game, _ = make_game(2, reflect="every")
    ada, ben = game.players
    game.done()
    game.listener_done()
    game.answer(Heard.YES)
    assert game.reflection.done
    game.end()
    assert game.phase == Phase.OVER
    [record] = game.log.reflections
    assert (record.speaker, record.listener, record.declined) == (ada, ben, False)
    assert game.stats[ben].reflections_given == 1
    assert game.stats[ada].heard_first_time == 1


def test_ending_the_game_in_the_middle_of_a_round_records_nothing() -> None:
    game, _ = make_game(2, reflect="every")
    game.done()
    game.listener_done()  # the speaker has not answered yet
    game.end()
    assert game.log.reflections == []
