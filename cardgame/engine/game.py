"""One game as pure Python: turns in rotation, timers, passes, wildcards, reflection, the end."""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable, Mapping

from ..decks import Deck, ReflectionPrompts, Wildcard
from .dealer import CardKey, Dealer, escalation_level, is_kids, table_cards
from .events import (
    DealLogged,
    EventHub,
    GameEnded,
    GameEvent,
    ReflectionLogged,
    Subscriber,
    events_of,
)
from .records import (
    DealOutcome,
    DealRecord,
    EndReason,
    GameLog,
    PlayerStats,
    ReflectionRecord,
)
from .reflection import (
    BUILT_IN_KIDS_PROMPTS,
    BUILT_IN_PROMPTS,
    Heard,
    ListenerRotation,
    Reflection,
    ReflectionStepError,
    RoundWords,
    alternation_index,
    counts_for_alternation,
    wants_reflection,
)
from .settings import EXTEND_SECONDS, Depth, GameSettings
from .timer import Clock, Countdown
from .turn import GameRuleError, Phase, Turn

DEFAULT_CLOSING = ("Share one thing you'll remember from tonight.",)


class Game:
    """The table's game. Screens call its actions and read its state; it never ticks by itself."""

    def __init__(
        self,
        settings: GameSettings,
        decks: Iterable[Deck],
        *,
        rng: random.Random,
        clock: Clock,
        prompts: ReflectionPrompts | None = None,
        kids_prompts: ReflectionPrompts | None = None,
        closing: tuple[str, ...] = (),
        last_seen: Mapping[CardKey, float] | None = None,
    ) -> None:
        self.settings = settings
        self.players = settings.players
        self.children = settings.children
        self.seats = {name: seat for seat, name in enumerate(self.players)}
        self.rng = rng
        self.clock = clock
        self.prompts = prompts or BUILT_IN_PROMPTS
        self.kids_prompts = kids_prompts or BUILT_IN_KIDS_PROMPTS
        self.closing_pool = closing or DEFAULT_CLOSING
        self._events = EventHub()
        shuffled, programme = table_cards(settings, decks)
        self.dealer = Dealer(
            shuffled, rng, last_seen if settings.fresh_first else None, programme=programme
        )
        self.rotation = ListenerRotation(self.players)
        self.stats = {name: PlayerStats() for name in self.players}
        self.log = GameLog()
        self.started_at = clock()
        self.ended_at: float | None = None
        self.phase = Phase.TURN
        self.end_reason: EndReason | None = None
        self.turn: Turn | None = None
        self.reflection: Reflection | None = None
        self.closing_card: str | None = None
        self._alternation = dict.fromkeys(self.players, 0)
        self._new_turn(0)
        self._events.drop_pending()  # no subscriber yet: subscribe(replay=True) tells the start

    # -- history as it happens ---------------------------------------------------------------

    def subscribe(self, callback: Subscriber, *, replay: bool = False) -> Callable[[], None]:
        """Call ``callback(event)`` for every deal, reflection and the end, as each happens.

        ``replay`` first sends what already happened (a game may end as it starts, when no card
        matches). Returns a function that unsubscribes.
        """
        if replay:
            for event in self.events_so_far():
                callback(event)
        return self._events.subscribe(callback)

    def events_so_far(self) -> list[GameEvent]:
        """The log as events, in the order they happened."""
        return events_of(self.log, self.end_reason)

    # -- reading the state -------------------------------------------------------------------

    @property
    def total_turns(self) -> int | None:
        rounds = self.settings.rounds
        return rounds * len(self.players) if rounds else None

    @property
    def round(self) -> int:
        index = self.turn.index if self.turn else 0
        return index // len(self.players) + 1

    @property
    def total_rounds(self) -> int | None:
        return self.settings.rounds

    @property
    def time_up(self) -> bool:
        """Play by time: the minutes chosen have passed (the round in progress is the last)."""
        minutes = self.settings.minutes
        return minutes is not None and self.elapsed >= minutes * 60

    @property
    def last_round(self) -> bool:
        """Whether the round in progress is the game's last, so the screen can say so."""
        if self.phase == Phase.OVER:
            return False
        rounds = self.total_rounds
        return (rounds is not None and self.round >= rounds) or self.time_up

    @property
    def next_player(self) -> str:
        index = (self.turn.index if self.turn else 0) + 1
        return self.players[index % len(self.players)]

    @property
    def timer(self) -> Countdown | None:
        """The countdown the table is watching now."""
        if self.phase == Phase.REFLECTION and self.reflection:
            return self.reflection.timer
        if self.phase == Phase.TURN and self.turn:
            return self.turn.timer
        return None

    @property
    def reflection_words(self) -> RoundWords | None:
        """The lines for the reflection round in progress (kids' words when a child is in it)."""
        return self.reflection.words if self.reflection else None

    def is_child(self, player: str | None) -> bool:
        return player in self.children

    def passes_left(self, player: str) -> int | None:
        if self.settings.passes is None:
            return None
        return max(0, self.settings.passes - self.stats[player].passed)

    def can_pass(self) -> bool:
        if self.phase != Phase.TURN or self.turn is None:
            return False
        left = self.passes_left(self.turn.player)
        return left is None or left > 0

    @property
    def elapsed(self) -> float:
        end = self.ended_at if self.ended_at is not None else self.clock()
        return end - self.started_at

    # -- dealing -----------------------------------------------------------------------------

    def _target_level(self, index: int) -> int | None:
        if self.settings.depth != Depth.ESCALATE:
            return None
        progress = []
        if self.total_turns:
            progress.append(index / self.total_turns)
        if self.settings.minutes:
            progress.append(self.elapsed / (self.settings.minutes * 60))
        if not progress:
            progress.append(len(self.dealer.dealt) / max(1, self.dealer.size))
        return escalation_level(max(progress))

    def _new_turn(self, index: int) -> bool:
        """Deal turn ``index`` a card; end the game (and return False) when none are left."""
        player = self.players[index % len(self.players)]
        accept = is_kids if self.is_child(player) else None
        card = self.dealer.draw(self._target_level(index), accept)
        if card is None:
            self._finish(EndReason.CARDS)
            return False
        self.turn = Turn(index, player, card, self._timer(self.settings.turn_seconds))
        self.phase = Phase.TURN
        return True

    def _timer(self, seconds: float) -> Countdown:
        return Countdown(self.clock, seconds)

    # -- turn actions ------------------------------------------------------------------------

    def _require_turn(self) -> Turn:
        if self.phase != Phase.TURN or self.turn is None:
            raise GameRuleError(f"not possible while the game is at {self.phase}")
        return self.turn

    def ask_candidates(self) -> list[str]:
        """Whom the player may ask on an "ask anyone" wildcard: everyone else, in seat order."""
        turn = self._require_turn()
        seat = self.seats[turn.player]
        return [*self.players[seat + 1 :], *self.players[:seat]]

    def ask(self, player: str) -> None:
        """On an "ask anyone" wildcard, the player chooses whom to ask; the rotation stays."""
        turn = self._require_turn()
        if turn.card.wildcard != Wildcard.ANYONE:
            raise GameRuleError("only an 'ask anyone' card asks another player")
        if player not in self.seats or player == turn.player:
            raise GameRuleError("ask another player at the table")
        turn.asked = player

    def pass_card(self) -> bool:
        """Another card for the same player; no reason needed. False when out of passes."""
        turn = self._require_turn()
        if not self.can_pass():
            return False
        self._record(turn, DealOutcome.PASSED)
        self.stats[turn.player].passed += 1
        self._new_turn(turn.index)
        self._events.publish()
        return True

    def done(self) -> None:
        """The answer is given: reflect on it if the setting says so, else move on."""
        turn = self._require_turn()
        seconds = self._record(turn, DealOutcome.ANSWERED)
        speaker = turn.answerer
        stats = self.stats[speaker]
        stats.answered += 1
        stats.talk_seconds += seconds
        place = alternation_index(self.seats[speaker], self._alternation[speaker])
        if counts_for_alternation(turn.card):
            self._alternation[speaker] += 1
        if wants_reflection(self.settings.reflect, turn.card, place):
            self._start_reflection(turn)
        else:
            self._advance()
        self._events.publish()

    def _record(self, turn: Turn, outcome: DealOutcome) -> float:
        turn.timer.pause()
        seconds = turn.timer.elapsed
        record = DealRecord(turn.player, turn.card, outcome, seconds, turn.answerer)
        self.log.deals.append(record)
        self._events.queue(DealLogged(record))
        return seconds

    def _advance(self) -> None:
        assert self.turn is not None
        index = self.turn.index + 1
        self.reflection = None
        if self.total_turns is not None and index >= self.total_turns:
            self._finish(EndReason.ROUNDS)
        elif index % len(self.players) == 0 and self.time_up:
            self._finish(EndReason.TIME)
        else:
            self._new_turn(index)

    def toggle_pause(self) -> bool | None:
        timer = self.timer
        return timer.toggle() if timer else None

    def extend(self, seconds: float = EXTEND_SECONDS) -> None:
        if self.timer:
            self.timer.extend(seconds)

    def end(self) -> None:
        """End on request (the table decides); a turn in progress is not counted.

        A reflection round whose answer is given (only its closing words are showing) has
        happened: it is recorded, so the summary says who was heard.
        """
        if self.phase != Phase.OVER:
            if self.phase == Phase.REFLECTION and self.reflection and self.reflection.done:
                self._log_reflection(self.reflection)
            self._finish(EndReason.REQUEST)
            self._events.publish()

    def _finish(self, reason: EndReason) -> None:
        if self.timer:
            self.timer.pause()
        self.phase = Phase.OVER
        self.end_reason = reason
        self.ended_at = self.clock()
        self.reflection = None
        self.closing_card = self.rng.choice(self.closing_pool)
        self._events.queue(GameEnded(reason))

    # -- reflection --------------------------------------------------------------------------

    def _prompts_for(self, *people: str | None) -> ReflectionPrompts:
        return self.kids_prompts if any(map(self.is_child, people)) else self.prompts

    def _start_reflection(self, turn: Turn) -> None:
        speaker = turn.answerer
        listener = None if self.settings.speaker_picks_listener else self.rotation.pick(speaker)
        self.reflection = Reflection(
            card=turn.card,
            speaker=speaker,
            words=RoundWords.choose(self._prompts_for(speaker, listener), self.rng),
            make_timer=self._timer,
            listen_seconds=self.settings.reflect_seconds,
            listener=listener,
        )
        self.phase = Phase.REFLECTION

    def listener_candidates(self) -> list[str]:
        return self.rotation.candidates(self._require_reflection().speaker)

    def _require_reflection(self) -> Reflection:
        if self.phase != Phase.REFLECTION or self.reflection is None:
            raise GameRuleError("there is no reflection round now")
        return self.reflection

    def choose_listener(self, listener: str) -> None:
        reflection = self._require_reflection()
        if listener not in self.seats:
            # Checked here, where the table is known: a stranger would break finish_reflection.
            raise ReflectionStepError("choose a listener at the table")
        reflection.choose_listener(listener)
        if self.is_child(listener) and not self.is_child(reflection.speaker):
            reflection.words = RoundWords.choose(self.kids_prompts, self.rng)

    def listener_done(self) -> None:
        self._require_reflection().listener_done()

    def clarify_done(self) -> None:
        self._require_reflection().clarify_done()

    def answer(self, heard: Heard) -> None:
        """The speaker says whether they felt heard; the round may ask for another try."""
        self._require_reflection().answer(heard)

    def decline_reflection(self) -> ReflectionRecord:
        """The speaker says "not this one, thanks", no reason needed, at any step before the
        round is over: recorded as declined, counted neither heard nor missed; next turn."""
        reflection = self._require_reflection()
        reflection.decline()
        return self._close_reflection(reflection)

    def finish_reflection(self) -> ReflectionRecord:
        """After the round's closing words: record it and move to the next turn."""
        reflection = self._require_reflection()
        if not reflection.done:
            raise GameRuleError("the reflection round is not finished")
        return self._close_reflection(reflection)

    def _close_reflection(self, reflection: Reflection) -> ReflectionRecord:
        record = self._log_reflection(reflection)
        self._advance()
        self._events.publish()
        return record

    def _log_reflection(self, reflection: Reflection) -> ReflectionRecord:
        """Record a finished round: the log, the speaker's and listener's counts, the event."""
        record = ReflectionRecord(
            reflection.card,
            reflection.speaker,
            reflection.listener or "",
            reflection.attempt,
            tuple(reflection.answers),
            declined=reflection.declined,
        )
        self.log.reflections.append(record)
        self._events.queue(ReflectionLogged(record))
        speaker = self.stats[reflection.speaker]
        if reflection.declined:
            speaker.reflections_declined += 1
        else:
            assert reflection.listener is not None
            self.rotation.record(reflection.listener)
            self.stats[reflection.listener].reflections_given += 1
            speaker.reflections_received += 1
            speaker.heard_first_time += reflection.heard_first_time
        return record
