"""The play screen: the IC's board. It arranges the panels and hands each its part of the view.

Two layouts, one set of panels. On a roomy terminal (120x40) the service map and the people sit
on top, the timeline (with the DMs in a second tab) below beside the alerts, the room and the task
board. On a small one (80x24, class `-narrow`) the map and the people leave the screen to the
timeline, the room and the tasks; F8 swaps them in (map, people, tasks) and back. In both, F8
takes the keys to the map and back to the command line.

It also draws the IC's eyes: each time the view shows a new thing needing them (the page, a
question, the executive's request, a disagreement: `tui.widgets.attention`) the terminal bell
rings once, the header and the room flash, and, with "pause on page" on (F7), the clock pauses
(for the page and for each new thing in the room alike: at 30x a question lapses fast too).
"""

from __future__ import annotations

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, TabbedContent, TabPane

from sim.reading.view import View
from tui.screens.service_detail import ServiceDetailScreen
from tui.store.session import ClosedSession
from tui.widgets import (
    AlertsPanel,
    CommandInput,
    DmsLog,
    EndPanel,
    PeoplePanel,
    RoomPanel,
    ServiceMap,
    StatusBar,
    Suggestions,
    TaskBoard,
    Timeline,
)
from tui.widgets.attention import attention_keys, new_attention

NARROW_BELOW = (100, 30)  # columns, rows: under either, the small layout
FLASH_SECONDS = 1.0


