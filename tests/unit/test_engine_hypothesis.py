"""Random tables play random sequences of actions; the game keeps its promises throughout.

Every action is tried whether or not it is allowed: an allowed one must do what the rules say,
a refused one must raise and change nothing. Between actions the game must never have dealt a
card twice, never skipped or repeated a seat, keep its phase consistent, and always offer a way
forward until it is over.
"""

from __future__ import annotations

import copy
import random
from collections import Counter

import pytest
from helpers.engine import NAMES, FakeClock, make_card
from helpers.profiles import examples
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from cardgame.decks import Deck, DeckOrder, Kind, Wildcard
from cardgame.engine import (
    EndReason,
    Game,
    GameRuleError,
    GameSettings,
    Heard,
    Phase,
    ReflectionStepError,
    Step,
)
from cardgame.engine.settings import (
    DEPTHS,
    EXTEND_SECONDS,
    MAX_LEVEL,
    MAX_REFLECTION_ATTEMPTS,
    REFLECT_MODES,
    TABLE_AUDIENCES,
    TURN_CHOICES,
)

CLOSING = ("Close one", "Close two", "Close three")
KINDS = ("question", "action", "anyone", "everyone")
WHO = st.sampled_from(("self", "other", "stranger"))

CARD_AUDIENCES = (*TABLE_AUDIENCES, "kids")
card_specs = st.tuples(
    st.integers(1, 3),
    st.sampled_from(KINDS),
    st.just(frozenset(CARD_AUDIENCES)) | st.frozensets(st.sampled_from(CARD_AUDIENCES), min_size=1),
    st.sampled_from((2, 2, 2, 3, 5)),
)


def build_deck(specs, order: DeckOrder) -> Deck:
    cards = []
    for n, (level, kind, audience, min_players) in enumerate(specs):
        wildcard = {"anyone": Wildcard.ANYONE, "everyone": Wildcard.EVERYONE}.get(kind)
        cards.append(
            make_card(
                f"c{n}",
                level=level,
                kind=Kind.ACTION if kind == "action" else Kind.QUESTION,
                wildcard=wildcard,
                audience=audience,
                min_players=min_players,
            )
        )
    return Deck(id="test", name="Test", cards=tuple(cards), order=order)


def expects_reflection(mode: str, card, answered_before: int) -> bool:
    """The reflection setting, restated from the issue. ``answered_before`` counts the speaker's
    own earlier answers that "every other turn" may reflect on, plus one for odd seats."""
    if mode == "off" or card.wildcard == Wildcard.EVERYONE:
        return False
    if card.kind == Kind.ACTION:
        return mode == "every"
    return {
        "every": True,
        "alternate": answered_before % 2 == 0,
        "deeper": card.level >= 2,
    }[mode]


def snapshot(game: Game):
    turn, reflection = game.turn, game.reflection
    return (
        game.phase,
        game.end_reason,
        turn and (turn.index, turn.player, turn.card.key, turn.asked),
        reflection
        and (reflection.step, reflection.attempt, tuple(reflection.answers), reflection.listener),
        len(game.log.deals),
        len(game.log.reflections),
        game.dealer.remaining,
        {name: (s.answered, s.passed, s.reflections_given) for name, s in game.stats.items()},
    )


def forward(game: Game) -> None:
    """The plainest next step: answer, and walk any reflection round to its end."""
    if game.phase == Phase.TURN:
        game.done()
        return
    reflection = game.reflection
    assert reflection is not None
    if reflection.step == Step.CHOOSE_LISTENER:
        game.choose_listener(game.listener_candidates()[0])
    elif reflection.step == Step.LISTEN:
        game.listener_done()
    elif reflection.step == Step.CHECK:
        game.answer(Heard.YES)
    elif reflection.step == Step.CLARIFY:
        game.clarify_done()
    else:
        game.finish_reflection()


