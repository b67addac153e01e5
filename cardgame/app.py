"""The Textual app: ``CardGameApp()`` opens setup; ``create_app(...)`` is what tests call.

The app owns navigation. Screens post the messages in ``cardgame.messages`` ("the turn is done",
"show the favourites") and the handlers here do every push, switch and pop; no screen imports
another screen to show it. The app reaches the domain only through the session: it starts
games (the session records their history as they go) and reads preferences such as the theme.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import on, work
from textual.app import App
from textual.binding import Binding
from textual.command import Hit, Hits, Provider
from textual.screen import Screen

from .messages import (
    AskWhom,
    GameOver,
    NewGame,
    PlayAgain,
    PlayThese,
    QuitRequested,
    ReflectionDone,
    ShowBrowser,
    ShowFavourites,
    ShowHelp,
    ShowMenu,
    StartGame,
    TurnDone,
)
from .screens.base import CardGameScreen
from .screens.setup import DecksProgress, SetupScreen
from .session import Session
from .text import terminal_safe
from .theme import EVENING

if TYPE_CHECKING:
    from .engine import Clock, Game, GameSettings
    from .screens.reflection import ReflectionScreen

LEAVE_QUESTION = "Leave the game? Favourites are already saved."
SHOWN_PROBLEMS = 3
NO_CARDS = "No cards match these decks, audience and depth. Try another mix."


def skipped_notice(problems: Sequence[object]) -> str:
    """One notice for every deck file that did not load (never a stack of toasts).

    Names the count, the first problem of up to ``SHOWN_PROBLEMS`` files, and the command that
    lists them all. Paths and messages are made terminal-safe: they came from the disk.
    """
    first: dict[str, str] = {}
    for problem in problems:
        first.setdefault(str(getattr(problem, "path", problem)), str(problem))
    count = len(first)
    files = "1 deck file was" if count == 1 else f"{count:,} deck files were"
    folders = {str(Path(path).parent) for path in first}
    folder = folders.pop() if len(folders) == 1 else "FOLDER"
    lines = [f"{files} skipped: run `cardgame validate {folder}` to see why."]
    lines += list(first.values())[:SHOWN_PROBLEMS]
    if count > SHOWN_PROBLEMS:
        lines.append(f"…and {count - SHOWN_PROBLEMS:,} more.")
    return "\n".join(terminal_safe(line, one_line=True) for line in lines)


def play_screen(game: Game) -> Screen:
    """The table's screen for ``game``. Imported here, not at the top: the first frame (setup)
    needs none of the game's screens, and every module fewer is a faster start (issue 13)."""
    from .screens.play import PlayScreen

    return PlayScreen(game)


class CardGameCommands(Provider):
    """Command palette entries for the game's own screens."""

    async def search(self, query: str) -> Hits:
        app = self.app
        matcher = self.matcher(query)
        for name, message, help_text in (
            ("Favourites", ShowFavourites, "See, search and play your favourite cards"),
            ("Browse decks", ShowBrowser, "Page through a deck's cards"),
            ("Help: keys and table rules", ShowHelp, "How to play"),
        ):
            score = matcher.match(name)
            if score > 0:

                def post(message: type = message) -> None:
                    app.post_message(message())

                yield Hit(score, matcher.highlight(name), post, help=help_text)


