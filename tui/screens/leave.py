"""Asked before Ctrl+Q abandons a drill that is still running: one stray key must not end it."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

QUESTION = (
    "Leave this drill before it ends? What you played so far stays in the recording, "
    "but an unfinished drill is not scored and does not count in your history."
)


class LeaveScreen(ModalScreen[bool]):
    """Dismissed with True to leave the drill, False to go back to it; the clock waits meanwhile."""

    BINDINGS = [
        Binding("y", "leave", "Leave"),
        Binding("n,escape", "stay", "Back to the drill"),
        Binding("ctrl+q", "leave", "Leave", show=False, priority=True),  # a second Ctrl+Q means it
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="leave-box"):
            yield Static(QUESTION, markup=False)
            yield Static("y: leave   n or Esc: back to the drill   (Ctrl+Q again also leaves)", markup=False, id="leave-keys")

    def action_leave(self) -> None:
        self.dismiss(True)

    def action_stay(self) -> None:
        self.dismiss(False)