class GameMachine(RuleBasedStateMachine):
    @initialize(
        player_count=st.integers(2, 4) | st.integers(2, 12),
        specs=st.lists(card_specs, min_size=4, max_size=40),
        order=st.sampled_from(DeckOrder),
        depth=st.sampled_from(DEPTHS),
        rounds=st.none() | st.integers(1, 3),
        minutes=st.none() | st.integers(1, 20),
        passes=st.none() | st.integers(0, 3),
        audience=st.none() | st.sampled_from(TABLE_AUDIENCES),
        child_seats=st.frozensets(st.integers(0, 11), max_size=3),
        reflect=st.sampled_from(REFLECT_MODES),
        picks=st.booleans(),
        turn_seconds=st.sampled_from(TURN_CHOICES),
        seed=st.integers(0, 2**32),
    )
    def start(
        self,
        player_count,
        specs,
        order,
        depth,
        rounds,
        minutes,
        passes,
        audience,
        child_seats,
        reflect,
        picks,
        turn_seconds,
        seed,
    ) -> None:
        self.clock = FakeClock()
        self.settings = GameSettings(
            players=NAMES[:player_count],
            deck_ids=("test",),
            depth=depth,
            rounds=rounds,
            minutes=minutes,
            children=frozenset(NAMES[seat] for seat in child_seats if seat < player_count),
            turn_seconds=turn_seconds,
            passes=passes,
            audience=audience,
            reflect=reflect,
            speaker_picks_listener=picks,
        )
        self.deck = build_deck(specs, order)
        self.game = Game(
            self.settings,
            [self.deck],
            rng=random.Random(seed),
            clock=self.clock,
            closing=CLOSING,
        )
        self.players = self.game.players
        assert self.players == NAMES[:player_count]
        self.total_turns = rounds * player_count if rounds else None
        self.children = self.settings.children
        self.cards = {card.key: card for card in self.deck.cards}
        self.eligible = {
            card.key
            for card in self.deck.cards
            if card.level <= MAX_LEVEL[depth]
            and (audience is None or audience in card.audience)
            and not (card.wildcard == Wildcard.ANYONE and player_count == 2)
            and card.min_players <= player_count
            and not (self.children and card.wildcard and "kids" not in card.audience)
        }
        self.last_index = 0
        self.requested_end = False
        if not self.can_deal(self.players[0], dealt=set()):
            assert self.game.phase == Phase.OVER
            assert self.game.end_reason == EndReason.CARDS

    # -- helpers -------------------------------------------------------------------------------

    def refused(self, action, error=GameRuleError) -> None:
        before = snapshot(self.game)
        with pytest.raises(error):
            action()
        assert snapshot(self.game) == before

    def can_deal(self, player: str, dealt: set | None = None) -> bool:
        """Whether a card not yet dealt suits ``player`` (a child: only kids cards)."""
        if dealt is None:
            dealt = {card.key for card in self.game.dealer.dealt}
        return any(
            key not in dealt and (player not in self.children or "kids" in self.cards[key].audience)
            for key in self.eligible
        )

    def time_up(self) -> bool:
        minutes = self.settings.minutes
        return minutes is not None and self.game.elapsed >= minutes * 60

    def after_turn_ends(self, index: int, can_deal_next: bool) -> None:
        """Where the game must be once turn ``index`` is fully over."""
        game = self.game
        total = self.total_turns
        if total is not None and index + 1 >= total:
            assert game.phase == Phase.OVER
            assert game.end_reason == EndReason.ROUNDS
        elif (index + 1) % len(self.players) == 0 and self.time_up():
            assert game.phase == Phase.OVER
            assert game.end_reason == EndReason.TIME
        elif not can_deal_next:
            assert game.phase == Phase.OVER
            assert game.end_reason == EndReason.CARDS
        else:
            assert game.phase == Phase.TURN
            assert game.turn.index == index + 1
            assert game.turn.player == self.players[(index + 1) % len(self.players)]
            assert game.reflection is None

    # -- turn actions --------------------------------------------------------------------------

    @rule()
    def done(self) -> None:
        game = self.game
        if game.phase != Phase.TURN:
            self.refused(game.done)
            return
        turn = game.turn
        answered_before = self.players.index(turn.answerer) % 2 + sum(
            d.outcome == "answered"
            and d.answered_by == turn.answerer
            and d.card.kind != Kind.ACTION
            and d.card.wildcard != Wildcard.EVERYONE
            for d in game.log.deals
        )
        can_deal_next = self.can_deal(game.next_player)
        talk = game.stats[turn.answerer].talk_seconds
        game.done()
        deal = game.log.deals[-1]
        assert (deal.player, deal.card, deal.outcome, deal.answered_by) == (
            turn.player,
            turn.card,
            "answered",
            turn.answerer,
        )
        assert game.stats[turn.answerer].talk_seconds == pytest.approx(talk + deal.seconds)
        if expects_reflection(self.settings.reflect, turn.card, answered_before):
            assert game.phase == Phase.REFLECTION
            reflection = game.reflection
            assert reflection.card == turn.card
            assert reflection.speaker == turn.answerer
            if self.settings.speaker_picks_listener:
                assert reflection.step == Step.CHOOSE_LISTENER
            else:
                assert reflection.step == Step.LISTEN
                assert reflection.listener in self.players
                assert reflection.listener != reflection.speaker
        else:
            self.after_turn_ends(turn.index, can_deal_next)

    @rule()
    def pass_card(self) -> None:
        game = self.game
        if game.phase != Phase.TURN:
            self.refused(game.pass_card)
            return
        turn = game.turn
        budget = self.settings.passes
        used = sum(d.outcome == "passed" and d.player == turn.player for d in game.log.deals)
        assert game.can_pass() == (budget is None or used < budget)
        assert game.passes_left(turn.player) == (None if budget is None else budget - used)
        if not game.can_pass():
            before = snapshot(game)
            assert game.pass_card() is False
            assert snapshot(game) == before
            return
        can_deal_again = self.can_deal(turn.player)
        assert game.pass_card() is True
        deal = game.log.deals[-1]
        assert (deal.player, deal.card, deal.outcome) == (turn.player, turn.card, "passed")
        if not can_deal_again:
            assert game.phase == Phase.OVER
            assert game.end_reason == EndReason.CARDS
        else:
            assert game.phase == Phase.TURN
            assert (game.turn.index, game.turn.player) == (turn.index, turn.player)
            assert game.turn.card != turn.card
            assert game.turn.asked is None

    def someone(self, who: str, pick: int, me: str | None) -> str:
        """A name to try: ``me`` itself, another player at the table, or a stranger."""
        if who == "stranger":
            return "Stranger"
        if me is None:
            return self.players[pick % len(self.players)]
        if who == "self":
            return me
        seat = self.players.index(me)
        return self.players[(seat + 1 + pick % (len(self.players) - 1)) % len(self.players)]

    @rule(who=WHO, pick=st.integers(0, 11))
    def ask(self, who: str, pick: int) -> None:
        turn = self.game.turn if self.game.phase == Phase.TURN else None
        self.ask_player(self.someone(who, pick, turn and turn.player))

    def ask_player(self, target: str) -> None:
        game = self.game
        allowed = (
            game.phase == Phase.TURN
            and game.turn.card.wildcard == Wildcard.ANYONE
            and target in self.players
            and target != game.turn.player
        )
        if not allowed:
            self.refused(lambda: game.ask(target))
            return
        game.ask(target)
        assert game.turn.answerer == target
        assert not game.turn.needs_target

    # -- the clock -----------------------------------------------------------------------------

    @rule(seconds=st.floats(0, 400, allow_nan=False))
    def advance_clock(self, seconds: float) -> None:
        before = snapshot(self.game)
        self.clock.advance(seconds)
        assert snapshot(self.game) == before  # nothing moves by itself

    @rule()
    def toggle_pause(self) -> None:
        game = self.game
        timer = game.timer
        if timer is None:
            assert game.toggle_pause() is None
            return
        was_running = timer.running
        elapsed = timer.elapsed
        assert game.toggle_pause() is (not was_running)
        assert timer.elapsed == elapsed

    @rule()
    def extend(self) -> None:
        game = self.game
        timer = game.timer
        if timer is None or timer.limit is None:
            game.extend()
            assert timer is None or timer.remaining is None
            return
        remaining = timer.remaining
        game.extend()
        expected = EXTEND_SECONDS if remaining == 0 else remaining + EXTEND_SECONDS
        assert timer.remaining == pytest.approx(expected)

    @rule(really=st.integers(0, 14))
    def end(self, really: int) -> None:
        if really:
            return  # ending is one step in fifteen, so games get somewhere first
        game = self.game
        if game.phase == Phase.OVER:
            before = snapshot(game)
            game.end()
            assert snapshot(game) == before
            return
        game.end()
        assert game.phase == Phase.OVER
        assert game.end_reason == EndReason.REQUEST
        self.requested_end = True

    # -- reflection actions --------------------------------------------------------------------

    def step_is(self, step: Step) -> bool:
        return self.game.phase == Phase.REFLECTION and self.game.reflection.step == step

    def refused_reflection(self, action) -> None:
        error = ReflectionStepError if self.game.phase == Phase.REFLECTION else GameRuleError
        self.refused(action, error)

    @rule(who=WHO, pick=st.integers(0, 11))
    def choose_listener(self, who: str, pick: int) -> None:
        reflection = self.game.reflection
        self.choose_player(self.someone(who, pick, reflection and reflection.speaker))

    def choose_player(self, listener: str) -> None:
        game = self.game
        if (
            not self.step_is(Step.CHOOSE_LISTENER)
            or listener == game.reflection.speaker
            or listener not in self.players
        ):
            self.refused_reflection(lambda: game.choose_listener(listener))
            return
        assert listener in game.listener_candidates()
        game.choose_listener(listener)
        assert game.reflection.listener == listener
        assert game.reflection.step == Step.LISTEN

    @rule()
    def listener_done(self) -> None:
        game = self.game
        if not self.step_is(Step.LISTEN):
            self.refused_reflection(game.listener_done)
            return
        game.listener_done()
        assert game.reflection.step == Step.CHECK

    @rule(heard=st.sampled_from(list(Heard)))
    def answer(self, heard: Heard) -> None:
        game = self.game
        if not self.step_is(Step.CHECK):
            self.refused_reflection(lambda: game.answer(heard))
            return
        attempt = game.reflection.attempt
        game.answer(heard)
        if heard == Heard.YES or attempt == MAX_REFLECTION_ATTEMPTS:
            assert game.reflection.step == Step.DONE
        else:
            assert game.reflection.step == Step.CLARIFY

    @rule()
    def clarify_done(self) -> None:
        game = self.game
        if not self.step_is(Step.CLARIFY):
            self.refused_reflection(game.clarify_done)
            return
        attempt = game.reflection.attempt
        game.clarify_done()
        assert game.reflection.step == Step.LISTEN
        assert game.reflection.attempt == attempt + 1

    def close_round(self, action):
        """Run ``action`` (finish or decline), which must record the round and move on."""
        game = self.game
        reflection, turn = game.reflection, game.turn
        can_deal_next = self.can_deal(game.next_player)
        record = action()
        assert game.log.reflections[-1] == record
        assert (record.card, record.speaker) == (reflection.card, reflection.speaker)
        assert record.listener == (reflection.listener or "")
        self.after_turn_ends(turn.index, can_deal_next)
        return record

    @rule()
    def finish_reflection(self) -> None:
        game = self.game
        if not self.step_is(Step.DONE):
            self.refused(game.finish_reflection)
            return
        record = self.close_round(game.finish_reflection)
        assert record.attempts == len(record.answers)
        assert record.listener and not record.declined

    @rule(really=st.integers(0, 3))
    def decline_reflection(self, really: int) -> None:
        if really:
            return  # one step in four, so most rounds run their course
        game = self.game
        if game.phase != Phase.REFLECTION or self.step_is(Step.DONE):
            self.refused_reflection(game.decline_reflection)
            return
        record = self.close_round(game.decline_reflection)
        assert (record.declined, record.outcome) == (True, "declined")

    # -- plain play, so random runs get deep into a game ---------------------------------------

    @rule(steps=st.integers(1, 12), heard=st.sampled_from(list(Heard)), pick=st.integers(0, 11))
    def play_on(self, steps: int, heard: Heard, pick: int) -> None:
        """A few forward steps through the checked rules above."""
        game = self.game
        for _ in range(steps):
            if game.phase == Phase.OVER:
                return
            step = game.reflection.step if game.reflection else None
            if game.phase == Phase.TURN:
                if game.turn.needs_target:
                    if pick % 3 == 0:  # a wrong choice first, which must change nothing
                        self.ask_player(
                            self.someone(("self", "stranger")[pick % 2], 0, game.turn.player)
                        )
                    self.ask_player(self.someone("other", pick, game.turn.player))
                self.done()
            elif step == Step.CHOOSE_LISTENER:
                if pick % 3 == 0:
                    speaker = game.reflection.speaker
                    self.choose_player(self.someone(("self", "stranger")[pick % 2], 0, speaker))
                candidates = game.listener_candidates()
                self.choose_player(candidates[pick % len(candidates)])
            elif step == Step.LISTEN:
                self.listener_done()
            elif step == Step.CHECK:
                self.answer(heard)
            elif step == Step.CLARIFY:
                self.clarify_done()
            else:
                self.finish_reflection()
            self.no_seat_is_lost()

    # -- what must always hold -----------------------------------------------------------------

    @invariant()
    def phase_is_consistent(self) -> None:
        game = self.game
        if game.phase == Phase.TURN:
            assert game.turn is not None
            assert game.reflection is None
            assert game.timer is game.turn.timer
            assert (game.end_reason, game.ended_at, game.closing_card) == (None, None, None)
        elif game.phase == Phase.REFLECTION:
            assert game.turn is not None
            assert game.reflection is not None
            assert game.timer is game.reflection.timer
            assert (game.end_reason, game.ended_at, game.closing_card) == (None, None, None)
        else:
            assert game.phase == Phase.OVER
            assert game.end_reason is not None
            assert game.ended_at is not None
            assert game.closing_card in CLOSING
            assert game.reflection is None
            assert game.timer is None
            assert (game.end_reason == EndReason.REQUEST) == self.requested_end

    @invariant()
    def never_a_repeat_and_only_eligible_cards(self) -> None:
        game = self.game
        dealt = [card.key for card in game.dealer.dealt]
        assert len(dealt) == len(set(dealt))
        assert set(dealt) <= self.eligible
        logged = [deal.card.key for deal in game.log.deals]
        assert len(logged) == len(set(logged))
        if game.phase == Phase.TURN:
            assert game.turn.card.key not in logged
            assert [*logged, game.turn.card.key] == dealt
        else:
            assert logged == dealt[: len(logged)]

    @invariant()
    def no_seat_is_lost(self) -> None:
        game = self.game
        count = len(self.players)
        answered = [deal for deal in game.log.deals if deal.outcome == "answered"]
        # The n-th answered card belongs to the n-th seat in rotation: none skipped or repeated.
        assert [deal.player for deal in answered] == [
            self.players[i % count] for i in range(len(answered))
        ]
        if game.turn is None:
            assert not game.log.deals
            return
        assert game.turn.player == self.players[game.turn.index % count]
        assert game.turn.index - self.last_index in (0, 1)
        self.last_index = game.turn.index
        if game.phase == Phase.TURN:
            assert len(answered) == game.turn.index
        elif game.phase == Phase.REFLECTION:
            assert len(answered) == game.turn.index + 1
        else:
            assert len(answered) in (game.turn.index, game.turn.index + 1)
        if self.total_turns is not None:
            assert len(answered) <= self.total_turns

    @invariant()
    def stats_add_up(self) -> None:
        game = self.game
        answered = Counter(d.answered_by for d in game.log.deals if d.outcome == "answered")
        passed = Counter(d.player for d in game.log.deals if d.outcome == "passed")
        given = Counter(r.listener for r in game.log.reflections if not r.declined)
        received = Counter(r.speaker for r in game.log.reflections if not r.declined)
        declined = Counter(r.speaker for r in game.log.reflections if r.declined)
        for name in self.players:
            stats = game.stats[name]
            assert stats.answered == answered[name]
            assert stats.passed == passed[name]
            if self.settings.passes is not None:
                assert stats.passed <= self.settings.passes
            assert stats.reflections_given == given[name]
            assert stats.reflections_received == received[name]
            assert stats.reflections_declined == declined[name]
            talk = sum(
                d.seconds
                for d in game.log.deals
                if d.outcome == "answered" and d.answered_by == name
            )
            assert stats.talk_seconds == pytest.approx(talk)
        for record in game.log.reflections:
            assert record.listener != record.speaker
            assert 1 <= record.attempts <= MAX_REFLECTION_ATTEMPTS

    @invariant()
    def a_fixed_deck_keeps_its_order(self) -> None:
        if self.deck.order != DeckOrder.FIXED or self.children:
            return
        in_order = [card.key for card in self.deck.cards if card.key in self.eligible]
        dealt = [card.key for card in self.game.dealer.dealt]
        assert dealt == in_order[: len(dealt)]

    @invariant()
    def children_get_only_kids_cards(self) -> None:
        for deal in self.game.log.deals:
            if deal.player in self.children:
                assert "kids" in deal.card.audience
        turn = self.game.turn
        if self.game.phase != Phase.OVER and turn.player in self.children:
            assert "kids" in turn.card.audience

    @invariant()
    def last_round_is_announced(self) -> None:
        game = self.game
        if game.phase == Phase.OVER:
            assert not game.last_round
            return
        on_last = self.settings.rounds is not None and game.round >= self.settings.rounds
        assert game.last_round == (on_last or self.time_up())

    @invariant()
    def always_a_way_forward(self) -> None:
        game = self.game
        if game.phase == Phase.OVER:
            return
        # Cards, decks and settings are frozen: share them, copy only what play changes. The
        # copy gets its own random source (copying one is slow, sharing it would disturb play).
        frozen = (*self.deck.cards, self.deck, self.settings, game.prompts)
        memo = {id(thing): thing for thing in frozen}
        memo[id(game.rng)] = random.Random(0)
        trial = copy.deepcopy(game, memo)
        before = snapshot(trial)
        forward(trial)
        assert snapshot(trial) != before

    def teardown(self) -> None:
        game = getattr(self, "game", None)
        if game is None:
            return
        # From wherever the run stopped, plain play always reaches the end.
        for _ in range(400):
            if game.phase == Phase.OVER:
                break
            forward(game)
        assert game.phase == Phase.OVER
        assert game.end_reason in set(EndReason)


GameMachine.TestCase.settings = settings(
    # Quick by default, so the suite stays fast on two cores; `make test-thorough` for more.
    max_examples=examples(400),
    stateful_step_count=50,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
TestGameMachine = GameMachine.TestCase
