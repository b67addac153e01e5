"""Pilot tests of setup: names typed fast, picks that are kept, children, sizes, the first frame."""

from __future__ import annotations

from helpers.app import end_game_from_menu, screen_name, setup_ready
from helpers.keys import type_at_once, wait_until
from helpers.tables import table_app, write_decks
from textual import events

from cardgame.engine.settings import MAX_NAME
from cardgame.widgets.table_options import LABELS, TableOptions


def ticked(screen) -> set[str]:
    return set(screen.deck_list.selected)


def shown(screen) -> list[str]:
    decks = screen.deck_list
    return [decks.get_option_at_index(i).value for i in range(decks.option_count)]


def table_options(pilot) -> TableOptions:
    return pilot.app.screen.query_one("#options", TableOptions)


async def choose(pilot, name: str, value) -> None:
    """By keys, go to option ``name`` (down) and step it (right) until it shows ``value``."""
    options = table_options(pilot)
    options.focus()
    for _ in range(len(options.options)):
        if options.cursor_name == name:
            break
        await pilot.press("down")
    assert options.cursor_name == name, f"no option {name!r}"
    for _ in range(len(options.options[options.cursor].values)):
        if options.value(name) == value:
            await pilot.pause()
            return
        await pilot.press("right")
    raise AssertionError(f"{name} has no value {value!r}")


async def add_names(pilot, *names: str) -> None:
    for name in names:
        await pilot.press(*name, "enter")


# -- names ---------------------------------------------------------------------------------------


async def test_the_name_field_has_focus_on_the_first_frame(tmp_path, clock):
    app = table_app(tmp_path, clock)
    async with app.run_test(size=(80, 24)):
        assert app.focused is app.screen.name_input  # run_test returns at the first frame


