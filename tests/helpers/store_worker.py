"""A helper the durability tests run as a subprocess: add favourites and report each one saved.

    python tests/helpers/store_worker.py DB PREFIX COUNT [START_AT]

Opens the store at DB, prints "ready", then adds favourites with card ids PREFIX-0, PREFIX-1, ...
(COUNT of them; 0 means until killed). Each key is printed and flushed only after
``add_favourite`` returned True, so every key printed must be in the file, whenever the process
dies. With START_AT (epoch seconds) it waits until then before adding, so two workers can start
together. Exits 2 if the store cannot save, 3 if an add is not saved.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from cardgame.decks.model import Card, Kind
from cardgame.store import Store


def main(argv: list[str]) -> int:
    db, prefix, count = Path(argv[0]), argv[1], int(argv[2])
    start_at = float(argv[3]) if len(argv) > 3 else 0.0
    store = Store.open(db)
    if not store.can_save or store.notice:
        print(f"cannot save: {store.notice}", file=sys.stderr, flush=True)
        return 2
    print("ready", flush=True)
    delay = start_at - time.time()
    if delay > 0:
        time.sleep(delay)
    number = 0
    while count == 0 or number < count:
        card = Card(
            "worker", f"{prefix}-{number}", f"Card {number} from {prefix}", 1, Kind.QUESTION
        )
        if not store.add_favourite(card, "Worker deck"):
            print(f"not saved: {card.key} ({store.notice})", file=sys.stderr, flush=True)
            return 3
        print(f"{card.deck_id}\t{card.id}", flush=True)
        number += 1
    store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
