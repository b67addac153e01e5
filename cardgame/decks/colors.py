"""The colours a deck's ``color`` may use: exactly what Textual's ``Color.parse`` accepts.

Kept here, not imported from Textual, so that ``cardgame validate`` never loads Textual. The
grammar below mirrors ``textual.color.RE_COLOR`` piece by piece (including its quirks: ``\\d`` is
any Unicode digit, ``$`` allows one trailing newline, no spaces around the whole value), and
``tests/unit/test_deck_colours.py`` compares ``is_color`` with ``Color.parse`` on a generated
corpus, so a colour ``validate`` accepts never crashes the card view.
"""

from __future__ import annotations

import math
import re

# CSS colour names Textual knows (lower case, as written).
_CSS_NAMES = """
    aliceblue antiquewhite aqua aquamarine azure beige bisque black blanchedalmond blue
    blueviolet brown burlywood cadetblue chartreuse chocolate coral cornflowerblue cornsilk
    crimson cyan darkblue darkcyan darkgoldenrod darkgray darkgreen darkgrey darkkhaki
    darkmagenta darkolivegreen darkorange darkorchid darkred darksalmon darkseagreen
    darkslateblue darkslategray darkslategrey darkturquoise darkviolet deeppink deepskyblue
    dimgray dimgrey dodgerblue firebrick floralwhite forestgreen fuchsia gainsboro
    ghostwhite gold goldenrod gray green greenyellow grey honeydew hotpink indianred indigo
    ivory khaki lavender lavenderblush lawngreen lemonchiffon lightblue lightcoral lightcyan
    lightgoldenrodyellow lightgray lightgreen lightgrey lightpink lightsalmon lightseagreen
    lightskyblue lightslategray lightslategrey lightsteelblue lightyellow lime limegreen
    linen magenta maroon mediumaquamarine mediumblue mediumorchid mediumpurple
    mediumseagreen mediumslateblue mediumspringgreen mediumturquoise mediumvioletred
    midnightblue mintcream mistyrose moccasin navajowhite navy oldlace olive olivedrab
    orange orangered orchid palegoldenrod palegreen paleturquoise palevioletred papayawhip
    peachpuff peru pink plum powderblue purple rebeccapurple red rosybrown royalblue
    saddlebrown salmon sandybrown seagreen seashell sienna silver skyblue slateblue
    slategray slategrey snow springgreen steelblue tan teal thistle tomato turquoise violet
    wheat white whitesmoke yellow yellowgreen
    """
_ANSI_NAMES = (
    "black red green yellow blue magenta cyan white bright_black bright_red bright_green "
    "bright_yellow bright_blue bright_magenta bright_cyan bright_white"
)
CSS_COLORS = frozenset(_CSS_NAMES.split())
SPECIAL_COLORS = frozenset(
    {"transparent", "ansi_default", *(f"ansi_{name}" for name in _ANSI_NAMES.split())}
)
NAMED_COLORS = CSS_COLORS | SPECIAL_COLORS

# The pieces of textual.css.tokenize that textual.color.RE_COLOR is made of.
PERCENT = r"-?\d+\.?\d*%"
DECIMAL = r"-?\d+\.?\d*"
COMMA = r"\s*,\s*"
OPEN = r"\(\s*"
CLOSE = r"\s*\)"
HEX = r"#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})"
RGB = rf"rgb{OPEN}({DECIMAL}{COMMA}{DECIMAL}{COMMA}{DECIMAL}){CLOSE}"
RGBA = rf"rgba{OPEN}({DECIMAL}{COMMA}{DECIMAL}{COMMA}{DECIMAL}){COMMA}{DECIMAL}{CLOSE}"
HSL = rf"hsl{OPEN}{DECIMAL}{COMMA}{PERCENT}{COMMA}{PERCENT}{CLOSE}"
HSLA = rf"hsla{OPEN}{DECIMAL}{COMMA}{PERCENT}{COMMA}{PERCENT}{COMMA}{DECIMAL}{CLOSE}"
COLOR_FORMS = rf"{HEX}|{RGB}|{RGBA}|{HSL}|{HSLA}"  # what the JSON Schema's pattern is built from
_COLOR = re.compile(rf"(?:{HEX}$|{RGB}$|{RGBA}$|{HSL}$|{HSLA}$)")


def is_color(value: str) -> bool:
    """True when Textual's ``Color.parse(value)`` returns a colour rather than raising."""
    if value in NAMED_COLORS:
        return True
    match = _COLOR.match(value)
    if match is None:
        return False
    channels = match.group(1) or match.group(2)
    if channels:  # rgb()/rgba() turn each channel into an int: an infinite one cannot be
        return all(math.isfinite(float(part)) for part in channels.split(","))
    return True
