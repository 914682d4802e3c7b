"""The status-update form (F6, or /update sent with no text): the template's three parts, impact,
actions and next update, prefilled from the view for the trainee to correct.

Enter in any field (or Ctrl+S) dismisses the form with ``/update <text>``, which the app sends as
if typed; Esc cancels. The fields are plain text: what is typed is shown and sent as typed,
control characters made visible.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from tui.forms_text import update_prefill, update_text
from tui.widgets.command_input import PlainInput
from tui.widgets.shown import Shown

if TYPE_CHECKING:
    from sim.reading.view import View

FIELDS = (("impact", "Impact"), ("actions", "Actions"), ("next", "Next update"))


class UpdateForm(ModalScreen[str | None]):
    """Dismissed with the /update command, or None (Esc); the clock waits meanwhile."""

    BINDINGS = [
        Binding("escape", "cancel", "Back to the drill"),
        Binding("ctrl+s", "send", "Send", priority=True),
    ]

    def __init__(self, view: View) -> None:
        super().__init__()
        self.prefill = update_prefill(view)

    def compose(self) -> ComposeResult:
        with Vertical(id="update-box") as box:
            box.border_title = "Status update"
            box.border_subtitle = "Enter or Ctrl+S sends; Tab moves between fields; Esc cancels"
            for (name, label), value in zip(FIELDS, self.prefill):
                yield Label(Shown(label, "bold"), id=f"update-{name}-label")
                yield PlainInput(value, id=f"update-{name}", select_on_focus=False)
            yield Static(self._preview(*self.prefill), id="update-preview")

    def on_mount(self) -> None:
        first = self.query_one("#update-impact", PlainInput)
        first.focus()
        first.cursor_position = len(first.value)

    def parts(self) -> tuple[str, str, str]:
        impact, actions, upcoming = (self.query_one(f"#update-{name}", PlainInput).value for name, _ in FIELDS)
        return impact, actions, upcoming

    @staticmethod
    def _preview(*parts: str) -> Shown:
        text = Shown()
        text.append("sends: ", "dim")
        body = update_text(*parts)
        text.append(f"/update {body}" if body else "(nothing to send: write the update)")
        return text

    def on_input_changed(self, event: Input.Changed) -> None:
        previews = self.query("#update-preview")
        if previews and len(self.query(PlainInput)) == len(FIELDS):  # not while the fields are being mounted
            previews.first(Static).update(self._preview(*self.parts()))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_send()

    def action_send(self) -> None:
        body = update_text(*self.parts())
        if body:  # an empty update is nothing to send: the form stays for the trainee to write one
            self.dismiss(f"/update {body}")

    def action_cancel(self) -> None:
        self.dismiss(None)
