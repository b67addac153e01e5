"""The test-only parsed-CSS cache (tests/helpers/css_cache.py) changes nothing but speed."""

from __future__ import annotations

from helpers import css_cache
from textual.css.stylesheet import Stylesheet

CSS = "Static { color: $accent; } #card.-time-up { border: heavy $error; }"
SOURCE = ("cardgame/screens/play.tcss", "")


def fresh_parse(variables: dict[str, str]) -> list:
    """What Textual itself parses, bypassing the shared cache."""
    uncached = Stylesheet._parse_rules.__wrapped__
    return uncached(Stylesheet(variables=variables), CSS, SOURCE)


def test_the_cache_is_installed_on_this_textual():
    # If a Textual upgrade renames what it wraps, the suite gets slower: this says so.
    assert css_cache.install()
    assert getattr(Stylesheet._parse_rules, "shared_cache", False)


def test_two_stylesheets_share_one_parse_equal_to_textuals_own():
    variables = {"accent": "#ff0000", "error": "#00ff00"}
    first = Stylesheet(variables=dict(variables))._parse_rules(CSS, SOURCE)
    second = Stylesheet(variables=dict(variables))._parse_rules(CSS, SOURCE)
    assert second is first
    assert first == fresh_parse(variables)


def test_other_variables_are_parsed_again():
    red = Stylesheet(variables={"accent": "#ff0000", "error": "#00ff00"})._parse_rules(CSS, SOURCE)
    blue = Stylesheet(variables={"accent": "#0000ff", "error": "#00ff00"})._parse_rules(CSS, SOURCE)
    assert blue is not red
    assert blue == fresh_parse({"accent": "#0000ff", "error": "#00ff00"})
    assert blue != red
