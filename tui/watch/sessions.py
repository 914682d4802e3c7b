"""The console's main screen: a row per session of the data folder, live ones first.

Every cell is `Shown` text: trainee names and scenario ids come from recordings, and a table cell
given a plain string would read it as markup.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from sim.log.clock import format_clock
from tui.store.watch import ENDED, LEFT, LIVE, UNREADABLE, Row, Watchlist
from tui.watch.app import WatchApp
from tui.widgets.shown import Shown

COLUMNS = ("Trainee", "Scenario", "Clock", "Phase", "Severity", "Impact", "Late", "Score", "State")
HELP = "Enter: open a session (read-only)   i: inject into a live session   Ctrl+Q: quit"
STATE_STYLES = {LIVE: "bold green", ENDED: "dim", LEFT: "dim yellow", UNREADABLE: "bold red"}


def cells(row: Row) -> tuple[Shown, ...]:
    """The table's cells for `row`: severity as called, with the truth beside it when they differ."""
    severity = row.severity if row.severity == row.true_severity else f"{row.severity} (true {row.true_severity})"
    return (
        Shown(row.trainee, "bold"),
        Shown(row.scenario),
        Shown(format_clock(row.clock)),
        Shown(row.phase),
        Shown(severity),
        Shown(f"{row.impact:.0%}"),
        Shown(str(row.late), "bold red" if row.late else ""),
        Shown("-" if row.score is None else f"{row.score:.1f}"),
        Shown(f"{row.state}, quiet {row.quiet}m" if row.quiet else row.state, STATE_STYLES.get(row.state, "")),
    )


class SessionsScreen(Screen):
    """Every session of the folder; redrawn when a poll finds a change."""

    BINDINGS = [Binding("i", "inject", "Inject")]  # Enter is the table's: it selects the row (`_selected`)

    def __init__(self, watchlist: Watchlist) -> None:
        super().__init__()
        self.watchlist = watchlist

    def compose(self) -> ComposeResult:
        yield Static(Shown(f"Sessions in {self.watchlist.folder}"), id="sessions-head")
        yield DataTable(id="sessions-table", cursor_type="row", zebra_stripes=True)
        yield Static(Shown(HELP), id="sessions-help")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for name in COLUMNS:
            table.add_column(name, key=name)
        self.redraw()

    def on_screen_resume(self) -> None:
        self.redraw()  # polls went to the screen on top meanwhile

    @on(WatchApp.Polled)
    def _polled(self, event: WatchApp.Polled) -> None:
        if event.changed:
            self.redraw()

    def redraw(self) -> None:
        """The rows as the watchlist has them, the cursor kept on the session it was on."""
        table = self.query_one(DataTable)
        chosen = self.chosen_path()
        table.clear()
        for row in self.watchlist.rows():
            table.add_row(*cells(row), key=str(row.path))
        if chosen is not None and str(chosen) in table.rows:
            table.move_cursor(row=table.get_row_index(str(chosen)))

    def chosen_path(self):
        table = self.query_one(DataTable)
        if table.row_count == 0:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return next((p for p in self.watchlist.sessions if str(p) == key), None)

    def action_open(self) -> None:
        from tui.watch.session import SessionScreen

        path = self.chosen_path()
        if path is not None:
            self.app.push_screen(SessionScreen(self.watchlist.sessions[path]))

    def action_inject(self) -> None:
        path = self.chosen_path()
        if path is None:
            return
        session = self.watchlist.sessions[path]
        if not session.live or session.loaded is None:
            self.notify(f"Injects go to live sessions only; this one is {session.row.state}", severity="warning", markup=False)
            return
        from tui.watch.inject import InjectScreen

        self.app.push_screen(InjectScreen(session))

    @on(DataTable.RowSelected)
    def _selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open()
