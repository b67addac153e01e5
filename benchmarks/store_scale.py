"""The store with a long history: 2,000 games, 100,000 deals, 5,000 favourites.

    python benchmarks/store_scale.py [GAMES] [DEALS_PER_GAME] [FAVOURITES]

Builds an old-format (schema 2) file in bulk, lets the store migrate it once, then times what a
player waits for: opening the store, "unseen first" at game start (a game of three decks, and
one of every deck: 6,000 cards, all seen by the table), the history listing, the favourites
listing and the favourites deck (favourite -> card). Each figure is printed in ms and as a
ratio against a bare ``sqlite3`` connect + select measured in the same run, next to the way the
old store did it ("before"), also measured here.

"unseen-first" is what it adds to a game start: the store's part and the dealer's (every card in
play ordered unseen first), measured as a game start less one without it, run alternately. The
table has played here before (its summary is kept); its answer was read ahead (the game reads the
table that played last when it opens, and after each game), or, "not ahead", it is read at the
start ("store's part": that read alone). Its "before" is the store's read alone, done the old
ways: a scan of every deal (three decks) and a merge of the players' summaries (every deck).
"game start" is the whole of it, to the first deal. Where shown, "cpu" is the CPU time
(``process_time``) of the same figure, which other programs on the machine sway less.
Budgets (issue 13): unseen-first under 5 ms, open under 5 ms.
"""

from __future__ import annotations

import random
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cardgame.decks import Library
from cardgame.decks.model import Card, Deck
from cardgame.engine import GameSettings
from cardgame.engine.dealer import LastSeen
from cardgame.engine.game import Game
from cardgame.session import Session
from cardgame.store import MIGRATIONS, Store
from cardgame.store.schema import apply_step, player_key

DECKS, CARDS_PER_DECK = 100, 60
NAMES = [f"Player {n}" for n in range(40)]
REPEATS = 25


def median_ms(work: Callable[[], object], repeats: int = REPEATS) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        work()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def median_pair(
    work: Callable[[], object], other: Callable[[], object]
) -> tuple[float, float, float]:
    """Median ms of each of two jobs, run alternately, so both see the same machine load; and
    the median CPU ms the first costs more than the second (``process_time``: less swayed by
    other programs on the machine than wall time)."""
    first: list[float] = []
    second: list[float] = []
    cpu: list[float] = []
    for _ in range(REPEATS):
        for job, times in ((work, first), (other, second)):
            start, used = time.perf_counter(), time.process_time()
            job()
            times.append((time.perf_counter() - start) * 1000)
            cpu.append((time.process_time() - used) * 1000)
    return (
        statistics.median(first),
        statistics.median(second),
        statistics.median(cpu[0::2]) - statistics.median(cpu[1::2]),
    )


def median_cpu_ms(work: Callable[[], object], repeats: int = REPEATS) -> float:
    times = []
    for _ in range(repeats):
        used = time.process_time()
        work()
        times.append((time.process_time() - used) * 1000)
    return statistics.median(times)


