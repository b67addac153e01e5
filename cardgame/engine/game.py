"""One game as pure Python: turns in rotation, timers, passes, wildcards, reflection, the end."""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from ..decks import Card, Deck, ReflectionPrompts, Wildcard
from .dealer import CardKey, Dealer, eligible_cards, escalation_level
from .reflection import (
    BUILT_IN_PROMPTS,
    Heard,
    ListenerRotation,
    Reflection,
    ReflectionStepError,
    RoundWords,
    wants_reflection,
)
from .settings import EXTEND_SECONDS, MAX_LEVEL, GameSettings
from .timer import Clock, Countdown

DEFAULT_CLOSING = ("Share one thing you'll remember from tonight.",)


class Phase(StrEnum):
    TURN = "turn"
    REFLECTION = "reflection"
    OVER = "over"


class EndReason(StrEnum):
    ROUNDS = "rounds"
    CARDS = "cards"
    REQUEST = "request"


class GameRuleError(RuntimeError):
    """An action the game's current state does not allow."""


@dataclass
class Turn:
    index: int  # 0-based count of turns in the game
    player: str
    card: Card
    timer: Countdown
    asked: str | None = None  # who was asked, on an "ask anyone" wildcard

    @property
    def answerer(self) -> str:
        return self.asked or self.player

    @property
    def needs_target(self) -> bool:
        return self.card.wildcard == Wildcard.ANYONE and self.asked is None


@dataclass(frozen=True)
class DealRecord:
    player: str
    card: Card
    outcome: str  # "answered" | "passed"
    seconds: float
    answered_by: str


@dataclass(frozen=True)
class ReflectionRecord:
    card: Card
    speaker: str
    listener: str
    attempts: int
    answers: tuple[Heard, ...]

    @property
    def outcome(self) -> str:
        return self.answers[-1].value if self.answers else ""


@dataclass
class PlayerStats:
    answered: int = 0
    passed: int = 0
    talk_seconds: float = 0.0
    reflections_given: int = 0
    reflections_received: int = 0
    heard_first_time: int = 0


@dataclass
class GameLog:
    deals: list[DealRecord] = field(default_factory=list)
    reflections: list[ReflectionRecord] = field(default_factory=list)


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
        closing: tuple[str, ...] = (),
        last_seen: Mapping[CardKey, float] | None = None,
    ) -> None:
        self.settings = settings
        self.players = settings.players
        self.rng = rng
        self.clock = clock
        self.prompts = prompts or BUILT_IN_PROMPTS
        self.closing_pool = closing or DEFAULT_CLOSING
        chosen = [deck for deck in decks if deck.id in settings.deck_ids]
        cards = eligible_cards(chosen, settings.audience, MAX_LEVEL[settings.depth])
        self.dealer = Dealer(cards, rng, last_seen if settings.fresh_first else None)
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
        self._answered = 0
        self._new_turn(0)

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
        if self.settings.depth != "escalate":
            return None
        if self.total_turns:
            return escalation_level(index / self.total_turns)
        return escalation_level(len(self.dealer.dealt) / max(1, self.dealer.size))

    def _new_turn(self, index: int) -> bool:
        """Deal turn ``index`` a card; end the game (and return False) when none are left."""
        card = self.dealer.draw(self._target_level(index))
        if card is None:
            self._finish(EndReason.CARDS)
            return False
        player = self.players[index % len(self.players)]
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

    def ask(self, player: str) -> None:
        """On an "ask anyone" wildcard, the player chooses whom to ask; the rotation stays."""
        turn = self._require_turn()
        if turn.card.wildcard != Wildcard.ANYONE:
            raise GameRuleError("only an 'ask anyone' card asks another player")
        if player not in self.players or player == turn.player:
            raise GameRuleError("ask another player at the table")
        turn.asked = player

    def pass_card(self) -> bool:
        """Another card for the same player; no reason needed. False when out of passes."""
        turn = self._require_turn()
        if not self.can_pass():
            return False
        self._record(turn, "passed")
        self.stats[turn.player].passed += 1
        self._new_turn(turn.index)
        return True

    def done(self) -> None:
        """The answer is given: reflect on it if the setting says so, else move on."""
        turn = self._require_turn()
        seconds = self._record(turn, "answered")
        answerer = self.stats[turn.answerer]
        answerer.answered += 1
        answerer.talk_seconds += seconds
        reflect = wants_reflection(self.settings.reflect, turn.card, self._answered)
        self._answered += 1
        if reflect:
            self._start_reflection(turn)
        else:
            self._advance()

    def _record(self, turn: Turn, outcome: str) -> float:
        turn.timer.pause()
        seconds = turn.timer.elapsed
        self.log.deals.append(DealRecord(turn.player, turn.card, outcome, seconds, turn.answerer))
        return seconds

    def _advance(self) -> None:
        assert self.turn is not None
        index = self.turn.index + 1
        self.reflection = None
        if self.total_turns is not None and index >= self.total_turns:
            self._finish(EndReason.ROUNDS)
            return
        self._new_turn(index)

    def toggle_pause(self) -> bool | None:
        timer = self.timer
        return timer.toggle() if timer else None

    def extend(self, seconds: float = EXTEND_SECONDS) -> None:
        if self.timer:
            self.timer.extend(seconds)

    def end(self) -> None:
        """End on request (the table decides); a turn in progress is not counted."""
        if self.phase != Phase.OVER:
            self._finish(EndReason.REQUEST)

    def _finish(self, reason: EndReason) -> None:
        if self.timer:
            self.timer.pause()
        self.phase = Phase.OVER
        self.end_reason = reason
        self.ended_at = self.clock()
        self.reflection = None
        self.closing_card = self.rng.choice(self.closing_pool)

    # -- reflection --------------------------------------------------------------------------

    def _start_reflection(self, turn: Turn) -> None:
        speaker = turn.answerer
        listener = None if self.settings.speaker_picks_listener else self.rotation.pick(speaker)
        self.reflection = Reflection(
            card=turn.card,
            speaker=speaker,
            words=RoundWords.choose(self.prompts, self.rng),
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
        if listener not in self.players:
            # Checked here, where the table is known: a stranger would break finish_reflection.
            raise ReflectionStepError("choose a listener at the table")
        reflection.choose_listener(listener)

    def listener_done(self) -> None:
        self._require_reflection().listener_done()

    def clarify_done(self) -> None:
        self._require_reflection().clarify_done()

    def answer(self, heard: Heard) -> None:
        """The speaker says whether they felt heard; the round may ask for another try."""
        self._require_reflection().answer(heard)

    def finish_reflection(self) -> ReflectionRecord:
        """After the round's closing words: record it and move to the next turn."""
        reflection = self._require_reflection()
        if not reflection.done:
            raise GameRuleError("the reflection round is not finished")
        assert reflection.listener is not None
        record = ReflectionRecord(
            reflection.card,
            reflection.speaker,
            reflection.listener,
            reflection.attempt,
            tuple(reflection.answers),
        )
        self.log.reflections.append(record)
        self.rotation.record(reflection.listener)
        self.stats[reflection.listener].reflections_given += 1
        speaker = self.stats[reflection.speaker]
        speaker.reflections_received += 1
        speaker.heard_first_time += reflection.heard_first_time
        self._advance()
        return record
