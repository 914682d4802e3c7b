"""Update cadence: status updates on time for the severity and phase, each one complete.

"People get really anxious when they don't know what's going on" (the article). The first update
is due `severity.first_update` after declaring (PagerDuty: 5 min); after that, every interval
of the cadence table for the severity and status phase at that moment (GitLab's CMOC table:
investigating until a fix is under way, identified after, monitoring once mitigated). "Due" is
exactly what the player's status line counted down to: the same `View` fold decides it.

Items:
- from declaring to the resolution (or the end), the share of the time during which no update
  was overdue by more than a grace, weighing most: the wait for the first update is one finding
  (on time, or how late), every later late stretch another;
- each update's content: impact, current actions, and when the next update comes (a third each);
- a closing update once mitigated, before resolving, when the incident was resolved.
Penalty, small: updates far more often than asked (gaps under a third of the interval with
nothing new to say), from the second such update on. Updates by a Comms Lead count: the IC
delegated the duty, not the responsibility.
"""

from __future__ import annotations

import re

from sim.log import events as ev
from sim.log.clock import format_clock
from sim.scenario.public import Catalog
from sim.reading.scoring.card import Ledger
from sim.reading.scoring.facts import Facts, minutes
from sim.reading.view import View

LATE_GRACE = 120  # seconds: a minute or two late is within tolerance (managers ask at 2 min late)
FLOOD_SHARE = 3  # an update sooner than interval / 3 after the last is far more often than asked
FLOOD_POINTS = 3.0
FLOOD_CAP = 10.0  # all flooding together costs a little
ON_TIME = 3.0  # weights: being on cadence (the first update included),
CONTENT = 1.0  # what the updates say (shared among them),
CLOSING = 0.5  # and the closing update

_IMPACT = re.compile(
    r"\bimpact(?:ed)?\b|\b(?:customers?|users?|requests?|traffic)\b[^.]*\b(?:affected|hurt|unable|failing|errors?|slow)\b"
    r"|\d+\s*%\s*of\s*(?:customers|users|traffic|requests)|\bno\s+(?:customer|user)s?\s+(?:are\s+)?affected",
    re.IGNORECASE,
)
_ACTIONS = re.compile(
    r"\b(?:current\s+)?actions?\b|\bnext\s+steps?\b|\bwhat\s+we(?:'re|\s+are)\s+doing\b|\bwe(?:'re|\s+are)\s+\w+ing\b"
    r"|\b(?:investigating|working\s+on|rolling\s+back|restarting|failing\s+over|mitigating|monitoring)\b",
    re.IGNORECASE,
)
_NEXT = re.compile(r"\bnext\s+(?:update|post|report)\b|\b(?:will\s+)?update\s+(?:you\s+)?(?:again\s+)?(?:in|by|at)\b", re.IGNORECASE)
_WHEN = re.compile(
    r"\b(?:in|within)\s+(?:about\s+)?\d+\s*(?:s|sec|secs|seconds?|m|min|mins|minutes?|h|hrs?|hours?)\b"
    r"|\b(?:by|at|around)\s+(?:T\+)?\d{1,2}:\d{2}\b|\b(?:by|at|around)\s+\d{1,2}\s*(?:am|pm)\b",
    re.IGNORECASE,
)


# A closing update answers "when is the next update?" by saying there will be none.
_FINAL = re.compile(r"\bno\s+(?:further|more)\s+(?:status\s+)?updates?\b|\bfinal\s+(?:status\s+)?update\b", re.IGNORECASE)


def parts(text: str) -> dict[str, bool]:
    """Which of the template's three parts an update states: impact, actions, next update time."""
    nxt = _NEXT.search(text)
    timed = bool(nxt and (_WHEN.search(text, nxt.start()) or _WHEN.search(text[: nxt.start()][-40:])))
    return {
        "impact": bool(_IMPACT.search(text)),
        "actions": bool(_ACTIONS.search(text)),
        "next update": timed or bool(_FINAL.search(text)),
    }


def judge(f: Facts) -> Ledger:
    ledger = Ledger("cadence")
    if f.detected is None:
        return ledger
    updates = f.of(ev.StatusUpdate)
    if f.declared is None:
        ref = f.reference
        text = f"never declared: no status update in the {minutes(f.end - ref.t)} after the page; stakeholders heard nothing"
        ledger.item(ON_TIME, 0.0, ref.t, text, [ref.seq])
        return ledger
    timeline = _fold(f)
    _on_time(f, ledger, updates, timeline)
    _content(f, ledger, updates)
    _closing(f, ledger, updates)
    _floods(ledger, timeline)
    return ledger