def build(path: Path, games: int, deals_per_game: int, favourites: int) -> list[Deck]:
    """An old-format file, written in bulk as if years of games had been played."""
    rng = random.Random(13)
    decks = [
        Deck(
            id=f"deck-{d}",
            name=f"Deck {d}",
            cards=tuple(
                Card(f"deck-{d}", f"card-{c}", f"Question {c} of deck {d}?", 1 + c % 3)
                for c in range(CARDS_PER_DECK)
            ),
        )
        for d in range(DECKS)
    ]
    every_card = [card for deck in decks for card in deck.cards]
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("BEGIN")
    for steps in MIGRATIONS[:2]:
        for step in steps:
            apply_step(conn, step)
    conn.execute("PRAGMA user_version = 2")
    at = 1_600_000_000.0
    for game_id in range(1, games + 1):
        players = rng.sample(NAMES[:8] if game_id % 2 else NAMES, 4)
        conn.execute(
            "INSERT INTO games VALUES (?, ?, '{}', ?, ?)",
            (game_id, repr(players).replace("'", '"'), at, at + 3600),
        )
        conn.executemany(
            "INSERT INTO game_players VALUES (?, ?)", [(player_key(p), game_id) for p in players]
        )
        rows = []
        for n in range(deals_per_game):
            card = rng.choice(every_card)
            at += 30
            outcome = "answered" if n % 5 else "passed"
            rows.append((game_id, card.deck_id, card.id, players[n % 4], outcome, 30.0, at))
        conn.executemany(
            "INSERT INTO deals (game_id, deck_id, card_id, player, outcome, seconds, at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
    for n, card in enumerate(rng.sample(every_card, favourites)):
        conn.execute(
            "INSERT INTO favourites VALUES (?, ?, ?, ?, 'question', ?, ?)",
            (card.deck_id, card.id, card.text, card.level, f"Deck {card.deck_id}", float(n)),
        )
    conn.execute("COMMIT")
    conn.close()
    return decks


OLD_LAST_SEEN = """SELECT deck_id, card_id, MAX(at) FROM deals WHERE game_id IN
    (SELECT game_id FROM game_players WHERE player_key IN ({marks}))
    GROUP BY deck_id, card_id"""


def old_favourite_cards(library: Library, store: Store) -> list[Card]:
    """The old session: a linear search of the decks, then of the cards, per favourite."""
    found = []
    for favourite in store.favourites():
        deck = next((d for d in library.decks if d.id == favourite.deck_id), None)
        found.append(next((c for c in deck.cards if c.id == favourite.card_id), None))
    return found


def favourites_screen(session: Session, repeats: int = 7) -> tuple[float, float]:
    """Median ms to open the favourites screen and for a search keystroke, in a headless app on
    ``session``'s store. Closes the store.

    Each is timed from the message (``ShowFavourites``, or the key as the terminal driver hands
    it over) to the first frame that shows the result, as the app hands the frame to the
    terminal. The app is watched by polling, never by Pilot's waits (each of those sleeps at
    least 20 ms to see the process idle, which would be measured too)."""
    import asyncio

    from textual.events import Key

    from cardgame.app import CardGameApp
    from cardgame.messages import ShowFavourites
    from cardgame.screens.favourites import FavouritesScreen

    opens: list[float] = []
    keys: list[float] = []
    frames: list[tuple[float, object]] = []  # (when, screen) of every frame the app drew

    async def frame_after(ready: Callable[[], bool]) -> float:
        """When the first frame was drawn after ``ready()`` became true."""
        while not ready():
            await asyncio.sleep(0)
        seen = len(frames)
        while len(frames) == seen:
            await asyncio.sleep(0)
        return frames[seen][0]

    async def run(pilot) -> None:
        app = pilot.app
        display = app._display

        def spy(screen, renderable) -> None:
            display(screen, renderable)
            if renderable is not None:
                frames.append((time.perf_counter(), screen))

        app._display = spy
        await pilot.pause()
        for _ in range(repeats):
            start = time.perf_counter()
            app.post_message(ShowFavourites())

            def listed() -> bool:
                screen = app.screen
                return isinstance(screen, FavouritesScreen) and screen.favourites != []

            opens.append((await frame_after(listed) - start) * 1000)
            while not app.screen.complete:  # the rest of the list, read after the first frame
                await pilot.pause()
            await pilot.press("slash")
            await pilot.pause()
            screen = app.screen
            before = str(screen.summary.render())
            start = time.perf_counter()
            app._driver.send_message(Key("7", "7"))  # the list shrinks to about a third

            def filtered(screen=screen, before=before) -> bool:
                return str(screen.summary.render()) != before

            keys.append((await frame_after(filtered) - start) * 1000)
            await pilot.press("escape", "escape")
            while isinstance(app.screen, FavouritesScreen):
                await pilot.pause()
        app.exit()

    CardGameApp(session=session, live_timers=False).run(
        headless=True, size=(100, 30), auto_pilot=run
    )
    return statistics.median(opens), statistics.median(keys)


def main(games: int = 2000, deals_per_game: int = 50, favourites: int = 5000) -> int:
    with tempfile.TemporaryDirectory(prefix="cardgame-bench-") as folder:
        path = Path(folder) / "cardgame.sqlite3"
        decks = build(path, games, deals_per_game, favourites)
        start = time.perf_counter()
        Store.open(path).close()  # migrates to the current schema once
        migrate_ms = (time.perf_counter() - start) * 1000
        size_mb = path.stat().st_size / 1e6
        table = NAMES[:4]
        keys = sorted({player_key(name) for name in table})

        def baseline() -> None:
            conn = sqlite3.connect(path)
            conn.execute("SELECT 1 FROM favourites LIMIT 1").fetchall()
            conn.close()

        def old_open() -> None:  # what every start did before: the check over the whole file
            conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
            conn.execute("PRAGMA quick_check").fetchall()
            conn.close()
            Store.open(path).close()

        base = median_ms(baseline)
        cpu: dict[str, float] = {}  # label -> CPU ms, where measured
        figures: list[tuple[str, float, float | None, float | None]] = []
        opening = median_ms(lambda: Store.open(path).close())
        figures.append(("open", opening, median_ms(old_open), 5))
        store = Store.open(path)
        store.start_game(table, {})  # the table has played here before (see ``store.seen``)
        session = Session(store, _library=Library(decks=decks))
        session.load_library()
        old_sql = OLD_LAST_SEEN.format(marks=", ".join("?" * len(keys)))
        game_decks = [deck.id for deck in decks[:3]]  # a game deals from a few decks
        every_deck = [deck.id for deck in decks]

        def old_last_seen() -> list:
            return store._read(lambda conn: conn.execute(old_sql, keys).fetchall(), [])

        def merged_last_seen(deck_ids: list[str]) -> Callable[[], object]:
            """What a game start read before each table's summary was kept (issue 13)."""
            marks = ", ".join("?" * len(deck_ids))
            sql = (
                "SELECT deck_id, card_id, MAX(at) FROM card_last_seen"
                f" WHERE player_key IN ({', '.join('?' * len(keys))})"
                f" AND deck_id IN ({marks}) GROUP BY deck_id, card_id"
            )
            return lambda: store._read(
                lambda conn: {(d, c): at for d, c, at in conn.execute(sql, [*keys, *deck_ids])},
                {},
            )

        def game_start(
            deck_ids: list[str], unseen_first: bool = True, ahead: bool = True
        ) -> Callable[[], Game]:
            """What a new game waits for: the table's last-seen cards, then the first deal.
            ``ahead``: the table's answer was read ahead (it played last: when the game opened,
            or "play again"); else it is read now, from the table's summary."""
            settings = GameSettings(
                players=tuple(table), deck_ids=tuple(deck_ids), fresh_first=unseen_first
            )

            def start() -> Game:
                if not ahead:
                    store._ahead = None
                seen = LastSeen(store.seen_by_deck(table, deck_ids)) if unseen_first else None
                return Game(settings, decks, rng=random.Random(1), clock=time.monotonic,
                            last_seen=seen)  # fmt: skip

            return start

        store.read_ahead(table)
        for label, deck_ids, ahead in (
            ("unseen-first", game_decks, True),
            ("  every deck", every_deck, True),
            ("  not ahead", every_deck, False),
        ):
            # The store's part and the dealer's: game start, less a game start without it.
            with_it, without, cpu[label] = median_pair(
                game_start(deck_ids, ahead=ahead), game_start(deck_ids, False)
            )
            before = median_ms(old_last_seen) if deck_ids is game_decks else None
            if not ahead:
                before = median_ms(merged_last_seen(deck_ids))
            figures.append((label, with_it - without, before, 5))

        def cold_read() -> object:
            store._ahead = None
            return store.seen_by_deck(table)

        figures.append(("  store's part", median_ms(cold_read), None, None))
        cpu["  store's part"] = median_cpu_ms(cold_read)
        store.read_ahead(table)
        figures.append(("game start", median_ms(game_start(game_decks)), None, None))
        figures.append(("  every deck", median_ms(game_start(every_deck)), None, None))
        figures.append(("  without u-f", median_ms(game_start(every_deck, False)), None, None))
        figures.append(("history", median_ms(store.games), None, None))
        figures.append(("favourites list", median_ms(store.favourites), None, None))
        figures.append(
            (
                "favourites deck",
                median_ms(session.favourites.deck, 5),
                median_ms(lambda: old_favourite_cards(session.library, store), 5),
                None,
            )
        )
        seen = len(store.last_seen(table))
        screen_open, keystroke = favourites_screen(session)  # closes the store on the way out
    print(
        f"store scale: {games:,} games, {games * deals_per_game:,} deals, {favourites:,} "
        f"favourites, {DECKS * CARDS_PER_DECK:,} cards ({size_mb:.1f} MB; one-off migration "
        f"{migrate_ms:.0f} ms; the table has seen {seen:,} cards)"
    )
    print(f"  baseline: sqlite3 connect + select + close  {base:.3f} ms")
    figures.append(("favourites screen", screen_open, None, 100))
    figures.append(("  search key", keystroke, None, 30))
    for name, ms, before, budget in figures:
        line = f"  {name:<16} {ms:8.3f} ms  {ms / base:7.1f}x baseline"
        if before is not None:
            line += f"   before {before:8.3f} ms ({before / base:.1f}x)"
        if name in cpu:
            line += f"   cpu {cpu[name]:.3f} ms"
        if budget is not None:
            line += f"   budget {budget} ms [{'within' if ms <= budget else 'OVER'}]"
        print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(*(int(arg) for arg in sys.argv[1:4])))
