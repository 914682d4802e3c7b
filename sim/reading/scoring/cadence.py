"""Update cadence: status updates on time for the true stakes, each one saying something true.

"People get really anxious when they don't know what's going on" (the article). The clock starts
when the IC is paged, not when they declare: the first update is due `severity.first_update`
after declaring, and at the latest that long after the escalation timeout has passed since the
page (an IC who sits on a page is late for the first update too). After it, every interval of the
cadence table (GitLab's CMOC table) for the status phase and the *stricter* of two severities: the
one the IC called and the true one. An under-call buys no slower schedule.

An update counts for the cadence only when it tells stakeholders something (an impact claim or
current actions, `statement.py`); "/update ok" and a list of headings do not reset the clock.

Items:
- the share of the time from the page to the resolution (or the end) with no update overdue by
  more than a grace, weighing most; every late stretch is its own finding;
- each update's content (impact, current actions, next update time, a third each), judged on
  substance: the impact claim against the truth at that moment, the actions against what was under
  way; updates soon after the last one weigh less (many updates in a short time add little);
- a closing update once mitigated, before resolving, when the incident was resolved.
Penalties: a false all-clear (no customers affected while the dashboards showed otherwise) is a
heavy deduction, and it caps the overall score (`gates.py`); updates far more often than asked,
with nothing new to say, a small one.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sim.log import events as ev
from sim.log.clock import format_clock
from sim.scenario import policy
from sim.scenario.shared import shared
from sim.reading.scoring import statement
from sim.reading.scoring.card import Ledger
from sim.reading.scoring.facts import NONE, Facts, minutes
from sim.reading.view import View

LATE_GRACE = 120  # seconds: a minute or two late is within tolerance (managers ask at 2 min late)
FLOOD_SHARE = 3  # an update sooner than interval / 3 after the last is far more often than asked
FLOOD_POINTS = 3.0
FLOOD_CAP = 10.0  # all flooding together costs a little
FALSE_ALL_CLEAR = 40.0  # points: telling stakeholders nobody is hurt while the dashboards say otherwise
ALL_CLEAR_CAP = (20.0, 25.0)  # the overall score keeps up to 20 and never passes 25 (card.Cap)
ON_TIME = 3.0  # weights: being on cadence (the first update included),
CONTENT = 2.0  # what the updates say (shared among them, by the time each one covers),
CLOSING = 0.5  # and the closing update
SAME_FIGURE = 0.35  # a stated share within this fraction of the truth (or 5 points) is right


def judge(f: Facts) -> Ledger:
    ledger = Ledger("cadence")
    if f.detected is None or f.reference is None:
        return ledger
    timeline = fold(f)
    _on_time(f, ledger, timeline)
    _content(f, ledger, timeline)
    _closing(f, ledger)
    _floods(ledger, timeline)
    for lie in timeline.false_all_clears:
        ledger.penalty(FALSE_ALL_CLEAR, lie.t, lie.text, lie.seqs)
        ledger.cap(*ALL_CLEAR_CAP, lie.t, f"{lie.text}: stakeholders stand down on a false all-clear, so the drill scores at most {ALL_CLEAR_CAP[1]:.0f}", lie.seqs)
    return ledger


# --- the fold: when updates fell due, which counted, how late they came --------------------------


@dataclass
class Late:
    due: int
    interval: int
    setting: str  # what set the interval: "Sev1 investigating", "the first update"
    first: bool
    seqs: list[int]
    until: int = 0
    posted: bool = False

    @property
    def counted(self) -> int:
        return max(0, self.until - self.due - LATE_GRACE)

    def text(self) -> str:
        if self.first:
            what, rule = "first status update", f"due {minutes(self.interval)} after declaring, or after the page's escalation timeout"
        else:
            what, rule = "status update", f"{self.setting}: every {minutes(self.interval)}"
        if self.posted:
            return f"{what} {minutes(self.until - self.due)} late ({rule}; due {format_clock(self.due)})"
        return f"{what} due at {format_clock(self.due)} ({rule}) did not come; {minutes(self.until - self.due)} without an update"


@dataclass
class Posted:
    entry: object
    said: statement.Statement
    counts: bool
    interval: int | None  # the interval asked for when it was posted
    gap: int | None  # seconds since the previous counted update
    news: bool  # the severity or phase changed since the previous update
    key: tuple[str | None, str]  # the called severity and status phase it was posted at
    truth: float
    seen: float  # the impact the dashboards showed
    under_way: list[tuple[str, str]]  # (person, task) at that moment


@dataclass
class Lie:
    t: int
    text: str
    seqs: list[int]


@dataclass
class Timeline:
    start: int
    end: int
    late: list[Late] = field(default_factory=list)
    posted: list[Posted] = field(default_factory=list)
    false_all_clears: list[Lie] = field(default_factory=list)


def interval_now(f: Facts, called: str | None, truth: str, phase: str) -> tuple[int | None, str]:
    """The stricter of the called and the true severity's interval, and what set it."""
    options = []
    ladder = f.scenario.severity
    for severity, whose in ((called, "called"), (None if truth == NONE else truth, "true")):
        seconds = policy.update_interval(ladder, severity, phase)
        if seconds is not None:
            options.append((seconds, whose == "called", f"{severity} {phase}" + ("" if whose == "called" else ", the true severity")))
    if not options:
        return None, ""
    seconds, _, setting = min(options)
    return seconds, setting


