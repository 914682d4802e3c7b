"""The debrief: its own screen when the drill ends, over the play screen (Esc goes back to the board
and its timeline; `d` there comes back here).

Four tabs, each scrolling on its own so that nothing is cut off at 80x24, the keys always in the
footer: the scorecard beside par with every finding's evidence (the full explanations of
``icdrill score --evidence``), the customer impact over time with the severity calls, the waits
between status updates against the cadence, and the drill's timeline as the report tells it.
`s` saves the Markdown post-incident report (`sim.reading.report`, the same text as ``icdrill
report``); `p` (or `b`) goes back to the picker when the app has one; `q` quits.

Par comes later (the expert bot plays the same seed in a worker): "par: playing…" until
`show_par`. Everything from the scenario, the log or the file system is `Shown` text, never markup.
"""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static, TabbedContent, TabPane

from sim.log.clock import format_clock
from sim.log.eventlog import Entry
from sim.reading.report import render_report
from sim.reading.scoring.card import Scorecard
from sim.scenario import LoadedScenario
from tui.debrief_data import DebriefData, debrief_data
from tui.store.reports import save_report
from tui.store.session import ClosedSession
from tui.widgets.charts import Sized, gap_chart, impact_chart
from tui.widgets.scorecard import (
    PAR_PENDING,
    findings_text,
    improvements_text,
    missed_text,
    outcome_text,
    recording_text,
    score_line,
    scores_table,
    well_text,
)
from tui.widgets.shown import Shown

TABS = ("score", "impact", "updates", "timeline")
AROUND_CHART = 16  # rows the impact tab needs besides the chart's own: summary, tabs, axis, legend, keys
CHART_ROWS = (6, 16)  # the impact chart's height: as the terminal allows, within these


def timeline_table(lines: tuple[tuple[int, str], ...]) -> Table:
    """The drill's story, one row a moment; what the IC could not see at the time is dimmed."""
    table = Table(box=None, pad_edge=False, show_header=False, expand=True)
    table.add_column("when", no_wrap=True, style="dim")
    table.add_column("what", ratio=1, overflow="fold")  # a long word (a 10 kB line) wraps, never cut
    for t, line in lines:
        table.add_row(format_clock(t), Shown(line, style="dim italic" if line.startswith("(hidden)") else ""))
    return table


def impact_caption() -> Shown:
    text = Shown()
    text.append("Customer impact over time", style="bold")
    text.append(": the true share of customers affected, as scored (not as the dashboards showed it)", style="dim")
    return text


def updates_caption(data: DebriefData) -> Shown:
    text = Shown()
    text.append("Status updates against the cadence", style="bold")
    text.append(": each wait for an update; allowed: the stricter of your severity and the true one", style="dim")
    for quiet in data.silent:
        text.append("\n")
        text.append(f"{format_clock(quiet.t)} ", style="dim")
        text.append("said nothing a stakeholder can use (no impact, no actions), so it did not count: ", style="yellow")
        text.append(quiet.text)
    return text


