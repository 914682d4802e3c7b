"""The play screen: the IC's board. It arranges the panels and hands each its part of the view."""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer

from sim.reading.view import View
from tui.store.session import ClosedSession
from tui.widgets import (
    AlertsPanel,
    CommandInput,
    EndPanel,
    PeoplePanel,
    RoomPanel,
    ServicesPanel,
    StatusBar,
    Suggestions,
    Timeline,
)


class PlayScreen(Screen):
    AUTO_FOCUS = "#command"

    def compose(self) -> ComposeResult:
        yield StatusBar(id="status")
        with Horizontal(id="board"):
            yield ServicesPanel(id="services")
            yield PeoplePanel(id="people")
        yield EndPanel(id="end")  # hidden until the end, when it takes the board's place
        with Horizontal(id="lower"):
            yield Timeline(id="timeline")
            with Vertical(id="side"):
                yield AlertsPanel(id="alerts")
                yield RoomPanel(id="room")
        yield Suggestions(id="suggestions")  # what Tab can complete, while the line has text
        yield CommandInput(id="command")
        yield Footer()

    def on_key(self, event: events.Key) -> None:
        """Typing always lands in the command line: a character typed while a panel has the focus
        (after a click on the timeline, say) goes to the line, which takes the focus back."""
        command = self.query_one(CommandInput)
        if command.disabled or command.has_focus or not event.is_printable or event.character is None:
            return
        event.stop()
        event.prevent_default()
        command.focus()
        command.insert_text_at_cursor(event.character)

    def show(self, view: View, speed: float, paused: bool) -> None:
        """Attributes down: each panel takes what it shows from the view."""
        self.query_one(StatusBar).show(view, speed, paused)
        self.query_one(ServicesPanel).show(view)
        self.query_one(PeoplePanel).show(view)
        self.query_one(AlertsPanel).show(view)
        self.query_one(RoomPanel).show(view)
        self.query_one(Timeline).show(view)
        self.query_one(CommandInput).show(view)  # the names Tab completes

    def on_command_input_hinted(self, message: CommandInput.Hinted) -> None:
        line = self.query_one(CommandInput)
        self.query_one(Suggestions).show(message.completion, message.chosen, above=line.region)

    def show_end(self, closed: ClosedSession) -> None:
        """The drill is over: the command line closes and the end panel says how to get back to the
        debrief (a screen of its own, over this one); the timeline takes the board's room."""
        panel = self.query_one(EndPanel)
        panel.closed = closed
        self.add_class("-ended")
        command = self.query_one(CommandInput)
        command.placeholder = "the drill has ended; d shows the debrief, ctrl+q quits"
        command.disabled = True
        self.query_one(Timeline).focus()  # so the arrow and page keys scroll the timeline

    # --- once the drill has ended: back to the debrief (tui/screens/debrief.py) -------------------

    BINDINGS = [Binding("d", "debrief", "Debrief")]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "debrief":
            return self.has_class("-ended")  # the key only exists once the drill has ended
        return True

    def action_debrief(self) -> None:
        self.app.show_debrief()
