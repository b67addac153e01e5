"""A compact button for the mouse that never takes focus, so the table's keys stay the table's."""

from textual.widgets import Button


class KeyButton(Button, can_focus=False):
    """Clicked with the mouse; its action is also bound to a key on the screen."""

    def __init__(self, label: str, action: str, *, id: str | None = None) -> None:
        super().__init__(label, action=f"screen.{action}", id=id or action, compact=True)
