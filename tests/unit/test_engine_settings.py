"""The table's choices: declared once, every door derives from the declaration; names cleaned."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cardgame.engine import (
    MAX_NAME,
    TABLE_OPTIONS,
    Depth,
    GameSettings,
    Length,
    ReflectMode,
    SettingsError,
    clean_names,
    default_choices,
    parse_player_list,
)
from cardgame.engine.settings import OPTIONS, TableOption
from cardgame.text import has_unsafe

PLAYERS = ("Ana", "Ben")


def settings(**values: object) -> GameSettings:
    return GameSettings(players=PLAYERS, deck_ids=("test",), **values)


# -- one declaration ---------------------------------------------------------------------------


def test_table_options_name_every_choice_of_the_table_once() -> None:
    names = [option.name for option in TABLE_OPTIONS]
    assert sorted(names) == sorted(
        [
            "audience",
            "depth",
            "length",
            "turn_seconds",
            "passes",
            "reflect",
            "reflect_seconds",
            "bell",
            "unseen_first",
            "speaker_picks",
        ]
    )


def test_length_offers_rounds_until_the_cards_run_out_and_minutes() -> None:
    lengths = [Length.parse(token) for token in OPTIONS["length"].values]
    assert [length.rounds for length in lengths if length.rounds] == [3, 5, 7, 10]
    assert Length() in lengths  # until the cards run out
    assert [length.minutes for length in lengths if length.minutes] == [30, 45, 60]


def test_audience_offers_everyone_and_the_table_audiences_but_not_kids() -> None:
    assert OPTIONS["audience"].values == ("everyone", "couples", "friends", "family")


def test_a_default_must_be_one_of_the_values() -> None:
    with pytest.raises(ValueError, match="not offered"):
        TableOption("passes", (1, 2), 3)


def test_game_settings_defaults_are_the_declared_defaults() -> None:
    assert settings().to_choices() == default_choices()
    assert default_choices()["depth"] == Depth.ESCALATE


@pytest.mark.parametrize(
    ("name", "value"), [(option.name, value) for option in TABLE_OPTIONS for value in option.values]
)
def test_every_offered_value_goes_through_settings_and_back(name: str, value: object) -> None:
    made = GameSettings.from_choices({name: value}, players=PLAYERS, deck_ids=("test",))
    assert made.to_choices() == {**default_choices(), name: value}


def test_from_choices_fills_fields_the_engine_reads() -> None:
    made = GameSettings.from_choices(
        {
            "audience": "family",
            "depth": "light",
            "length": "45min",
            "turn_seconds": 0,
            "passes": 2,
            "reflect": "alternate",
            "reflect_seconds": 30,
            "speaker_picks": True,
            "unseen_first": False,
            "bell": False,
        },
        players=PLAYERS,
        deck_ids=("a", "b"),
        children=("ben",),
    )
    assert (made.audience, made.depth, made.rounds, made.minutes) == ("family", "light", None, 45)
    assert (made.turn_seconds, made.passes, made.reflect, made.reflect_seconds) == (
        0,
        2,
        ReflectMode.ALTERNATE,
        30,
    )
    assert (made.speaker_picks_listener, made.fresh_first, made.bell) == (True, False, False)
    assert made.children == frozenset({"Ben"})
    assert made.deck_ids == ("a", "b")


def test_strict_choices_refuse_what_no_option_offers() -> None:
    with pytest.raises(SettingsError, match="no table option called colour"):
        GameSettings.from_choices({"colour": "red"}, players=PLAYERS, deck_ids=("t",))
    with pytest.raises(SettingsError, match="Depth is one of"):
        GameSettings.from_choices({"depth": "abyss"}, players=PLAYERS, deck_ids=("t",))
    with pytest.raises(SettingsError, match="Length is"):
        GameSettings.from_choices({"length": "forever"}, players=PLAYERS, deck_ids=("t",))


def test_a_remembered_table_keeps_what_is_still_offered_and_defaults_the_rest() -> None:
    remembered = {"depth": "light", "length": "forever", "passes": -1, "old_key": 1, "bell": False}
    made = GameSettings.from_choices(remembered, players=PLAYERS, deck_ids=("t",), strict=False)
    assert made.to_choices() == {**default_choices(), "depth": "light", "bell": False}


def test_a_remembered_table_never_takes_a_flag_for_a_number() -> None:
    remembered = {"passes": True, "turn_seconds": False, "bell": 1, "length": 7}
    made = GameSettings.from_choices(remembered, players=PLAYERS, deck_ids=("t",), strict=False)
    assert made.to_choices() == {**default_choices(), "length": "7"}


def test_depth_and_reflection_are_enums_that_still_compare_as_text() -> None:
    made = settings(depth="light", reflect="every")
    assert made.depth is Depth.LIGHT and made.depth == "light"
    assert made.reflect is ReflectMode.EVERY and made.reflect == "every"
    assert made.describe()["depth"] == "light"


@pytest.mark.parametrize("token", ["5", "all", "0", "30min", "12"])
def test_length_tokens_round_trip(token: str) -> None:
    expected = "all" if token == "0" else token
    assert Length.parse(token).token == expected


def test_everyone_means_no_audience_filter_and_kids_is_not_a_table() -> None:
    assert settings(audience="everyone").audience is None
    with pytest.raises(SettingsError, match="Audience is one of everyone"):
        settings(audience="kids")


def test_minutes_must_be_positive() -> None:
    with pytest.raises(SettingsError, match="Minutes"):
        settings(minutes=0)


# -- children -------------------------------------------------------------------------------


def test_children_are_players_named_as_the_table_spells_them() -> None:
    made = GameSettings(players=("Mum", "Lily\x1b"), deck_ids=("t",), children={" lily "})
    assert made.children == frozenset({"Lily"})
    assert made.describe()["children"] == ["Lily"]


def test_no_children_can_be_said_as_none_but_never_as_one_string() -> None:
    assert settings(children=None).children == frozenset()
    with pytest.raises(SettingsError, match="not one string"):
        settings(children="Ben")


def test_a_child_who_is_not_at_the_table_is_an_error() -> None:
    with pytest.raises(SettingsError, match="Sam is not one of the players"):
        settings(children=frozenset({"Sam"}))


# -- names --------------------------------------------------------------------------------------


def test_player_list_with_an_empty_entry_is_an_error_naming_it() -> None:
    with pytest.raises(SettingsError, match="Player 2 has no name"):
        parse_player_list("Ana,,Ben")
    with pytest.raises(SettingsError, match="Player 3 has no name"):
        parse_player_list("Ana,Ben, ")


def test_player_list_refuses_a_name_over_the_limit_and_says_the_limit() -> None:
    with pytest.raises(SettingsError, match=f"longer than {MAX_NAME} characters"):
        parse_player_list("Ana," + "B" * (MAX_NAME + 1))
    assert parse_player_list("Ana," + "B" * MAX_NAME)[1] == "B" * MAX_NAME


def test_empty_player_list_says_how_to_name_players() -> None:
    with pytest.raises(SettingsError, match="separated by commas"):
        parse_player_list(" , ")


def test_names_lose_control_and_bidi_characters_at_entry() -> None:
    assert parse_player_list("A\x1b[2Jna, Be\u202en ") == ("A[2Jna", "Ben")
    assert GameSettings(players=("\x07Ana", "Ben\x9b"), deck_ids=("t",)).players == PLAYERS


def test_lenient_names_drop_blanks_and_cut_long_names() -> None:
    assert clean_names(["Ana", "  ", "B" * 40]) == ("Ana", "B" * MAX_NAME)


def test_names_that_differ_only_in_case_are_duplicates() -> None:
    with pytest.raises(SettingsError, match="share the name Ana"):
        parse_player_list("Ana,ANA")


@given(st.lists(st.text(max_size=30), min_size=1, max_size=14))
def test_parsed_names_are_clean_short_and_distinct_or_refused(names: list[str]) -> None:
    text = ",".join(name.replace(",", "") for name in names)
    try:
        parsed = parse_player_list(text)
    except SettingsError as error:
        assert str(error)
        return
    assert 2 <= len(parsed) <= 12
    assert len({name.casefold() for name in parsed}) == len(parsed)
    for name in parsed:
        assert name and len(name) <= MAX_NAME and name == name.strip()
        assert not has_unsafe(name)