class DebriefScreen(Screen):
    """The scorecard, two charts and the timeline of a drill that has ended."""

    AUTO_FOCUS = "#debrief-score"
    BINDINGS = [
        Binding("s", "save_report", "Save report"),
        Binding("p,b", "picker", "Picker"),
        Binding("escape", "board", "Board"),
        Binding("1", "tab('score')", "Tabs", key_display="1-4"),
        Binding("2", "tab('impact')", show=False),
        Binding("3", "tab('updates')", show=False),
        Binding("4", "tab('timeline')", show=False),
        Binding("q", "app.quit", "Quit", show=False),  # the footer shows ctrl+q's
    ]

    def __init__(self, loaded: LoadedScenario, seed: int, entries: list[Entry], closed: ClosedSession) -> None:
        super().__init__()
        self.loaded, self.seed, self.entries, self.closed = loaded, seed, list(entries), closed
        self.data = debrief_data(loaded.scenario, self.entries)
        self.par: Scorecard | None = None
        self.par_note: str | None = PAR_PENDING
        self.saved: list = []  # the reports saved from here, in order
        self.chart_rows = CHART_ROWS[0]

    # --- what it shows ----------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        card = self.closed.card
        yield Static(self._summary(), id="debrief-summary")
        with TabbedContent(id="debrief-tabs", initial="tab-score"):
            with TabPane("1 Scorecard", id="tab-score"):
                with VerticalScroll(id="debrief-score", classes="debrief-pane"):
                    missed = Static(missed_text(self.data.missed), id="debrief-missed")
                    missed.display = self.data.missed is not None
                    yield missed
                    yield Static(self._scores(), id="debrief-scores")
                    yield Static(improvements_text(card), id="debrief-improve")
                    yield Static(well_text(card), id="debrief-well")
                    yield Static(findings_text(card, self.par, self.entries), id="debrief-findings")
                    yield Static(recording_text(self.closed), id="debrief-recording")
            with TabPane("2 Impact", id="tab-impact"):
                with VerticalScroll(id="debrief-impact", classes="debrief-pane"):
                    yield Static(impact_caption(), classes="debrief-caption")
                    data = self.data
                    yield Static(Sized(lambda width: impact_chart(data.impact, data.end, data.marks, width, self.chart_rows)), id="impact-chart")
            with TabPane("3 Updates", id="tab-updates"):
                with VerticalScroll(id="debrief-updates", classes="debrief-pane"):
                    yield Static(updates_caption(self.data), classes="debrief-caption")
                    data = self.data
                    yield Static(Sized(lambda width: gap_chart(data.gaps, width, data.grace)), id="gap-chart")
            with TabPane("4 Timeline", id="tab-timeline"):
                with VerticalScroll(id="debrief-timeline", classes="debrief-pane"):
                    yield Static(timeline_table(self.data.timeline), id="debrief-story")
        yield Static(Shown(""), id="debrief-status")
        yield Footer()

    def _summary(self) -> Group:
        return Group(outcome_text(self.closed.outcome), score_line(self.closed.card, self.par, self.par_note))

    def _scores(self) -> Table:
        return scores_table(self.closed.card, self.par)

    def on_resize(self, event) -> None:
        """The impact chart takes the height the terminal has to spare (8 rows at 80x24, 16 at 120x40)."""
        rows = max(CHART_ROWS[0], min(CHART_ROWS[1], event.size.height - AROUND_CHART))
        if rows != self.chart_rows:
            self.chart_rows = rows
            for chart in self.query("#impact-chart"):
                chart.refresh(layout=True)

    def show_par(self, par: Scorecard | None, note: str | None) -> None:
        """Par has been played (or could not be): put it beside every score."""
        self.par, self.par_note = par, note
        if not self.query("#debrief-summary"):
            return  # not composed yet: compose reads them
        self.query_one("#debrief-summary", Static).update(self._summary())
        self.query_one("#debrief-scores", Static).update(self._scores())
        self.query_one("#debrief-findings", Static).update(findings_text(self.closed.card, self.par, self.entries))

    def say(self, text: Shown) -> None:
        """A line above the footer: where the report went, or why not."""
        self.query_one("#debrief-status", Static).update(text)

    # --- keys --------------------------------------------------------------------------------------

    def action_tab(self, name: str) -> None:
        self.query_one(TabbedContent).active = f"tab-{name}"
        self.query_one(f"#debrief-{name}").focus()

    def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        """A tab chosen with the mouse: its pane takes the focus, so the arrow keys scroll it."""
        name = (event.pane.id or "").removeprefix("tab-")
        if name in TABS:
            self.query_one(f"#debrief-{name}").focus()

    def action_save_report(self) -> None:
        """The post-incident report, beside the recording (or in the reports folder); never over a file."""
        text = render_report(self.loaded.scenario, self.entries, self.closed.card, self.loaded.level)
        meta = self.loaded.scenario.scenario
        try:
            path = save_report(text, self.closed.recording, meta.id, self.seed)
        except OSError as err:
            self.say(Shown(f"The report could not be saved: {err.strerror or err}", style="bold red"))
            return
        self.saved.append(path)
        said = Shown("Report saved: ", style="bold green")
        said.append(str(path))
        self.say(said)

    def action_picker(self) -> None:
        self.app.back_to_picker()  # the next drill starts afresh there

    def action_board(self) -> None:
        """Back to the play screen: the board as the drill ended and its whole timeline."""
        if self.app.screen is self:
            self.app.pop_screen()
