"""Text from decks and players is shown exactly as written and can never act."""

from __future__ import annotations

from helpers.app import end_game_from_menu, make_app, screen_name, setup_ready

from cardgame.engine import GameSettings
from cardgame.widgets.card import CardView

HOSTILE_CARD = "[@click=app.quit]x[/]"


def visible_text(widget) -> str:
    return str(widget.render())


async def test_markup_in_cards_deck_names_and_player_names_shows_literally(tmp_path, clock):
    settings = GameSettings(
        players=("[b]Ana[/b]", "[@click=app.quit]Ben[/]"),
        deck_ids=("hostile",),
        depth="light",
        reflect="off",
    )
    app = make_app(tmp_path, clock, settings=settings, decks=("hostile.yaml",), seed=1)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        while screen.game.turn.card.text != HOSTILE_CARD:
            await pilot.press("n")
            await pilot.pause()
        card_view = screen.query_one(CardView)
        assert visible_text(card_view.query_one("#card-text")) == HOSTILE_CARD
        assert "[b]Bold[/b] [@click=app.quit]Deck[/]" in visible_text(
            card_view.query_one("#card-meta")
        )
        status = visible_text(screen.query_one("#play-status"))
        assert "[b]Ana[/b]" in status or "[@click=app.quit]Ben[/]" in status
        await pilot.click("#card-text")
        await pilot.pause()
        assert app.is_running and screen_name(app) == "PlayScreen"


async def test_a_player_named_like_markup_in_setup_and_summary(tmp_path, clock):
    app = make_app(tmp_path, clock, decks=("hostile.yaml",))
    async with app.run_test(size=(100, 40)) as pilot:
        await setup_ready(pilot)
        for name in ("[red]Ana[/]", "$name"):
            await pilot.press(*name, "enter")
        await pilot.pause()
        assert app.screen.players == ["[red]Ana[/]", "$name"]
        listed = [str(option.prompt) for option in app.screen.player_list.options]
        assert listed == ["1. [red]Ana[/]", "2. $name"]
        await pilot.press("ctrl+s")
        await pilot.pause()
        await end_game_from_menu(pilot)
        assert screen_name(app) == "SummaryScreen"
        table = app.screen.query_one("#summary-table")
        # Shown literally (not as red "Ana"), cut to the player column's width.
        first_line = str(table.visual).splitlines()[1]
        assert first_line.strip().startswith("[red]Ana[")
        assert not any(span.style for span in table.visual.spans if "red" in str(span.style))
        assert app.is_running
