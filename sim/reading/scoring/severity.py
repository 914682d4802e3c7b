"""Severity calls: from customer impact, quickly, re-assessed as impact grows, never inflated.

The true severity at every moment is the ladder's level for the true customer impact
(ImpactChanged). The article: map customer impact to a severity; "if every incident is a Sev0, no
incidents are a Sev0"; qualify the Head of Sales' push rather than give in. PagerDuty: when
unsure, treat it as the higher; do not debate it.

Items:
- the first call against the truth at that moment: exact earns all; each level above the truth
  costs a fifth, each level below twice that;
- the time from the page to the call (a full escalation timeout is on time, then less: late
  beats never, see card.LATE_FLOOR);
- the share of the incident, from the first call to mitigation, not spent under-called (a
  grace after each rise of the truth: re-assessing takes a moment);
- each rise of the truth above the call: raised within the grace earns all, later less, never
  nothing;
- each episode of pushes by the Head of Sales: answered with evidence (/qualify) earns, within
  one push period all, later most; ignored nothing.
Penalty, clear: raising to the top level above the truth while the Head of Sales was pushing,
with no /qualify since the push (inflation under pressure); it stands in for that episode's item.
"""

from __future__ import annotations

from sim.log import events as ev
from sim.log.clock import format_clock
from sim.reading.scoring.card import Ledger, late_credit
from sim.reading.scoring.facts import NONE, Facts, minutes
from sim.reading.scoring.seek import any_between, first_after, last_before

FIRST_CALL = 3.0
CALL_TIME = 1.0
UNDER_TIME = 2.0
REASSESS = 2.0
QUALIFY = 1.0
INFLATION_POINTS = 25.0
RAISE_GRACE = 300  # seconds to re-assess once impact has grown
RAISE_SPAN = 1200  # seconds past the grace after which a late raise earns nothing
OVER_COST = 0.2  # share of the first-call item lost per level called above the truth
UNDER_COST = 0.4  # per level below it: under-calls cost twice as much ("when unsure, treat it as the higher")


def accuracy(off: int) -> float:
    """Share earned by a call `off` levels from the truth (positive: called more severe)."""
    return max(0.0, 1.0 - (OVER_COST * off if off > 0 else UNDER_COST * -off))


def judge(f: Facts) -> Ledger:
    ledger = Ledger("severity")
    if f.detected is None:
        return ledger
    calls = f.of(ev.SeveritySet)
    ref = f.reference
    timeout = f.scenario.escalation.timeout
    if not calls:
        ledger.item(FIRST_CALL, 0.0, ref.t, "no severity was ever called", [ref.seq])
        ledger.item(CALL_TIME, 0.0, ref.t, f"never declared in the {minutes(f.end - ref.t)} after the page", [ref.seq])
    else:
        _first_call(f, ledger, calls[0], ref, timeout)
        _under_calls(f, ledger, calls)
        _rises(f, ledger, calls)
    _sales(f, ledger, calls)
    return ledger


def _first_call(f: Facts, ledger: Ledger, call, ref, timeout: int) -> None:
    truth_entry = f.truth_before(call.seq)
    truth = f.true_severity_before(call.seq)
    if truth == NONE:
        truth = f.peak_truth(call.t)
    called = call.event.severity
    off = f.level(truth) - f.level(called)  # > 0: called more severe than the truth
    impact = f.true_impact_before(call.seq)
    seqs = [call.seq] + ([truth_entry.seq] if truth_entry is not None else [])
    if off == 0:
        text = f"declared {called}, the true severity at {impact:.0%} of customers affected"
    elif off > 0:
        text = f"declared {called}, {off} level{'s' if off > 1 else ''} above the truth ({truth} at {impact:.0%} of customers)"
        text += "; cautious, which is the right way to err" if off == 1 else ""
    else:
        text = (
            f"declared {called}, {-off} level{'s' if off < -1 else ''} below the truth ({truth} at {impact:.0%} of customers); "
            "when unsure, treat it as the higher"
        )
    ledger.item(FIRST_CALL, accuracy(off), call.t, text, seqs)
    delay = call.t - ref.t
    late = max(0, delay - timeout)
    fraction = late_credit(late, 3 * timeout)
    text = f"severity called {minutes(delay)} after the page"
    text += f" ({minutes(late)} past the {minutes(timeout)} a page waits before escalation)" if late else ""
    ledger.item(CALL_TIME, fraction, call.t, text, [ref.seq, call.seq])


def _called_at(calls, seq: int) -> str | None:
    """The severity called as of entry `seq` (that entry included)."""
    call = last_before(calls, seq + 1)
    return call.event.severity if call is not None else None


