"""cardgame's own theme: warm, low-glare colours for a table in the evening."""

from textual.theme import Theme

EVENING = Theme(
    name="cardgame-evening",
    primary="#E8A87C",
    secondary="#85CDCA",
    accent="#C38D9E",
    warning="#E8C07C",
    error="#D9777A",
    success="#8FC1A9",
    foreground="#F3EDE4",
    background="#211C22",
    surface="#2C252D",
    panel="#3A3039",
    dark=True,
    variables={
        "footer-key-foreground": "#E8A87C",
        "card-foreground": "#1E1A1D",
    },
)
