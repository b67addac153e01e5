"""A compact button for the mouse that never takes focus, so the table's keys stay the table's."""

from textual.widgets import Button


class KeyButton(Button, can_focus=False):
    """Clicked with the mouse; its action is also bound to a key on the screen."""

    def __init__(self, label: str, action: str, *, id: str | None = None) -> None:
        super().__init__(label, action=f"screen.{action}", id=id or action, compact=True)

    def show_action(self, label: str, action: str) -> None:
        """Change what the button says and does (Pause ⇄ Resume); nothing if already so."""
        if str(self.label) != label:
            self.label = label
            self.refresh(layout=True)  # a compact button's width follows its label
        self.action = f"screen.{action}"

    def show(self, shown: bool) -> None:
        """Show or hide; setting ``display`` to what it already is would still cost a reflow."""
        if self.display != shown:
            self.display = shown