def _on_time(f: Facts, ledger: Ledger, updates, timeline: _Timeline) -> None:
    """The share of the incident with no update overdue: the wait for the first update (due
    `first_update` after declaring), then every gap; each late stretch is its own deduction."""
    window = max(1, timeline.end - f.declared.t)
    target = f.scenario.severity.first_update
    first_due = f.declared.t + target
    # The wait for the first update.
    wait_end = min(updates[0].t, timeline.end) if updates else timeline.end
    wait = max(0, wait_end - f.declared.t)
    wait_over = min(wait, sum(s.counted for s in timeline.late if s.first))
    seqs = [f.declared.seq] + ([updates[0].seq] if updates else [])
    allowance = f"declared; the first update's allowance of {minutes(target)} (and {minutes(LATE_GRACE)} of grace) ran from here"
    if updates:
        first = updates[0]
        delay = first.t - f.declared.t
        who = "" if first.seq in f.ic_updates else " (by the Comms Lead)"
        said = f"first status update{who} {minutes(delay)} after declaring (target {minutes(target)})"
        if wait_over:
            ledger.item(ON_TIME * (wait - wait_over) / window, 1.0, f.declared.t, allowance, seqs[:1])
            late = f"first status update{who} {minutes(max(0, first.t - first_due))} late (target {minutes(target)} after declaring)"
            ledger.item(ON_TIME * wait_over / window, 0.0, first.t, late, seqs)
        elif wait:
            ledger.item(ON_TIME * wait / window, 1.0, first.t, said, seqs)
    elif wait:
        ledger.item(ON_TIME * (wait - wait_over) / window, 1.0, f.declared.t, allowance, seqs)
        text = f"no status update at all in the {minutes(wait)} after declaring (the first was due within {minutes(target)})"
        ledger.item(ON_TIME * wait_over / window, 0.0, first_due, text, seqs)
    # Every gap after it.
    rest = window - wait
    if rest <= 0:
        return
    later = [s for s in timeline.late if not s.first]
    rest_over = min(rest, sum(s.counted for s in later))
    ledger.item(ON_TIME * (rest - rest_over) / window, 1.0, None, _on_time_text(rest_over, rest), [u.seq for u in updates])
    for stretch in later:
        if stretch.counted > 0:
            ledger.item(ON_TIME * stretch.counted / window, 0.0, stretch.at, stretch.text(), stretch.seqs)


def _content(f: Facts, ledger: Ledger, updates) -> None:
    for entry in updates:
        have = parts(entry.event.text)
        missing = [p for p, ok in have.items() if not ok]
        who = "" if entry.seq in f.ic_updates else " by the Comms Lead"
        if missing:
            text = f"status update{who} leaves out {' and '.join(missing)}: {_quote(entry.event.text)}"
        else:
            text = f"status update{who} states impact, current actions and the next update time"
        ledger.item(CONTENT / len(updates), sum(have.values()) / 3, entry.t, text, [entry.seq])


def _closing(f: Facts, ledger: Ledger, updates) -> None:
    if f.resolved is None or f.mitigated is None:
        return
    closing = [u for u in updates if f.mitigated.seq < u.seq < f.resolved.seq]
    if closing:
        ledger.item(CLOSING, 1.0, closing[-1].t, "closing update posted before resolving", [closing[-1].seq])
    else:
        ledger.item(CLOSING, 0.0, f.resolved.t, "resolved without a closing status update", [f.resolved.seq])


def _floods(ledger: Ledger, timeline: _Timeline) -> None:
    """Far more often than asked: from the second update sooner than a third of the interval
    with nothing new to say (no change of severity or phase since the last one)."""
    floods = [s for s in timeline.sooner if not s.news]
    budget = FLOOD_CAP
    for s in floods[1:]:
        points = min(FLOOD_POINTS, budget)
        budget -= points
        if points <= 0:
            break
        text = (
            f"status update only {minutes(s.gap)} after the last one (every {minutes(s.interval)} asked for "
            f"{s.severity} {s.phase}), with nothing new to say; frequent updates crowd out the work"
        )
        ledger.penalty(points, s.t, text, s.seqs)