def first_due(f: Facts) -> int:
    """The first update: `first_update` after declaring, or after the escalation timeout past the page."""
    ref, target = f.reference, f.scenario.severity.first_update
    due = ref.t + f.scenario.escalation.timeout + target
    return min(due, f.declared.t + target) if f.declared is not None else due


def fold(f: Facts) -> Timeline:
    """Walk the log with the player's view (called severity, phase, who is on what) and the truth."""
    view = View(shared(f.scenario).catalog)
    end = f.resolved.t if f.resolved is not None else f.end
    out = Timeline(f.reference.t, end)
    last: Posted | None = None
    current: Late | None = None
    ref_seq = f.reference.seq

    def due_now(seq: int) -> tuple[int | None, int, str]:
        """When the next update is due as of entry `seq`, the interval, and what set it."""
        if last is None:
            return first_due(f), f.scenario.severity.first_update, "the first update"
        seconds, setting = interval_now(f, view.severity, f.true_severity_before(seq + 1), view.status_phase)
        return (None if seconds is None else last.entry.t + seconds), seconds or 0, setting

    for entry in f.entries:
        seq = entry.seq
        if entry.t > end:
            break
        if seq >= ref_seq:
            due, interval, setting = due_now(seq)
            if current is not None and (due is None or entry.t <= due):
                out.late.append(current)  # the due time moved on (a phase with a longer interval)
                current = None
            if due is not None and entry.t > due and current is None:
                current = Late(due, interval, setting, last is None, [ref_seq if last is None else last.entry.seq])
            if current is not None:
                current.until = entry.t
        if isinstance(entry.event, ev.StatusUpdate):
            said = statement.read(entry.event.text)
            interval, _ = interval_now(f, view.severity, f.true_severity_before(seq), view.status_phase)
            key = (view.severity, view.status_phase)
            posted = Posted(
                entry, said, said.says_something, interval, entry.t - last.entry.t if last else None,
                last is None or key != last.key, key, f.true_impact_before(seq), view.observed_impact, _under_way(view),
            )
            out.posted.append(posted)
            if posted.counts:
                if current is not None:
                    current.posted, current.until = True, entry.t
                    current.seqs.append(seq)
                    out.late.append(current)
                    current = None
                last = posted
        view.apply(entry)
    due, interval, setting = due_now(f.entries[-1].seq if f.entries else 0)
    if current is None and due is not None and end > due:
        current = Late(due, interval, setting, last is None, [ref_seq if last is None else last.entry.seq])
    if current is not None:
        current.until = end
        out.late.append(current)
    return out


def _under_way(view: View) -> list[tuple[str, str]]:
    return [(p.id, p.task) for p in view.people.values() if p.task]


# --- the items ---------------------------------------------------------------------------------


def _on_time(f: Facts, ledger: Ledger, timeline: Timeline) -> None:
    window = max(1, timeline.end - timeline.start)
    overdue = min(window, sum(s.counted for s in timeline.late))
    counted = [p for p in timeline.posted if p.counts]
    seqs = [f.reference.seq] + [p.entry.seq for p in counted]
    if not counted:
        text = f"no status update that said anything in the {minutes(window)} from the page; stakeholders heard nothing"
        ledger.item(ON_TIME, 0.0, first_due(f), text, seqs + [p.entry.seq for p in timeline.posted])
        return
    if overdue == 0:
        text = f"status updates on cadence from the page to the end ({minutes(window)})"
    else:
        text = f"status updates on cadence for {1 - overdue / window:.0%} of the time from the page; overdue for {minutes(overdue)} in all"
    ledger.item(ON_TIME * (window - overdue) / window, 1.0, None, text, seqs)
    for stretch in timeline.late:
        if stretch.counted > 0:
            ledger.item(ON_TIME * stretch.counted / window, 0.0, stretch.due, stretch.text(), stretch.seqs)