async def test_names_typed_the_moment_setup_appears_are_all_kept(tmp_path, clock):
    """Regression: "Ana⏎Ben⏎" typed at once became one player "AnaBen"."""
    app = table_app(tmp_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        type_at_once(app, *"Ana", "enter", *"Ben", "enter", *"Cy", "enter")
        screen = app.screen  # the first frame: the name field, the rest of the form on its way
        await wait_until(pilot, lambda: screen.form_built and len(screen.players) == 3, "three")
        assert app.screen.players == ["Ana", "Ben", "Cy"]
        assert app.screen.name_input.value == ""


async def test_a_long_paste_is_cut_to_the_name_limit_with_a_notice(tmp_path, clock):
    app = table_app(tmp_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await setup_ready(pilot)
        long_name = "Bartholomew Fitzwilliam-Montgomery the Third"
        app.screen.name_input.post_message(events.Paste(long_name))
        await wait_until(pilot, lambda: app.screen.name_input.value, "the paste")
        assert app.screen.name_input.value == long_name[:MAX_NAME].rstrip()
        assert f"at most {MAX_NAME} characters" in str(app.screen.message.render())
        await pilot.press("enter")
        assert app.screen.players == [long_name[:MAX_NAME].rstrip()]


async def test_a_pasted_name_is_cleaned_of_control_and_bidi_characters(tmp_path, clock):
    app = table_app(tmp_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await setup_ready(pilot)
        app.screen.name_input.post_message(events.Paste("A\x1b[2Jna\u202e\x85"))
        await wait_until(pilot, lambda: app.screen.name_input.value, "the paste")
        await pilot.press("enter")
        assert app.screen.players == ["A[2Jna"]


async def test_enter_in_an_empty_name_field_says_how_to_start_and_never_starts(tmp_path, clock):
    app = table_app(tmp_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await setup_ready(pilot)
        await add_names(pilot, "Ana", "Ben")
        await pilot.press("enter")
        await pilot.pause()
        assert screen_name(app) == "SetupScreen"
        assert "ctrl+s or Start" in str(app.screen.message.render())
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: screen_name(app) == "PlayScreen", "the game")


async def test_a_refused_name_stays_in_the_field_to_be_fixed(tmp_path, clock):
    app = table_app(tmp_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await setup_ready(pilot)
        await add_names(pilot, "Ana", "ana")
        assert app.screen.players == ["Ana"]
        assert app.screen.name_input.value == "ana"
        assert "already at the table" in str(app.screen.message.render())


# -- decks ---------------------------------------------------------------------------------------


async def test_family_audience_with_no_saved_picks_ticks_the_family_deck(tmp_path, clock):
    app = table_app(tmp_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await setup_ready(pilot)
        await choose(pilot, "audience", "couples")
        assert "family-table" not in shown(app.screen)
        await choose(pilot, "audience", "family")
        assert ticked(app.screen) == {"all-ears", "family-table"}
        await choose(pilot, "audience", "friends")
        assert ticked(app.screen) == {"all-ears", "game-night"}


async def test_deck_picks_survive_audience_changes_and_games(tmp_path, clock):
    """Regression: decks hidden by the audience filter were forgotten when the table was saved."""
    app = table_app(tmp_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await setup_ready(pilot)
        await add_names(pilot, "Mum", "Sam")
        await choose(pilot, "audience", "family")
        screen = app.screen
        screen.deck_list.focus()
        await pilot.pause()
        assert shown(screen)[0] == "all-ears"
        await pilot.press("space")  # untick All Ears: the family deck alone
        assert ticked(screen) == {"family-table"}
        await choose(pilot, "audience", "couples")  # hides the family deck
        assert shown(screen) == ["all-ears", "just-us"]
        screen.deck_list.focus()
        screen.deck_list.highlighted = 1
        await pilot.press("space")
        assert ticked(screen) == {"just-us"}
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: screen_name(app) == "PlayScreen", "the game")
        await end_game_from_menu(pilot)
        await pilot.press("g")
        await wait_until(pilot, lambda: screen_name(app) == "SetupScreen", "setup again")
        await choose(pilot, "audience", "family")
        assert ticked(app.screen) == {"family-table"}
        await choose(pilot, "audience", "couples")
        assert ticked(app.screen) == {"just-us"}

    later = table_app(tmp_path, clock)
    async with later.run_test(size=(80, 24)) as pilot:
        await setup_ready(pilot)
        assert later.screen.table_options.value("audience") == "couples"
        await choose(pilot, "audience", "family")
        assert ticked(later.screen) == {"family-table"}


async def test_the_deck_list_shows_the_row_space_will_tick_on_first_focus(tmp_path, clock):
    """Regression: the first space toggled a deck no row showed as highlighted."""
    app = table_app(tmp_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await setup_ready(pilot)
        screen = app.screen
        before = ticked(screen)
        await pilot.press("tab", "tab")
        assert app.focused is screen.deck_list
        assert screen.deck_list.highlighted == 0
        status = str(screen.deck_status.render())
        assert status.startswith("space: untick All Ears")
        await pilot.press("space")
        assert ticked(screen) == before - {"all-ears"}
        assert str(screen.deck_status.render()).startswith("space: tick All Ears")


async def test_card_counts_say_one_card_not_one_cards(tmp_path, clock):
    decks = write_decks(tmp_path / "decks")
    (decks / "single.yaml").write_text("id: single\nname: Single\ncards: [Only one?]\n")
    app = table_app(tmp_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await setup_ready(pilot)
        prompts = [
            str(app.screen.deck_list.get_option_at_index(i).prompt)
            for i in range(app.screen.deck_list.option_count)
        ]
        assert "Single · 1 card" in prompts
        assert "All Ears · 6 cards" in prompts


# -- after a game, and other screens -------------------------------------------------------------


async def test_after_new_game_the_cursor_is_in_the_name_field_every_time(tmp_path, clock):
    app = table_app(tmp_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await setup_ready(pilot)
        await add_names(pilot, "Ana", "Ben")
        for _ in range(2):
            await choose(pilot, "depth", "light")  # leave the cursor on a picker
            await pilot.press("ctrl+s")
            await wait_until(pilot, lambda: screen_name(app) == "PlayScreen", "the game")
            await end_game_from_menu(pilot)
            await pilot.press("g")
            await wait_until(pilot, lambda: screen_name(app) == "SetupScreen", "setup again")
            assert app.focused is app.screen.name_input
            await pilot.press(*"Cy ")  # typing never changes an option
            assert app.screen.table_options.value("depth") == "light"
            assert app.screen.name_input.value == "Cy "
            app.screen.name_input.value = ""


async def test_the_favourites_button_stays_in_its_row_after_visiting_favourites(tmp_path, clock):
    app = table_app(tmp_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await setup_ready(pilot)
        row = app.screen.query_one("#start").region.y
        assert app.screen.query_one("#favourites").region.y == row
        await pilot.click("#favourites")
        await wait_until(pilot, lambda: screen_name(app) == "FavouritesScreen", "favourites")
        await pilot.press("escape")
        await wait_until(pilot, lambda: screen_name(app) == "SetupScreen", "setup again")
        await pilot.pause()
        assert app.screen.query_one("#favourites").region.y == row
        assert app.screen.query_one("#start").region.y == row


# -- children ------------------------------------------------------------------------------------


async def test_a_child_is_marked_with_c_or_the_button_and_remembered(tmp_path, clock):
    app = table_app(tmp_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await setup_ready(pilot)
        await add_names(pilot, "Mum", "Lily", "Sam")
        players = app.screen.player_list
        players.focus()
        players.highlighted = 1
        await pilot.press("c")
        assert players.child_names == {"Lily"}
        assert "(child)" in str(players.get_option_at_index(1).prompt)
        players.highlighted = 2
        await pilot.click("#child")
        assert players.child_names == {"Lily", "Sam"}
        players.focus()
        players.highlighted = 2
        await pilot.press("c")
        assert players.child_names == {"Lily"}
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: screen_name(app) == "PlayScreen", "the game")
        assert app.screen.game.settings.children == frozenset({"Lily"})

    later = table_app(tmp_path, clock)
    async with later.run_test(size=(80, 24)) as pilot:
        await setup_ready(pilot)
        assert later.screen.player_list.child_names == {"Lily"}


# -- sizes ---------------------------------------------------------------------------------------


async def test_at_80x24_the_start_button_is_visible_without_scrolling(tmp_path, clock):
    app = table_app(tmp_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await setup_ready(pilot)
        start = app.screen.query_one("#start")
        footer_top = 24 - 1
        assert start.region.y + start.region.height <= footer_top
        assert app.screen.query_one("#setup").scroll_offset.y == 0


def assert_every_value_whole(options: TableOptions) -> None:
    """Each option's label and its whole value on one line, every line within the widget."""
    width = options.content_region.width
    lines = str(options.render()).splitlines()
    assert all(len(line) <= width for line in lines), (width, lines)
    for name in options.names:
        shown = f"{LABELS[name]} "
        words = options.words_for(name)
        assert any(shown in line and words in line.split(shown, 1)[1] for line in lines), (
            name,
            words,
            lines,
        )


async def every_value_by_keys(pilot, options: TableOptions) -> None:
    """Every value of every option, by keys (down, right), each shown whole."""
    options.focus()
    for name in options.names:
        assert options.cursor_name == name
        for _ in options.options[options.cursor].values:
            await pilot.pause()
            assert_every_value_whole(options)
            await pilot.press("right")
        await pilot.press("down")
    assert options.cursor_name == options.names[0]  # down wraps round


async def test_at_60x20_no_picker_loses_its_value(tmp_path, clock):
    """Regression: "Passes ◀  " with "Unlimited" cut away."""
    app = table_app(tmp_path, clock)
    async with app.run_test(size=(60, 20)) as pilot:
        await setup_ready(pilot)
        await every_value_by_keys(pilot, table_options(pilot))


async def test_at_80x24_every_value_shows_whole_in_two_columns(tmp_path, clock):
    app = table_app(tmp_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await setup_ready(pilot)
        options = table_options(pilot)
        assert options.region.height == (len(options.names) + 1) // 2
        await every_value_by_keys(pilot, options)


async def test_a_resize_still_lays_the_options_out_again(tmp_path, clock):
    """Setup skips a resize to the size it has (Textual sends one after start); a real one
    still moves the options between two columns and one."""
    app = table_app(tmp_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await setup_ready(pilot)
        options = table_options(pilot)
        assert options.region.height == 5
        await pilot.resize_terminal(60, 20)
        await wait_until(pilot, lambda: options.region.height == 10, "one column")
        assert app.screen.has_class("-narrow")
        await pilot.resize_terminal(80, 24)
        await wait_until(pilot, lambda: options.region.height == 5, "two columns")
        assert app.screen.has_class("-wide")


async def test_a_click_on_an_option_steps_it_back_on_the_arrow_and_on_elsewhere(tmp_path, clock):
    app = table_app(tmp_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await setup_ready(pilot)
        options = table_options(pilot)
        depth = next(cell for cell in options.cells(options.content_size.width) if cell.y == 1)
        assert options.names[depth.index] == "depth" and options.value("depth") == "escalate"
        await pilot.click(options, offset=(depth.value_x, depth.y))  # on ◀
        assert options.value("depth") == "deepest"
        assert app.focused is options and options.cursor_name == "depth"
        await pilot.click(options, offset=(depth.value_x + 4, depth.y))
        assert options.value("depth") == "escalate"
        await pilot.click(options, offset=(depth.label_x, depth.y + 1))  # a label: chosen only
        assert options.cursor_name == "length" and options.value("length") == "5"
        await pilot.press("right")
        assert options.value("length") == "7"
