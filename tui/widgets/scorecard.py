"""The scorecard as the debrief shows it: the outcome, the score beside par, what to improve first,
what went well, and every dimension's findings with the log entries behind each (the evidence:
sim time, seq and what happened), as ``icdrill score --evidence`` prints them.

Pure functions returning `Shown` or a rich `Table`; everything from the scenario, the log or the
file system goes in as plain strings (never markup), control characters drawn as escapes.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Group
from rich.padding import Padding
from rich.table import Table

from sim.log.clock import format_clock, format_duration
from sim.log.eventlog import Entry
from sim.reading.outcome import Outcome
from sim.reading.scoring.card import Dimension, Scorecard
from sim.reading.scoring.debrief import to_improve, went_well
from sim.reading.scoring.evidence import Evidence, evidence_line
from tui.store.session import ClosedSession
from tui.widgets.shown import Shown

PAR_PENDING = "par: playing… (the expert bot plays the same seed)"


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
        text.append_text(Shown(f"   {par_note}", style="dim italic"))
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


def missed_text(missed: str | None) -> Shown:
    """For a drill that ended with customers still affected: the step that was missed."""
    text = Shown()
    if missed is not None:
        text.append("Customers were still affected at the end. ", style="bold red")
        text.append(f"The step that was missed: {missed}.")
    return text


def _list() -> Table:
    """Two columns, the marker and the text, so that a long line wraps under its own text."""
    grid = Table.grid(padding=(0, 1), expand=True)
    grid.add_column(no_wrap=True, justify="right")
    grid.add_column(ratio=1, overflow="fold")  # a long word (a 10 kB line) wraps, never cut
    return grid


def improvements_text(card: Scorecard) -> Group:
    """The three largest deductions from different dimensions, as the debrief ranks them."""
    improve = to_improve(card)
    if not improve:
        return Group(Shown("Three things to improve first", style="bold"), Shown("Nothing lost: a clean run.", style="green"))
    grid = _list()
    for n, (d, f, more) in enumerate(improve, start=1):
        line = Shown()
        line.append(f"[{d.name} {f.points:+.1f}] ", style="yellow")
        line.append(f.text)
        if more:
            line.append(f" (and {more} more in {d.name})", style="dim")
        grid.add_row(Shown(f"{n}.", style="bold"), line)
    return Group(Shown("Three things to improve first", style="bold"), grid)


def well_text(card: Scorecard) -> Group:
    """The largest credits, as the debrief's "what went well" lists them."""
    well = went_well(card)
    if not well:
        return Group(Shown("What went well", style="bold"), Shown("Nothing yet earned full credit. Start with the list above.", style="dim"))
    grid = _list()
    for d, f in well:
        line = Shown()
        line.append(f"[{d.name} {f.points:+.1f}] ", style="green")
        line.append(f.text)
        grid.add_row(Shown("+", style="bold green"), line)
    return Group(Shown("What went well", style="bold"), grid)


def _evidence(grid: Table, log: Evidence, seqs) -> None:
    """The log entries behind a finding, under its text, each wrapping under itself."""
    for item in log.of(seqs):
        grid.add_row(Shown(""), Padding(Shown(evidence_line(item), style="dim"), (0, 0, 0, 2)))


def findings_text(card: Scorecard, par: Scorecard | None, entries: Sequence[Entry]) -> Group:
    """Every dimension, its score beside par's, each finding with its points and the log entries
    that prove it (indented under it, one a line), then the caps on the overall score with theirs."""
    log = Evidence(entries)
    head = Shown()
    head.append("Every finding, with its evidence", style="bold")
    head.append("  (the log entries behind each point: sim time, #seq, what happened)", style="dim")
    parts: list = [head]
    for d in card.dimensions:
        title = Shown()
        title.append(d.name, style="bold underline")
        title.append("  ")
        title.append(f"{d.score:.1f}/100" if d.judged else "n/a", style="bold cyan")
        title.append(f"  weight {d.weight:g}", style="dim")
        if par is not None:
            title.append(f"  par {_score(par.dimension(d.name)).plain}", style="dim")
        grid = _list()
        for finding in d.findings:
            points = f"{finding.points:+.1f}" if finding.points else ""
            style = "green" if finding.points > 0 else "red" if finding.points < 0 else "dim"
            grid.add_row(Shown(f"{points:>6}", style=style), Shown(finding.text))
            _evidence(grid, log, finding.seqs)
        parts += [Shown(""), title, grid]
    if card.caps:
        grid = _list()
        for cap in card.caps:
            grid.add_row(Shown(f"at most {cap.limit:g}", style="bold red"), Shown(cap.text))
            _evidence(grid, log, cap.seqs)
        parts += [Shown(""), Shown("Caps on the overall score", style="bold underline"), grid]
    return Group(*parts)


def recording_text(closed: ClosedSession) -> Shown:
    """Where the session is, and the commands that show more (as `icdrill play` prints on leaving);
    then what went wrong closing it (a recording cut short, a history that cannot be written)."""
    path = closed.recording
    text = Shown()
    if path is None:
        said = "This session could not be recorded (the timeline says why: Esc shows it)." if closed.recorded else "This session was not recorded."
        text.append(said, style="dim")
    else:
        text.append("Recorded as ", style="bold")
        text.append(str(path))
        text.append("\n  ")
        text.append(f"icdrill score {path}", style="cyan")
        text.append("    # the scorecard and full debrief", style="dim")
        text.append("\n  ")
        text.append(f"icdrill report {path}", style="cyan")
        text.append("   # the post-incident report", style="dim")
    for warning in closed.warnings:
        text.append("\n")
        text.append(f"icdrill: {warning}", style="yellow")
    return text