def _content(f: Facts, ledger: Ledger, timeline: Timeline) -> None:
    """Each update's three parts, weighted by the share of an interval it covers."""
    closing = _closing_update(f)
    # The closing update is judged once, by its own item: it is not a second content credit.
    judged = [p for p in timeline.posted if closing is None or p.entry.seq != closing.seq]
    if not judged:
        return
    weights = [_coverage(p) for p in judged]
    total = sum(weights)
    for posted, weight in zip(judged, weights):
        parts = {"impact": _impact(f, posted, timeline), "actions": _actions(f, posted), "next update": _next(f, posted)}
        earned = sum(share for share, _ in parts.values()) / 3
        who = "" if posted.entry.seq in f.ic_updates else " by the Comms Lead"
        faults = [why for share, why in parts.values() if share < 1]
        if not posted.counts:
            text = f"status update{who} says nothing a stakeholder can use (no impact, no actions): {_quote(posted.entry.event.text)}"
        elif faults:
            text = f"status update{who}: {'; '.join(faults)}: {_quote(posted.entry.event.text)}"
        else:
            text = f"status update{who} states the impact truly, the current actions and the next update time"
        ledger.item(CONTENT * weight / total, earned, posted.entry.t, text, [posted.entry.seq])


def _coverage(p: Posted) -> float:
    """How much of an interval an update covers: 1 for the first, and for one a full interval after the last."""
    if p.gap is None or not p.interval:
        return 1.0
    return max(0.05, min(1.0, p.gap / p.interval))


def _impact(f: Facts, p: Posted, timeline: Timeline) -> tuple[float, str]:
    said, truth, seen = p.said, p.truth, p.seen
    if said.impact is None:
        return 0.0, "says nothing about customer impact"
    claims_none = said.impact == "none" or (said.impact == "share" and (said.share or 0) < 0.005)
    if claims_none:
        if truth <= 0:
            return 1.0, ""
        if seen > 0:
            text = (
                f"false all-clear: the update{'' if p.entry.seq in f.ic_updates else ' by the Comms Lead'} said nobody "
                f"was affected while {truth:.0%} of customers were (the dashboards showed {seen:.0%})"
            )
            timeline.false_all_clears.append(Lie(p.entry.t, text, [p.entry.seq]))
        return 0.0, f"says nobody is affected while {truth:.0%} of customers were"
    if said.impact == "some":
        return 1.0, ""
    stated = said.share or 0.0
    if any(abs(stated - x) <= max(0.05, SAME_FIGURE * x) for x in (truth, seen)):
        return 1.0, ""
    return 0.5, f"says {stated:.0%} of customers while {truth:.0%} were affected"


def _actions(f: Facts, p: Posted) -> tuple[float, str]:
    if p.said.actions is None:
        return 0.0, "says nothing about current actions"
    if not p.under_way:
        return 1.0, ""
    words = p.said.actions.lower()
    for person, task in p.under_way:
        names = {person, *f.name(person).lower().split()} if person != "ic" else {"ic", "i", "myself"}
        if any(part in words for part in task.lower().split()) or any(n and n.lower() in words.split() for n in names):
            return 1.0, ""
    running = ", ".join(f"{f.name(person)} on {task}" for person, task in p.under_way[:3])
    return 0.5, f"its actions name nothing under way ({running})"


def _next(f: Facts, p: Posted) -> tuple[float, str]:
    when = p.said.next_update
    if when is None:
        return 0.0, "does not say when the next update comes"
    if when == "final" and p.truth > 0 and p.seen > 0:
        return 0.0, "promises no further updates while customers are still affected"
    return 1.0, ""


def _closing_update(f: Facts):
    """The last update that says something between mitigation and resolution, if resolved."""
    if f.resolved is None or f.mitigated is None:
        return None
    closing = [u for u in f.of(ev.StatusUpdate) if f.mitigated.seq < u.seq < f.resolved.seq and statement.read(u.event.text).says_something]
    return closing[-1] if closing else None


def _closing(f: Facts, ledger: Ledger) -> None:
    if f.resolved is None or f.mitigated is None:
        return
    closing = _closing_update(f)
    if closing is not None:
        ledger.item(CLOSING, 1.0, closing.t, "closing update posted before resolving", [closing.seq])
    else:
        ledger.item(CLOSING, 0.0, f.resolved.t, "resolved without a closing status update", [f.resolved.seq])


def _floods(ledger: Ledger, timeline: Timeline) -> None:
    """Far more often than asked: from the second update sooner than a third of the interval
    with nothing new to say (no change of severity or phase since the last one)."""
    floods = [p for p in timeline.posted if p.gap is not None and p.interval and p.gap * FLOOD_SHARE < p.interval and not p.news]
    budget = FLOOD_CAP
    for p in floods[1:]:
        points = min(FLOOD_POINTS, budget)
        budget -= points
        if points <= 0:
            break
        text = f"status update only {minutes(p.gap)} after the last one (every {minutes(p.interval)} asked for), with nothing new to say; frequent updates crowd out the work"
        ledger.penalty(points, p.entry.t, text, [p.entry.seq])


def _quote(text: str, limit: int = 70) -> str:
    text = " ".join(text.split())
    return f"'{text}'" if len(text) <= limit else f"'{text[: limit - 3]}...'"
