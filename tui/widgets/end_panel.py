"""The panel that appears when the drill ends: the outcome, the scorecard beside par, the three
things to improve first, and where the recording is.

The app hands it the closed session (`tui.store.session.ClosedSession`) at once, and par when the
expert bot has played the same seed (in a worker). Everything from the scenario, the log or the
file system goes in as `Shown` text: never markup, control characters drawn as escapes.
"""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.reactive import reactive
from textual.widgets import Static

from sim.log.clock import format_clock, format_duration
from sim.reading.outcome import Outcome
from sim.reading.scoring.card import Dimension, Scorecard
from sim.reading.scoring.debrief import to_improve
from tui.store.session import ClosedSession
from tui.widgets.shown import Shown

PAR_PENDING = "par: the expert bot is playing the same seed..."


def outcome_text(result: Outcome) -> Shown:
    text = Shown()
    text.append(f"Ended at {format_clock(result.ended_at)} ({result.ended_by}).  ")
    if result.resolved:
        text.append("RESOLVED", style="bold green")
    else:
        text.append("NOT resolved", style="bold red")
    text.append("    time to mitigate: ")
    ttm = result.time_to_mitigate
    text.append(format_duration(ttm) if ttm is not None else "not mitigated", style="bold")
    text.append("    customer-impact-minutes: ")
    text.append(f"{result.customer_impact_minutes:.1f}", style="bold")
    return text


def _score(d: Dimension) -> Shown:
    return Shown(f"{d.score:.1f}") if d.judged else Shown("n/a", style="dim")


def _diff(points: float) -> Shown:
    return Shown(f"{points:+.1f}", style="green" if points >= 0.05 else "red" if points <= -0.05 else "dim")


def score_line(card: Scorecard, par: Scorecard | None, par_note: str | None) -> Shown:
    text = Shown.assemble(("Score ", "bold"), (f"{card.overall:.1f}", "bold cyan"), " / 100")
    if par is not None:
        text.append_text(Shown.assemble("   par ", (f"{par.overall:.1f}", "bold"), (" (expert bot, same seed)", "dim")))
    elif par_note:
        text.append_text(Shown(f"\n{par_note}", style="dim italic"))
    return text


def scores_table(card: Scorecard, par: Scorecard | None) -> Table:
    """Each dimension's score beside par's, and the overall score last."""
    table = Table(box=None, pad_edge=False, header_style="bold dim")
    table.add_column("dimension", no_wrap=True)
    table.add_column("you", justify="right", no_wrap=True)
    table.add_column("par", justify="right", no_wrap=True)
    table.add_column("diff", justify="right", no_wrap=True)
    table.add_column("weight", justify="right", no_wrap=True, style="dim")
    pending = Shown("…", style="dim")
    for d in card.dimensions:
        p = par.dimension(d.name) if par is not None else None
        table.add_row(
            Shown(d.name),
            _score(d),
            _score(p) if p is not None else pending,
            _diff(d.score - p.score) if p is not None and d.judged and p.judged else Shown(""),
            f"{d.weight:g}",
        )
    table.add_row(
        Shown("overall", style="bold"),
        Shown(f"{card.overall:.1f}", style="bold"),
        Shown(f"{par.overall:.1f}", style="bold") if par is not None else pending,
        _diff(card.overall - par.overall) if par is not None else Shown(""),
        "",
    )
    if not all(d.judged for d in card.dimensions) or (par is not None and not all(d.judged for d in par.dimensions)):
        table.caption = Shown("n/a: nothing to judge in that run; not counted", style="dim")
        table.caption_justify = "left"
    return table


def improvements_text(card: Scorecard) -> Shown:
    """The three largest deductions from different dimensions, as the debrief ranks them."""
    text = Shown()
    text.append("Three things to improve first\n", style="bold")
    improve = to_improve(card)
    if not improve:
        text.append("Nothing lost: a clean run.", style="green")
    for n, (d, f, more) in enumerate(improve, start=1):
        if n > 1:
            text.append("\n")
        text.append(f"{n}. ", style="bold")
        text.append(f"[{d.name} {f.points:+.1f}] ", style="yellow")
        text.append(f.text)
        if more:
            text.append(f" (and {more} more in {d.name})", style="dim")
    return text


def recording_text(closed: ClosedSession) -> Shown:
    """Where the session is, and the commands that show more (as `icdrill play` prints on leaving)."""
    path = closed.recording
    if path is None:
        if closed.recorded:
            return Shown("This session could not be recorded (see the timeline).", style="dim")
        return Shown("This session was not recorded.", style="dim")
    text = Shown()
    text.append("Recorded as ", style="bold")
    text.append(str(path))
    text.append("\n  ")
    text.append(f"icdrill score {path}", style="cyan")
    text.append("    # the scorecard and full debrief", style="dim")
    text.append("\n  ")
    text.append(f"icdrill report {path}", style="cyan")
    text.append("   # the post-incident report", style="dim")
    return text


def subtitle(closed: ClosedSession) -> str:
    """The panel's bottom border: the score, and the recording's file name."""
    parts = [f"score {closed.card.overall:.0f}/100"]
    if closed.recording is not None:
        parts.append(f"recorded as {closed.recording.name}")
    return " · ".join(parts)


class EndPanel(VerticalScroll):
    """Hidden until `closed` is set; par fills in when it is known."""

    BORDER_TITLE = "Drill ended  (ctrl+q quits)"

    closed: reactive[ClosedSession | None] = reactive(None, recompose=True)
    par: reactive[Scorecard | None] = reactive(None, recompose=True)
    par_note: reactive[str | None] = reactive(PAR_PENDING, recompose=True)

    def compose(self) -> ComposeResult:
        if self.closed is None:
            return
        card = self.closed.card
        yield Static(outcome_text(self.closed.outcome), id="end-outcome")
        with Horizontal(id="end-columns"):
            yield Static(Group(score_line(card, self.par, self.par_note), scores_table(card, self.par)), id="end-scores")
            yield Static(improvements_text(card), id="end-improve")
        yield Static(recording_text(self.closed), id="end-recording")

    def watch_closed(self, closed: ClosedSession | None) -> None:
        self.set_class(closed is not None, "-shown")
        self.border_subtitle = subtitle(closed) if closed is not None else None
