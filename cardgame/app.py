"""The Textual app: ``CardGameApp()`` opens setup; ``create_app(...)`` is what tests call."""

from __future__ import annotations

import time
from collections.abc import Sequence
from pathlib import Path

from textual.app import App
from textual.binding import Binding
from textual.command import Hit, Hits, Provider

from .engine import Clock, Game, GameSettings, Phase
from .session import HistoryWriter, Session
from .theme import EVENING

THEME_SETTING = "theme"
BELL_SETTING = "bell"


class CardGameCommands(Provider):
    """Command palette entries for the game's own screens."""

    async def search(self, query: str) -> Hits:
        app = self.app
        assert isinstance(app, CardGameApp)
        matcher = self.matcher(query)
        for name, action, help_text in (
            ("Favourites", app.action_favourites, "See, search and play your favourite cards"),
            ("Help: keys and table rules", app.action_help, "How to play"),
        ):
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), action, help=help_text)


class CardGameApp(App):
    """A conversation-card game: set up a table, deal timed turns, listen, keep favourites."""

    TITLE = "cardgame"
    CSS_PATH = ["global.tcss", "app.tcss"]
    COMMANDS = App.COMMANDS | {CardGameCommands}
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", show=False, id="app.quit", tooltip="Leave the game"),
    ]

    def __init__(
        self,
        *,
        session: Session | None = None,
        settings: GameSettings | None = None,
        live_timers: bool = True,
    ) -> None:
        super().__init__()
        self.session = session or Session.open()
        self.start_settings = settings
        self.live_timers = live_timers
        self.history: HistoryWriter | None = None
        self.register_theme(EVENING)
        self.theme = self._remembered_theme()

    def _remembered_theme(self) -> str:
        name = self.session.store.get_setting(THEME_SETTING, EVENING.name)
        return name if name in self.available_themes else EVENING.name

    def watch_theme(self, theme: str) -> None:
        if self.session.store.get_setting(THEME_SETTING) != theme:
            self.session.store.set_setting(THEME_SETTING, theme)

    @property
    def bell_on(self) -> bool:
        return bool(self.session.store.get_setting(BELL_SETTING, True))

    def on_mount(self) -> None:
        from .screens.play import PlayScreen
        from .screens.setup import SetupScreen

        if not self.live_timers:
            # Tests and snapshots: nothing moves unless the test moves it.
            self.animation_level = "none"
        self.push_screen(SetupScreen())
        if self.start_settings is not None:
            self.push_screen(PlayScreen(self.start_game(self.start_settings)))
        # After the first frame: reading decks (and saying what was skipped) can wait a moment.
        self.call_after_refresh(self.announce_problems)

    def announce_problems(self) -> None:
        """Tell the table about anything that did not load; the game goes on regardless."""
        if self.session.store.notice:
            self.notify(self.session.store.notice, markup=False, severity="warning", timeout=8)
        library = self.session.library
        for problem in library.problems:
            self.notify(f"Skipped: {problem}", markup=False, severity="warning", timeout=8)
        if library.prompts is None:
            self.notify(
                "The reflection prompts file did not load; using the built-in wording.",
                markup=False,
                severity="warning",
                timeout=8,
            )

    def start_game(self, settings: GameSettings) -> Game:
        game = self.session.new_game(settings)
        self.history = None
        if game.phase != Phase.OVER:  # no card matched: nothing was played, nothing to record
            self.history = HistoryWriter(self.session.store, game)
            self.history.start()
        return game

    def record_progress(self) -> None:
        """Write what the game has logged since the last call."""
        if self.history is not None:
            self.history.sync()

    def action_favourites(self) -> None:
        from .screens.favourites import FavouritesScreen

        self.push_screen(FavouritesScreen())

    def action_help(self) -> None:
        from .screens.help import HelpScreen

        self.push_screen(HelpScreen())

    def on_unmount(self) -> None:
        self.record_progress()
        self.session.store.close()


def create_app(
    *,
    data_dir: Path | None = None,
    decks_dirs: Sequence[Path] = (),
    clock: Clock = time.monotonic,
    seed: int | None = None,
    settings: GameSettings | None = None,
    live_timers: bool = True,
    only_decks_dirs: bool = False,
) -> CardGameApp:
    """Build the app with its data folder, decks, clock and seed chosen by the caller.

    ``only_decks_dirs`` loads decks from ``decks_dirs`` alone, skipping the bundled and user
    folders, so a test controls every card it can see.
    """
    library = None
    if only_decks_dirs:
        from .decks import load_library

        library = load_library(list(decks_dirs))
    session = Session.open(
        data_dir=data_dir, decks_dirs=decks_dirs, clock=clock, seed=seed, library=library
    )
    return CardGameApp(session=session, settings=settings, live_timers=live_timers)