class CardGameApp(App):
    """A conversation-card game: set up a table, deal timed turns, listen, keep favourites."""

    TITLE = "cardgame"
    # Setup's own file too: it is the first screen, and read with the rest its rules cost one
    # parse; read when setup is pushed, they would cost a second parse of every rule.
    CSS_PATH = ["global.tcss", "app.tcss", "screens/setup.tcss"]
    COMMANDS = App.COMMANDS | {CardGameCommands}
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", show=False, id="app.quit", tooltip="Leave (asks first)"),
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
        self.game: Game | None = None
        self._reflection: ReflectionScreen | None = None
        self._asking_to_leave = False
        self._library_waited = False
        self._library_announced = False
        self.register_theme(EVENING)
        self._start_with_theme(self._remembered_theme())

    def _start_with_theme(self, name: str) -> None:
        """The remembered theme, before the first frame, without a second parse of all CSS.

        Setting ``theme`` asks Textual to parse every rule again with the theme's colours once
        the app runs, which is wasted work before the first parse: here the stylesheet gets the
        theme's variables first, and the app the classes Textual's watcher would give it.
        """
        self.set_reactive(App.theme, name)
        self.stylesheet.set_variables(self.get_css_variables())  # nothing is parsed yet
        dark = self.current_theme.dark
        self.update_classes(
            {f"-theme-{name}": True, "-dark-mode": dark, "-light-mode": not dark}, update=False
        )
        self._refresh_truecolor_filter(self.ansi_theme)

    # -- preferences -------------------------------------------------------------------------

    def _remembered_theme(self) -> str:
        name = self.session.preferences.theme or EVENING.name
        return name if name in self.available_themes else EVENING.name

    def watch_theme(self, theme: str) -> None:
        preferences = self.session.preferences
        if preferences.theme != theme:
            self.session.save_preferences(replace(preferences, theme=theme))

    @property
    def bell_on(self) -> bool:
        """The table's choice for this game (setup's picker or ``play --no-bell``)."""
        if self.game is not None:
            return self.game.settings.bell
        return self.session.preferences.bell

    # -- start and stop ----------------------------------------------------------------------

    def run(self, *args: Any, **kwargs: Any) -> Any:
        """Run the app, with what was imported to run it out of the garbage collector's way.

        The modules, classes and functions imported so far (some 36,000 objects) live as long
        as the process: frozen, no collection walks them again. Without it, a full collection
        (27 ms) fell between the first frame and the setup form every start, and each younger
        one cost more. Tests use ``run_test`` and are not affected.
        """
        gc.freeze()
        return super().run(*args, **kwargs)

    def get_default_screen(self) -> Screen:
        """Setup is the bottom of the stack, the screen the first frame shows.

        Pushed over Textual's default screen instead, an empty screen was composed, styled and
        laid out first, and Textual's ``Ready`` came from that empty screen's layout.
        """
        return SetupScreen()

    def on_mount(self) -> None:
        if not self.live_timers:
            # Tests and snapshots: nothing moves unless the test moves it.
            self.animation_level = "none"
        if self.start_settings is not None:
            self.push_screen(play_screen(self.start_game(self.start_settings)))
            self.follow_game()  # no card matched: straight to the (empty) summary
        # After the first frame: what the store could not do can wait a moment.
        self.call_after_refresh(self.announce_problems)

    def announce_problems(self) -> None:
        """Tell the table what the store could not do. Deck problems follow once the decks are
        read: at once if they are in memory, else when setup's reading finishes. Never a bare
        ``session.library`` here: on a big library it would hold the screen (and the names
        being typed) until the last file is read."""
        for notice in self.session.notices():
            self.notify(notice, markup=False, severity="warning", timeout=8)
        if self.session.library_loaded:
            self.announce_library()

    @on(DecksProgress)
    def _decks_progress(self, message: DecksProgress) -> None:
        """Setup is reading the decks (its first report says so): wait for the end off-screen."""
        if not self._library_waited:
            self._library_waited = True
            self._wait_for_library()

    @work(thread=True, group="library-notices")
    def _wait_for_library(self) -> None:
        self.session.load_library()  # setup's reading holds the library's lock: this waits
        self.call_from_thread(self.announce_library)

    def announce_library(self) -> None:
        """Say, once, which deck files were skipped and whether the prompts file loaded."""
        if self._library_announced:
            return
        self._library_announced = True
        library = self.session.library
        if library.problems:
            self.notify(
                skipped_notice(library.problems), markup=False, severity="warning", timeout=10
            )
        if library.prompts is None:
            self.notify(
                "The reflection prompts file did not load; using the built-in wording.",
                markup=False,
                severity="warning",
                timeout=8,
            )

    def on_unmount(self) -> None:
        self.session.close()  # writes what the game logged, then closes the store

    # -- the game ----------------------------------------------------------------------------

    def start_game(self, settings: GameSettings) -> Game:
        """Deal a new game and start writing its history (nothing is written for no cards)."""
        self.game = self.session.new_game(settings)  # the session records it as it goes
        return self.game

    def record_progress(self) -> None:
        """Queue what the game has logged (the session's writer also follows the game's events)."""
        if self.session.history is not None:
            self.session.history.sync()

    @property
    def game_in_progress(self) -> bool:
        from .engine import Phase  # the game's code: imported once a game is dealt

        return self.game is not None and self.game.phase != Phase.OVER

    def _deal(self, settings: GameSettings) -> Game | None:
        game = self.start_game(settings)
        if game.turn is None:
            self.notify(NO_CARDS, markup=False, severity="warning", timeout=6)
            return None
        return game

    def follow_game(self) -> None:
        """Show the screen the game's phase calls for: the table, a reflection or the summary."""
        from .engine import Phase
        from .screens.reflection import ReflectionScreen

        game = self.game
        if game is None:
            return
        self.record_progress()
        if game.phase == Phase.OVER:
            self.post_message(GameOver(game))
        elif game.phase == Phase.REFLECTION:
            if self._reflection is None or self._reflection.round is not game.reflection:
                self._leave_reflection()
                self._reflection = ReflectionScreen(game)
                self.push_screen(self._reflection)
        else:
            self._leave_reflection()

    def _leave_reflection(self) -> None:
        reflection, self._reflection = self._reflection, None
        if reflection is not None and reflection.is_current:
            self.pop_screen()

    @on(StartGame)
    def _start(self, message: StartGame) -> None:
        game = self._deal(message.settings)
        if game is not None:
            self.push_screen(play_screen(game))

    @on(TurnDone)
    @on(ReflectionDone)
    def _moved(self) -> None:
        self.follow_game()

    @on(GameOver)
    def _game_over(self, message: GameOver) -> None:
        from .screens.summary import SummaryScreen

        if message.game is not self.game or isinstance(self.screen, SummaryScreen):
            return  # already showing it (a second quick key)
        self._leave_reflection()
        self.switch_screen(SummaryScreen(message.game))

    def _between_games(self) -> None:
        """Clear the finished game away before the next one is dealt.

        The summary lets go of its lists (a row per card played) and one full collection runs
        while nobody waits. The next game's long-lived objects then reuse the memory the summary
        freed, instead of settling in fresh allocator arenas that stay for the rest of the
        evening (``benchmarks/memory_growth.py``: the first game end cost 3.6 to 4.2 MiB
        resident, now about 2).
        """
        screen = self.screen
        if isinstance(screen, CardGameScreen):
            screen.let_go()
        gc.collect()

    @on(PlayAgain)
    def _play_again(self) -> None:
        if self.game is None:
            return
        self._between_games()
        game = self._deal(self.game.settings)
        if game is not None:
            self.switch_screen(play_screen(game))

    @on(NewGame)
    def _new_game(self) -> None:
        self.game = None
        self._between_games()
        self.pop_screen()  # the summary sits on setup

    @on(PlayThese)
    def _play_these(self, message: PlayThese) -> None:
        if self.game_in_progress:
            self.notify("End this game first (menu, then End the game).", timeout=6)
            return
        if message.settings is None:
            self.notify("Add players in setup, then pick the Favourites deck.", timeout=6)
            return
        game = self._deal(message.settings)
        if game is not None:
            self.switch_screen(play_screen(game))

    # -- modals ------------------------------------------------------------------------------

    @on(AskWhom)
    def _ask_whom(self) -> None:
        from .engine import Phase
        from .screens.choose import ChoosePlayerScreen
        from .screens.play import PlayScreen

        game = self.game
        turn = game.turn if game else None
        if game is None or turn is None or not turn.needs_target:
            return
        others = [name for name in game.players if name != turn.player]

        def asked(name: str | None) -> None:
            if name and game.phase == Phase.TURN and game.turn is turn and turn.needs_target:
                game.ask(name)
                self.follow_game()
                if isinstance(self.screen, PlayScreen):
                    self.screen.show_turn()

        self.push_screen(ChoosePlayerScreen(f"{turn.player}, whom will you ask?", others), asked)

    @on(ShowMenu)
    def _menu(self) -> None:
        def chosen(choice: str | None) -> None:
            if choice == "end" and self.game is not None:
                self.game.end()
                self.follow_game()
            elif choice == "favourites":
                self.post_message(ShowFavourites())
            elif choice == "quit":
                self.exit()

        from .screens.menu import MenuScreen

        self.push_screen(MenuScreen(), chosen)

    @on(ShowHelp)
    def _help(self) -> None:
        from .screens.help import HelpScreen, key_lines

        if isinstance(self.screen, HelpScreen):
            return
        self.push_screen(HelpScreen(key_lines(self.screen, self)))

    @on(ShowFavourites)
    def _favourites(self) -> None:
        from .screens.favourites import FavouritesScreen

        if not isinstance(self.screen, FavouritesScreen):
            self.push_screen(FavouritesScreen())

    @on(ShowBrowser)
    def _browser(self, message: ShowBrowser) -> None:
        try:
            from .screens.browse import BrowseScreen  # type: ignore[import-not-found]
        except ImportError:  # the browser is on its way (ui-setup)
            self.notify("The deck browser is not here yet.", timeout=4)
            return
        self.push_screen(BrowseScreen(message.deck_id))

    @on(QuitRequested)
    def _quit_requested(self, message: QuitRequested) -> None:
        if message.confirmed or not self.game_in_progress:
            self.exit()
            return
        if self._asking_to_leave:
            return

        def answered(leave: bool | None) -> None:
            self._asking_to_leave = False
            if leave:
                self.exit()

        from .screens.menu import ConfirmScreen

        self._asking_to_leave = True
        self.push_screen(ConfirmScreen(LEAVE_QUESTION), answered)

    async def action_quit(self) -> None:
        """``ctrl+q``: during a game it asks first, like ``q``."""
        self.post_message(QuitRequested())

    # Kept for screens that call the app directly (setup, favourites, summary) until they post.
    def action_favourites(self) -> None:
        self.post_message(ShowFavourites())

    def action_help(self) -> None:
        self.post_message(ShowHelp())


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
