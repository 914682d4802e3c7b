"""What the debrief draws, read off the log by the scorer's own functions: no textual, no rich.

The charts must show what was judged, not a second reading of the log that could disagree with it:

- the customer-impact curve is `sim.reading.scoring.outcome.run_curve`, the true impact the outcome
  dimension integrates (ImpactChanged as it happened, and the relief running out after the end);
- the severity calls, the page, and the IC's calls of mitigated and resolved are marks on it;
- each gap between status updates comes from the cadence fold (`sim.reading.scoring.cadence.fold`):
  the wait before each update that said something (the first from the IC's page), the interval in
  force (the stricter of the called and the true severity), and whether the scorer counted it
  late (overdue past its grace);
- the timeline is the post-incident report's (`sim.reading.report.timeline`), told to the player.
"""

from __future__ import annotations

from dataclasses import dataclass

from sim.log import events as ev
from sim.log.eventlog import Entry
from sim.reading.report import timeline as report_timeline
from sim.reading.scoring import cadence
from sim.reading.scoring.debrief import missed_step
from sim.reading.scoring.facts import Facts, gather
from sim.reading.scoring.outcome import run_curve
from sim.scenario.model import Scenario

MARK_SYMBOLS = "123456789abcdefghijklmnopqrstuvwxyz"  # severity calls, in order; then `+` for the rest


@dataclass(frozen=True)
class Mark:
    """A moment marked on the impact chart: `symbol` at the column of `t`, `label` in the legend."""

    t: int
    symbol: str
    label: str
    kind: str  # "page", "severity", "mitigated", "resolved": how the chart colours it


@dataclass(frozen=True)
class Gap:
    """The wait for one status update (or, last, for one that never came) against the cadence."""

    start: int  # the previous update that counted, or the IC's page for the first
    end: int  # this update, or the end of the incident when none came
    allowed: int | None  # seconds allowed then (None: no interval applied)
    late: bool  # the scorer counted it overdue, past the grace
    posted: bool  # False: the incident ended (or resolved) with no update after `start`
    first: bool  # the wait for the first update, from the page

    @property
    def seconds(self) -> int:
        return self.end - self.start

    @property
    def overdue(self) -> int:
        """Seconds past the allowed interval (0 when on time or when no interval applied)."""
        return max(0, self.seconds - self.allowed) if self.allowed is not None else 0


@dataclass(frozen=True)
class Silent:
    """A status update that said nothing a stakeholder can use: it did not reset the clock."""

    t: int
    text: str


@dataclass(frozen=True)
class DebriefData:
    impact: tuple[tuple[int, float], ...]  # (t, share of customers affected) change points from t=0
    end: int  # when the drill ended: the impact chart's right edge
    marks: tuple[Mark, ...]
    gaps: tuple[Gap, ...]
    silent: tuple[Silent, ...]
    grace: int  # seconds a late update is forgiven (cadence.LATE_GRACE)
    timeline: tuple[tuple[int, str], ...]  # (t, line) as the report tells it, to "you"
    missed: str | None  # customers still hurt at the end: the step that was missed (the debrief's words)


def debrief_data(scenario: Scenario, entries: list[Entry]) -> DebriefData:
    f = gather(scenario, entries)
    run, _ = run_curve(f)
    end = max(f.end, 1)
    impact = tuple((t, share) for t, share in run.points if t <= end)
    gaps, silent = update_gaps(f)
    return DebriefData(
        impact=impact or ((0, 0.0),),
        end=end,
        marks=tuple(marks(f)),
        gaps=tuple(gaps),
        silent=tuple(silent),
        grace=cadence.LATE_GRACE,
        timeline=tuple(report_timeline(scenario, entries)),
        missed=missed_step(f),
    )


def marks(f: Facts) -> list[Mark]:
    """The IC's page, every severity call (numbered), and the IC's calls of mitigated and resolved."""
    out: list[Mark] = []
    if f.ic_paged is not None:
        out.append(Mark(f.ic_paged.t, "P", "you were paged", "page"))
    for n, call in enumerate(f.of(ev.SeveritySet)):
        e = call.event
        label = f"declared {e.severity}" if e.previous is None else f"{e.previous} → {e.severity}"
        out.append(Mark(call.t, MARK_SYMBOLS[n] if n < len(MARK_SYMBOLS) else "+", label, "severity"))
    if f.mitigated is not None:
        out.append(Mark(f.mitigated.t, "M", "you called it mitigated", "mitigated"))
    if f.resolved is not None:
        out.append(Mark(f.resolved.t, "R", "resolved", "resolved"))
    return sorted(out, key=lambda m: m.t)


def update_gaps(f: Facts) -> tuple[list[Gap], list[Silent]]:
    """Each wait between status updates that counted, as the cadence fold judged it.

    The stretches the fold found overdue (`Late`) are matched to the wait they fall in by their due
    time: the wait is late when the scorer counted any of them. Its allowed interval is the one in
    force when it ended: the due the update came late for, else the interval when it was posted
    (for the first, the first update's due); a due that moved on (a phase with a longer interval)
    is not the one the update answered.
    """
    if f.detected is None or f.reference is None:
        return [], []
    timeline = cadence.fold(f)
    silent = [Silent(p.entry.t, p.entry.event.text) for p in timeline.posted if not p.counts]
    counted = [p for p in timeline.posted if p.counts]
    start = f.reference.t
    gaps: list[Gap] = []
    for n, posted in enumerate(counted):
        t = posted.entry.t
        lates = [late for late in timeline.late if start < late.due <= t]
        if lates and lates[-1].posted:
            allowed = lates[-1].due - start  # the due this update came late for
        elif n == 0:
            allowed = cadence.first_due(f) - start
        else:
            allowed = posted.interval  # in force when it came (a due that moved on no longer counts)
        gaps.append(Gap(start, t, allowed, any(late.counted > 0 for late in lates), True, n == 0))
        start = t
    rest = [late for late in timeline.late if late.due > start]
    if rest:
        gaps.append(Gap(start, max(timeline.end, start), rest[-1].due - start, any(x.counted > 0 for x in rest), False, not counted))
    return gaps, silent