def _under_calls(f: Facts, ledger: Ledger, calls) -> None:
    """Time from the first call to mitigation spent below the truth, beyond a grace per rise."""
    start, stop = calls[0].t, f.open_until
    if stop <= start:
        return
    # Change points: calls and truth changes, in log order.
    points = sorted([(c.seq, c.t) for c in calls] + [(e.seq, e.t) for e in f.truth if e.t < stop], key=lambda x: x[0])
    under_total = 0
    stretches = []  # (from, to, called, truth, seqs)
    open_from = None
    for i, (seq, t) in enumerate(points):
        if t < start:
            continue
        called = _called_at(calls, seq)
        truth = f.true_severity_before(seq + 1)
        nxt = points[i + 1][1] if i + 1 < len(points) else stop
        nxt = min(nxt, stop)
        under = called is not None and truth != NONE and f.level(called) > f.level(truth)
        if under:
            if open_from is None:
                open_from = (t, called, truth, seq)
            under_total += max(0, nxt - t)
        elif open_from is not None:
            stretches.append((open_from, t))
            open_from = None
    if open_from is not None:
        stretches.append((open_from, stop))
    window = stop - start
    # The grace after a rise that happened while called: re-assessing takes a moment.
    counted = 0
    for (t0, called, truth, seq), t1 in stretches:
        grace = RAISE_GRACE if t0 > start else 0
        span = max(0, (t1 - t0) - grace)
        counted += span
    counted = min(counted, under_total)
    earned = 1 - counted / window
    if counted == 0:
        ledger.item(UNDER_TIME * earned, 1.0, None, "never left under-called beyond a moment to re-assess", [c.seq for c in calls])
        return
    ledger.item(UNDER_TIME * earned, 1.0, None, f"called at or above the truth for {earned:.0%} of the incident", [c.seq for c in calls])
    for (t0, called, truth, seq), t1 in stretches:
        grace = RAISE_GRACE if t0 > start else 0
        span = max(0, (t1 - t0) - grace)
        if span <= 0:
            continue
        text = f"under-called at {called} while the truth was {truth}, until {format_clock(t1)} ({minutes(t1 - t0)})"
        ledger.item(UNDER_TIME * span / window, 0.0, t0, text, [seq])


def _rises(f: Facts, ledger: Ledger, calls) -> None:
    """Each time the truth rose above the call after the first call: was it re-assessed?"""
    first = calls[0]
    at_least: dict[int, list] = {}  # a level -> the calls at that level or more severe, in log order
    for entry in f.truth:
        if entry.seq < first.seq or entry.t >= f.open_until:
            continue
        truth = entry.event.severity
        called = _called_at(calls, entry.seq)
        if truth == NONE or called is None or f.level(called) <= f.level(truth):
            continue
        # Did this rise make the truth more severe than just before it?
        before = f.true_severity_before(entry.seq)
        if f.level(truth) >= f.level(before) and f.level(before) < f.level(called):
            continue  # already above the call before; the same under-call goes on
        level = f.level(truth)
        if level not in at_least:
            at_least[level] = [c for c in calls if f.level(c.event.severity) <= level]
        raise_ = first_after(at_least[level], entry.seq)
        if raise_ is None or raise_.t >= f.open_until:
            text = f"impact rose to {entry.event.impact:.0%} of customers ({truth}); the severity stayed at {called}"
            ledger.item(REASSESS, 0.0, entry.t, text, [entry.seq])
            continue
        delay = raise_.t - entry.t
        fraction = late_credit(delay - RAISE_GRACE, RAISE_SPAN)
        text = f"impact rose to {entry.event.impact:.0%} ({truth}); re-assessed to {raise_.event.severity} {minutes(delay)} later"
        ledger.item(REASSESS, fraction, entry.t, text, [entry.seq, raise_.seq])


def _inflated_after(tops, episode, answer) -> bool:
    """Whether an episode of pushes ended with the severity raised to the top (`tops`: the calls
    to the top, in log order) and no /qualify."""
    stop = answer.seq if answer is not None else 1 << 60
    return any_between(tops, episode[0].seq, stop)


def _sales(f: Facts, ledger: Ledger, calls) -> None:
    pushes = f.of(ev.SalesPushed)
    if not pushes:
        return
    qualified = f.of(ev.SalesQualified)
    top = f.levels[0]
    tops = [c for c in calls if c.event.severity == top]
    # Episodes: a first push, and the pushes after it until a /qualify.
    episodes: list[list] = []
    for push in pushes:
        if episodes and not any_between(qualified, episodes[-1][0].seq, push.seq):
            episodes[-1].append(push)
        else:
            episodes.append([push])
    every = f.scenario.stakeholders.head_of_sales.every if f.scenario.stakeholders.head_of_sales else 360
    for episode in episodes:
        first = episode[0]
        answer = first_after(qualified, first.seq)
        account = first.event.account
        if _inflated_after(tops, episode, answer):
            continue  # giving in is judged by the inflation penalty below, not twice
        if answer is not None:
            delay = answer.t - first.t
            fraction = 1.0 if delay <= every else 0.6
            text = f"answered the Head of Sales' push for {top} ({account}) with impact evidence {minutes(delay)} later"
            ledger.item(QUALIFY, fraction, first.t, text, [first.seq, answer.seq])
        else:
            text = (
                f"the Head of Sales pushed for {top} ({account}) {len(episode)} time{'s' if len(episode) > 1 else ''}; "
                "never qualified with impact evidence (/qualify)"
            )
            ledger.item(QUALIFY, 0.0, first.t, text, [p.seq for p in episode])
    # Inflation under pressure: raised to the top above the truth, pushed, no qualify since.
    for call in calls:
        if call.event.severity != top:
            continue
        truth = f.true_severity_before(call.seq)
        if f.level(truth) <= f.level(top):
            continue
        last_push = last_before(pushes, call.seq)
        if last_push is None or any_between(qualified, last_push.seq, call.seq):
            continue
        text = (
            f"raised to {top} while the truth was {truth}, under pressure from the Head of Sales "
            f"(pushed at {format_clock(last_push.t)}); if every incident is a {top}, no incident is"
        )
        ledger.penalty(INFLATION_POINTS, call.t, text, [call.seq, last_push.seq])