class PlayScreen(Screen):
    AUTO_FOCUS = "#command"
    BINDINGS = [
        Binding("f7", "toggle_pause_on_page", "Pause on page", show=False),  # the header says when it is on
        Binding("f8", "toggle_board", "Map"),
        Binding("f9", "toggle_dms", "DMs"),
        Binding("d", "debrief", "Debrief"),  # once the drill has ended: back to the debrief
    ]

    def __init__(self) -> None:
        super().__init__()
        self.pause_on_page = False  # F7: a page, or a new thing in the room, pauses the clock
        self._attention: frozenset[str] = frozenset()
        self._last_view: View | None = None
        self._clock: tuple[float, bool] = (1.0, False)  # speed, paused: as last shown

    def compose(self) -> ComposeResult:
        yield StatusBar(id="status")
        with Horizontal(id="board"):
            yield ServiceMap(id="map")
            with VerticalScroll(id="crew"):
                yield PeoplePanel(id="people")
                yield TaskBoard(id="tasks-board")  # the task board's place in the small layout
        yield EndPanel(id="end")  # hidden until the end, when it takes the board's place
        with Horizontal(id="lower"):
            with TabbedContent(id="tabs"):
                with TabPane("Timeline", id="tab-timeline"):
                    yield Timeline(id="timeline")
                with TabPane("DMs", id="tab-dms"):
                    yield DmsLog(id="dms")
            with Vertical(id="side"):
                yield AlertsPanel(id="alerts")
                yield RoomPanel(id="room")
                yield TaskBoard(id="tasks")
        yield Suggestions(id="suggestions")  # what Tab can complete, while the line has text
        yield CommandInput(id="command")
        yield Footer(compact=True)  # at 80 columns every key shown fits

    def on_resize(self, event: events.Resize) -> None:
        width, height = event.size
        self.set_class(width < NARROW_BELOW[0] or height < NARROW_BELOW[1], "-narrow")
        if not self.has_class("-narrow"):
            self.remove_class("-board")  # grown back: everything is on screen again

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
        self._last_view, self._clock = view, (speed, paused)
        if self._attend(view, paused):
            return  # the clock was paused for the page, and the view shown again with it
        self.query_one(StatusBar).show(view, speed, paused, self.pause_on_page)
        self.query_one(ServiceMap).show(view)
        self.query_one(PeoplePanel).show(view)
        for board in self.query(TaskBoard):
            board.show(view)
        self.query_one(AlertsPanel).show(view)
        self.query_one(RoomPanel).show(view)
        self.query_one(Timeline).show(view)
        self._show_dms(view)
        self.query_one(CommandInput).show(view)  # the names Tab completes

    # --- attention ------------------------------------------------------------------------------

    def _attend(self, view: View, paused: bool) -> bool:
        """Bell and flash once per new thing needing the IC; True when it paused the clock (F7)."""
        keys = attention_keys(view)
        new = new_attention(self._attention, keys)
        self._attention = keys
        if not new:
            return False
        for _ in new:
            self.app.bell()
        for name in ("#status", "#room"):
            widget = self.query_one(name)
            widget.add_class("-flash")
            self.set_timer(FLASH_SECONDS, lambda w=widget: w.remove_class("-flash"))
        if self.pause_on_page and not paused:
            self.app.paused = True  # the app shows the view again, paused; F2 resumes
            return True
        return False

    def action_toggle_pause_on_page(self) -> None:
        self.pause_on_page = not self.pause_on_page
        if self._last_view is not None:
            self.query_one(StatusBar).show(self._last_view, *self._clock, self.pause_on_page)
        self.notify("a page or a new question will pause the clock" if self.pause_on_page else "the clock runs on through pages",
                    title="Pause on page", timeout=3)

    # --- panes ----------------------------------------------------------------------------------

    def action_toggle_board(self) -> None:
        """F8: to the service map (arrows move, Enter opens a service) and back to the command line.
        In the small layout the map, people and tasks take the timeline's place meanwhile."""
        tree = self.query_one(ServiceMap)
        going = not (self.has_class("-board") if self.has_class("-narrow") else tree.has_focus)
        self.set_class(going and self.has_class("-narrow"), "-board")
        if going:
            tree.focus()
            if tree.cursor_line < 0:
                tree.cursor_line = 0  # a node lit from the start: Enter opens it
        else:
            self.query_one(CommandInput).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "toggle_board":
            return not self.has_class("-ended")
        if action == "debrief":
            return self.has_class("-ended")  # the key only exists once the drill has ended
        return True

    def action_toggle_dms(self) -> None:
        """F9: the DMs tab and back to the timeline (a click on the tab does the same)."""
        tabs = self.query_one(TabbedContent)
        tabs.active = "tab-timeline" if tabs.active == "tab-dms" else "tab-dms"
        self.remove_class("-board")  # in the small layout, the tabs come back into sight

    @on(ServiceMap.Chosen)
    def _service_chosen(self, message: ServiceMap.Chosen) -> None:
        if self._last_view is not None and message.service in self._last_view.catalog.services:
            self.app.push_screen(ServiceDetailScreen(self._last_view, message.service))

    def _show_dms(self, view: View) -> None:
        dms = self.query_one(DmsLog)
        dms.show(view)
        tabs = self.query_one(TabbedContent)
        if tabs.active == "tab-dms":
            dms.mark_read()
        tabs.get_tab("tab-dms").label = f"DMs · {dms.unread} unread" if dms.unread else "DMs"

    @on(TabbedContent.TabActivated)
    def _tab_shown(self, event: TabbedContent.TabActivated) -> None:
        if event.pane.id == "tab-dms":
            self.query_one(DmsLog).mark_read()
            event.tabbed_content.get_tab("tab-dms").label = "DMs"
        self.query_one(CommandInput).focus()  # the tabs are for looking: typing stays in the line

    def on_command_input_hinted(self, message: CommandInput.Hinted) -> None:
        line = self.query_one(CommandInput)
        self.query_one(Suggestions).show(message.completion, message.chosen, above=line.region)

    def show_end(self, closed: ClosedSession) -> None:
        """The drill is over: the command line closes and the end panel says how to get back to the
        debrief (a screen of its own, over this one); the timeline takes the board's room."""
        panel = self.query_one(EndPanel)
        panel.closed = closed
        self.add_class("-ended")
        self.remove_class("-board")
        command = self.query_one(CommandInput)
        command.placeholder = "the drill has ended; d shows the debrief, ctrl+q quits"
        command.disabled = True
        self.query_one(Timeline).focus()  # so the arrow and page keys scroll the timeline

    # --- once the drill has ended: back to the debrief (tui/screens/debrief.py) -------------------

    def action_debrief(self) -> None:
        self.app.show_debrief()
