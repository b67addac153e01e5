"""One parse of each stylesheet per test process, not one per app.

Textual caches parsed CSS per ``Stylesheet`` only, and ``Stylesheet.reparse`` starts from a fresh
``Stylesheet`` whenever a screen brings CSS of its own; so every app in a test run parses the
same widget CSS and .tcss files again and again (about 15% of an app start, more for tests that
visit several screens). Parsing is a pure function of its inputs, so the parsed rules can be
shared: ``install()`` wraps ``Stylesheet._parse_rules`` with a cache keyed by everything the
parse reads (the CSS text, where it came from, defaults or not, tie breaker, scope and the CSS
variables). Rule sets are only read after parsing (a stylesheet's own cache shares them the
same way), so sharing them between apps changes nothing an app does.

If a Textual release renames what this wraps, ``install()`` leaves Textual alone: tests get
slower, never different.
"""

from __future__ import annotations

import inspect

from textual.css.stylesheet import Stylesheet

EXPECTED_PARAMETERS = ["self", "css", "read_from", "is_default_rules", "tie_breaker", "scope"]

_parsed: dict[tuple, list] = {}
_last_variables: tuple[dict[str, str], tuple] | None = None


def _variables_key(variables: dict[str, str]) -> tuple:
    """A hashable form of the CSS variables, computed once per variables dict.

    Textual replaces a stylesheet's variables dict rather than changing it (and its own token
    cache relies on that too), so the dict's identity stands for its contents.
    """
    global _last_variables
    if _last_variables is None or _last_variables[0] is not variables:
        _last_variables = (variables, tuple(sorted(variables.items())))
    return _last_variables[1]


def install() -> bool:
    """Share parsed CSS between the apps of this process; return whether it was installed."""
    original = Stylesheet._parse_rules
    if getattr(original, "shared_cache", False):
        return True
    if list(inspect.signature(original).parameters) != EXPECTED_PARAMETERS:
        return False

    def _parse_rules(
        self: Stylesheet,
        css: str,
        read_from: tuple[str, str],
        is_default_rules: bool = False,
        tie_breaker: int = 0,
        scope: str = "",
    ) -> list:
        key = (css, read_from, is_default_rules, tie_breaker, scope)
        key += (_variables_key(self._variables),)
        try:
            return _parsed[key]
        except KeyError:
            pass
        rules = original(self, css, read_from, is_default_rules, tie_breaker, scope)
        _parsed[key] = rules
        return rules

    _parse_rules.shared_cache = True  # type: ignore[attr-defined]
    _parse_rules.__wrapped__ = original  # type: ignore[attr-defined]
    Stylesheet._parse_rules = _parse_rules  # type: ignore[method-assign]
    return True