def _on_time_text(overdue: int, window: int) -> str:
    share = 1.0 - overdue / window
    if overdue <= 0:
        return f"status updates on cadence after the first one ({minutes(window)} to the end)"
    return f"status updates on cadence for {share:.0%} of the time after the first one; overdue for {minutes(overdue)} in all"


def _quote(text: str, limit: int = 70) -> str:
    text = " ".join(text.split())
    return f"'{text}'" if len(text) <= limit else f"'{text[: limit - 3]}...'"


class _Late:
    def __init__(self, due: int, severity: str, phase: str, interval: int, first: bool, seqs: list[int]) -> None:
        self.due, self.severity, self.phase, self.interval, self.first = due, severity, phase, interval, first
        self.at: int = due
        self.until: int = due
        self.posted: bool = False
        self.seqs = seqs

    @property
    def late_by(self) -> int:
        return self.until - self.due

    @property
    def counted(self) -> int:
        return max(0, self.late_by - LATE_GRACE)

    def text(self) -> str:
        what = "first status update" if self.first else "status update"
        target = f"target {minutes(self.interval)}"
        if self.posted:
            return f"{what} {minutes(self.late_by)} late for {self.severity} {self.phase} ({target}; due {format_clock(self.due)})"
        return (
            f"{what} due at {format_clock(self.due)} ({self.severity} {self.phase}, {target}) did not come; "
            f"{minutes(self.late_by)} without an update"
        )


class _Sooner:
    def __init__(self, t: int, gap: int, interval: int, severity: str, phase: str, news: bool, seqs: list[int]) -> None:
        self.t, self.gap, self.interval, self.severity, self.phase, self.news, self.seqs = (
            t,
            gap,
            interval,
            severity,
            phase,
            news,
            seqs,
        )


class _Timeline:
    def __init__(self) -> None:
        self.late: list[_Late] = []
        self.sooner: list[_Sooner] = []
        self.end = 0


def _fold(f: Facts) -> _Timeline:
    """Walk the log with the player's view: when updates fell due, and how late they came."""
    out = _Timeline()
    view = View(Catalog.from_scenario(f.scenario))
    end = f.resolved.t if f.resolved is not None else f.end
    out.end = end
    current: _Late | None = None
    last_update: tuple[int, int, str | None, str] | None = None  # (t, seq, severity, phase)
    for entry in f.entries:
        if entry.t > end:
            break
        due = view.next_update_due()
        if current is not None and (due is None or entry.t <= due):
            out.late.append(current)  # the due time moved on (a phase with a longer interval)
            current = None
        if due is not None and entry.t > due and current is None:
            current = _new_late(view, due, last_update, f)
        if current is not None:
            current.until = min(entry.t, end)
        if isinstance(entry.event, ev.StatusUpdate):
            if current is not None:
                current.posted = True
                current.until = entry.t
                current.seqs.append(entry.seq)
                out.late.append(current)
                current = None
            if last_update is not None:
                interval = view.update_interval() or 0
                gap = entry.t - last_update[0]
                news = (view.severity, view.status_phase) != (last_update[2], last_update[3]) or (
                    f.mitigated is not None and entry.seq > f.mitigated.seq and last_update[1] < f.mitigated.seq
                )
                if interval and gap * FLOOD_SHARE < interval:
                    out.sooner.append(
                        _Sooner(entry.t, gap, interval, view.severity or "?", view.status_phase, news, [last_update[1], entry.seq])
                    )
        view.apply(entry)
        if isinstance(entry.event, ev.StatusUpdate):
            last_update = (entry.t, entry.seq, view.severity, view.status_phase)
    due = view.next_update_due()
    if current is None and due is not None and end > due:
        current = _new_late(view, due, last_update, f)
    if current is not None:
        current.until = end
        out.late.append(current)
    return out


def _new_late(view: View, due: int, last_update, f: Facts) -> _Late:
    first = last_update is None
    interval = f.scenario.severity.first_update if first else (view.update_interval() or 0)
    seqs = [f.declared.seq] if first else [last_update[1]]
    late = _Late(due, view.severity or "?", view.status_phase, interval, first, seqs)
    late.at = due
    return late
