"""Sending a live session an inject: one of its scenario's optional injects, or a message from a named person.

Both go through `tui.store.injects.send_inject`, the one path to a running game: it checks the
request against the session and says in one line why it refuses one, which is shown here; the
screen stays open so the facilitator can send something else. Names and titles come from the
scenario and the recording: every label is `Shown`.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Select, Static
from textual.widgets.option_list import Option

from tui.store.injects import inject_choices, send_inject
from tui.store.watch import SessionWatch
from tui.widgets.shown import Shown

MAX_SAY = 500  # characters: a message in a chat, not a briefing


class InjectScreen(ModalScreen[str | None]):
    """Dismissed with what was sent (for the notification), or None when left with Esc."""

    BINDINGS = [Binding("escape", "leave", "Back")]
    AUTO_FOCUS = "#inject-list"

    def __init__(self, session: SessionWatch) -> None:
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        row = self.session.row
        choices = inject_choices(self.session.loaded)
        with Vertical(id="inject-box"):
            yield Static(Shown.assemble("Inject into ", (row.trainee, "bold"), "'s session of ", row.scenario))
            yield Static(Shown("The scenario's injects (Enter sends one):" if choices else "The scenario declares no injects."))
            yield OptionList(*(Option(Shown.assemble((i, "bold"), "  ", title), id=i) for i, title in choices), id="inject-list")
            yield Static(Shown("Or a message from someone in the session (Enter in the text sends it):"))
            people = [(Shown(name), person) for person, name in self.session.people()]
            yield Select(people, prompt="who says it", id="say-from")
            yield Input(placeholder="what they say", max_length=MAX_SAY, id="say-text")
            yield Static("", id="inject-problem")
            yield Static(Shown("Esc: back to the sessions"))

    @on(OptionList.OptionSelected, "#inject-list")
    def _inject_chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.send({"inject": event.option.id}, f"inject {event.option.id}")

    @on(Input.Submitted, "#say-text")
    def _say_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        person = self.query_one("#say-from", Select).value
        if person is Select.BLANK:
            self.refuse("choose who says it first")
            return
        self.send({"say": {"from": person, "text": event.value}}, f"a message from {person}")

    def send(self, request: dict, what: str) -> None:
        """Send `request` by the console's one path; stay open with the reason when it is refused."""
        problem = send_inject(self.session.path, request)
        if problem is not None:
            self.refuse(problem)
            return
        self.app.notify(f"Sent {what} to {self.session.row.trainee}; the game takes it at its next tick", markup=False)
        self.dismiss(what)

    def refuse(self, problem: str) -> None:
        self.query_one("#inject-problem", Static).update(Shown(f"Not sent: {problem}"))

    def action_leave(self) -> None:
        self.dismiss(None)
