"""The trainee's name, asked the first time (and when they ask to change it from the picker).

The name files their sessions in the progress history and is written into each recording; the
app remembers it in the data folder (`tui.store.settings`).
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from tui.store.settings import MAX_NAME, name_problem
from tui.widgets.shown import Shown

QUESTION = (
    "What is your name? Your drills are recorded and scored under it, and the picker shows your "
    "best score on each scenario. You can change it later from the picker (n)."
)


class NameScreen(ModalScreen[str | None]):
    """Dismissed with the name typed, or None when the player leaves it (Esc) as it was."""

    AUTO_FOCUS = "#name-input"
    BINDINGS = [Binding("escape", "leave", "Keep as it was")]

    def __init__(self, current: str) -> None:
        super().__init__()
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(id="name-box"):
            yield Static(QUESTION, markup=False)
            yield Input(value=self.current, max_length=MAX_NAME, id="name-input")
            yield Static("", markup=False, id="name-problem")
            yield Static("Enter: keep this name   Esc: leave it as it was", markup=False, id="name-keys")

    @on(Input.Submitted, "#name-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        name = event.value.strip()
        problem = name_problem(name)
        if problem is not None:
            self.query_one("#name-problem", Static).update(Shown(f"The name {problem}."))
            return
        self.dismiss(name)

    def action_leave(self) -> None:
        self.dismiss(None)
