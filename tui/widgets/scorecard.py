"""The scorecard as the debrief shows it: the outcome, the score beside par, what to improve first,
what went well, and every dimension's findings with the log entries behind each (the evidence:
sim time, seq and what happened), as ``icdrill score --evidence`` prints them.

Pure functions returning `Shown` or a rich `Table`; everything from the scenario, the log or the
file system goes in as plain strings (never markup), control characters drawn as escapes.
"""

from __future__ import annotations

from collections.abc import Sequence

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


def well_text(card: Scorecard) -> Shown:
    """The largest credits, as the debrief's "what went well" lists them."""
    text = Shown()
    text.append("What went well\n", style="bold")
    well = went_well(card)
    if not well:
        text.append("Nothing yet earned full credit. Start with the list above.", style="dim")
    for n, (d, f) in enumerate(well):
        if n:
            text.append("\n")
        text.append("+ ", style="bold green")
        text.append(f"[{d.name} {f.points:+.1f}] ", style="green")
        text.append(f.text)
    return text


def findings_text(card: Scorecard, par: Scorecard | None, entries: Sequence[Entry]) -> Shown:
    """Every dimension, its score beside par's, each finding with its points and the log entries
    that prove it (indented, one a line), then the caps on the overall score with theirs."""
    log = Evidence(entries)
    text = Shown()
    text.append("Every finding, with its evidence", style="bold")
    text.append("  (the log entries behind each point: sim time, #seq, what happened)", style="dim")
    for d in card.dimensions:
        text.append("\n\n")
        text.append(d.name, style="bold underline")
        text.append("  ")
        text.append(f"{d.score:.1f}/100" if d.judged else "n/a", style="bold cyan")
        text.append(f"  weight {d.weight:g}", style="dim")
        if par is not None:
            text.append(f"  par {_score(par.dimension(d.name)).plain}", style="dim")
        for finding in d.findings:
            text.append("\n")
            points = f"{finding.points:+6.1f}" if finding.points else "      "
            text.append(f"{points}  ", style="green" if finding.points > 0 else "red" if finding.points < 0 else "dim")
            text.append(finding.text)
            for item in log.of(finding.seqs):
                text.append("\n        ")
                text.append(evidence_line(item), style="dim")
    if card.caps:
        text.append("\n\n")
        text.append("Caps on the overall score", style="bold underline")
        for cap in card.caps:
            text.append("\n")
            text.append(f"at most {cap.limit:g}  ", style="bold red")
            text.append(cap.text)
            for item in log.of(cap.seqs):
                text.append("\n        ")
                text.append(evidence_line(item), style="dim")
    return text


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
