"""One session, read-only: its timeline so far as the post-incident report tells it, following it as it grows.

The lines come from the recording (names, findings, what the trainee typed): they are `Shown`,
never markup.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, RichLog, Static

from sim.log.clock import format_clock
from tui.store.watch import SessionWatch
from tui.watch.app import WatchApp
from tui.watch.sessions import cells
from tui.widgets.shown import Shown


class SessionScreen(Screen):
    """The timeline of `session`; Esc goes back to the list, i sends it an inject."""

    BINDINGS = [Binding("escape", "app.pop_screen", "Back"), Binding("i", "inject", "Inject")]

    def __init__(self, session: SessionWatch) -> None:
        super().__init__()
        self.session = session
        self.shown: list[tuple[int, str]] = []  # the timeline lines on screen
        self.version = -1
        self._row = None

    def compose(self) -> ComposeResult:
        yield Static(id="session-head")
        yield RichLog(id="session-log", wrap=True, markup=False, auto_scroll=True)
        yield Footer()

    def on_mount(self) -> None:
        self.redraw()

    @on(WatchApp.Polled)
    def _polled(self) -> None:
        if self.session.version != self.version or self.session.row != self._row:
            self.redraw()

    def redraw(self) -> None:
        """The head line afresh; the timeline's new lines appended (all of it again if it changed above)."""
        session = self.session
        self.version, self._row = session.version, session.row
        trainee, scenario, clock, phase, severity, impact, late, score, state = cells(session.row)
        head = Shown.assemble(
            trainee, " on ", scenario, "   ", clock, "   phase ", phase, "   severity ", severity,
            "   impact ", impact, "   late updates ", late, "   score ", score, "   ", state,
        )
        if session.row.problem:
            head.append(f"\n{session.row.problem}", "red")
        self.query_one("#session-head", Static).update(head)
        lines = session.timeline()
        log = self.query_one(RichLog)
        if lines[: len(self.shown)] != self.shown:
            log.clear()
            self.shown = []
        for t, text in lines[len(self.shown) :]:
            log.write(Shown.assemble((format_clock(t), "dim"), " ", text))
        self.shown = lines

    def action_inject(self) -> None:
        from tui.watch.inject import InjectScreen

        if self.session.live and self.session.loaded is not None:
            self.app.push_screen(InjectScreen(self.session))
        else:
            self.notify("Injects go to live sessions only", severity="warning", markup=False)
