"""The cards people kept: grouped by deck, searchable, removable with undo, playable."""

from __future__ import annotations

from textual import getters, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Footer, Input, OptionList, Static
from textual.widgets.option_list import Option

from ..engine import GameSettings, SettingsError
from ..session import FAVOURITES_DECK_ID
from ..store import Favourite
from ..widgets.card import level_dots
from .base import CardGameScreen
from .setup import LAST_TABLE_SETTING


def matches(favourite: Favourite, query: str) -> bool:
    needle = query.casefold().strip()
    return (
        not needle
        or needle in favourite.text.casefold()
        or needle in (favourite.deck_name.casefold())
    )


class FavouritesScreen(CardGameScreen):
    CSS_PATH = "favourites.tcss"
    BINDINGS = [
        Binding("escape", "close", "Back", id="favourites.back", tooltip="Back"),
        Binding("delete,d", "remove", "Remove", id="favourites.remove", tooltip="Remove the heart"),
        Binding("u", "undo", "Undo", id="favourites.undo", tooltip="Put the last one back"),
        Binding("p", "play", "Play these", id="favourites.play", tooltip="A game of favourites"),
        Binding("slash", "search", "Search", id="favourites.search", tooltip="Search the text"),
    ]

    search = getters.query_one("#favourites-search", Input)
    cards = getters.query_one("#favourites-list", OptionList)
    summary = getters.query_one("#favourites-summary", Static)

    def __init__(self) -> None:
        super().__init__()
        self.shown: list[Favourite] = []
        self.removed: Favourite | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="favourites"):
            yield Static("Favourites", classes="title")
            yield Input(placeholder="Search your favourites ( / )", id="favourites-search")
            yield OptionList(id="favourites-list")
            yield Static(id="favourites-summary", classes="hint", markup=False)
            with Horizontal(classes="button-row"):
                yield Button("Play these (p)", id="play", variant="primary", action="screen.play")
                yield Button("Remove (d)", id="remove", action="screen.remove")
                yield Button("Undo (u)", id="undo", action="screen.undo")
                yield Button("Back (esc)", id="back", action="screen.close")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.refresh_list()
        self.cards.focus()

    def refresh_list(self) -> None:
        favourites = self.app.session.store.favourites()
        self.shown = [fav for fav in favourites if matches(fav, self.search.value)]
        options: list[Option | None] = []
        deck = None
        for index, favourite in enumerate(self.shown):
            if favourite.deck_name != deck:
                deck = favourite.deck_name
                options.append(Option(Content(deck), disabled=True))
            line = f"♥ {favourite.text}   {level_dots(favourite.level)} {favourite.kind}"
            options.append(Option(Content(line), id=str(index)))
        self.cards.clear_options()
        self.cards.add_options(options)
        first = next((i for i, o in enumerate(options) if o and not o.disabled), None)
        self.cards.highlighted = first
        if not favourites:
            self.summary.update("No favourites yet. Press f during a game to keep a card.")
        else:
            self.summary.update(f"{len(self.shown)} of {len(favourites)} favourites shown.")

    @on(Input.Changed, "#favourites-search")
    def _search_changed(self) -> None:
        self.refresh_list()

    def _highlighted(self) -> Favourite | None:
        index = self.cards.highlighted
        if index is None:
            return None
        option = self.cards.get_option_at_index(index)
        return self.shown[int(option.id)] if option.id is not None else None

    def action_search(self) -> None:
        self.search.focus()

    def action_remove(self) -> None:
        favourite = self._highlighted()
        if favourite is None:
            return
        self.app.session.store.remove_favourite(favourite.deck_id, favourite.card_id)
        self.removed = favourite
        self.refresh_list()
        self.notify("Removed. Press u to undo.", timeout=4)

    def action_undo(self) -> None:
        favourite, self.removed = self.removed, None
        if favourite is None:
            return
        card = self.app.session.favourite_card(favourite)
        self.app.session.store.add_favourite(card, favourite.deck_name)
        self.refresh_list()

    def action_play(self) -> None:
        """Start a game of favourites with the last table, or pick players in setup first."""
        from .play import PlayScreen

        if not self.app.session.store.favourites():
            self.notify("Keep a few cards first: press f during a game.", timeout=4)
            return
        if any(isinstance(screen, PlayScreen) for screen in self.app.screen_stack):
            self.notify("End this game first (menu, then End the game).", timeout=6)
            return
        last = self.app.session.store.get_setting(LAST_TABLE_SETTING, {}) or {}
        try:
            settings = GameSettings(
                players=tuple(last.get("players", ())),
                deck_ids=(FAVOURITES_DECK_ID,),
                depth="deepest",
                rounds=None,
                turn_seconds=int(last.get("turn", 90)),
                reflect=str(last.get("reflect", "deeper")),
                reflect_seconds=int(last.get("reflect_time", 60)),
                fresh_first=False,
            )
        except (SettingsError, TypeError, ValueError):
            self.notify("Add players in setup, then pick the Favourites deck.", timeout=6)
            self.dismiss(None)
            return
        game = self.app.start_game(settings)
        self.app.switch_screen(PlayScreen(game))

    def action_close(self) -> None:
        self.dismiss(None)
