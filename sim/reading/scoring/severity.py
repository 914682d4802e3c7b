"""Severity calls: from customer impact, quickly, held true to the impact over time, never inflated.

The true severity at every moment is the ladder's level for the true customer impact
(ImpactChanged). The article: map customer impact to a severity; "if every incident is a Sev0, no
incidents are a Sev0"; qualify the Head of Sales' push rather than give in. PagerDuty: when
unsure, treat it as the higher; do not debate it.

Items:
- the first call against the truth at that moment: exact earns all; each level above the truth
  costs a fifth, each level below twice that;
- the time from the page to the call (a full escalation timeout is on time, then less: late
  beats never, see card.LATE_FLOOR);
- the call held against the truth over time, from the page to mitigation: every stretch is judged
  like the first call, so an under-call costs twice what an over-call does; no call at all while
  customers are hurt earns nothing; a grace after each change of the truth (re-assessing takes a
  moment), and a longer one for an over-call (caution is fine until the evidence shows less);
- each episode of pushes by the Head of Sales: answered with evidence (/qualify) earns, within
  one push period all, later most; ignored nothing; already at the top level above the truth
  when they start (so they never need to push) nothing.
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
HELD = 6.0
QUALIFY = 1.0
INFLATION_POINTS = 25.0
RAISE_GRACE = 300  # seconds to re-assess once impact has grown
OVER_GRACE = 900  # seconds an over-call may stand once the evidence shows less (caution first)
UNDER_CAP = (65.0, 75.0)  # two levels or more under for most of the incident: keeps 65, never passes 75
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
    _held(f, ledger, calls, ref, timeout)
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


def _held(f: Facts, ledger: Ledger, calls, ref, timeout: int) -> None:
    """The call against the truth at every moment from the page to mitigation, stretch by stretch."""
    start, stop = ref.t, f.open_until
    if stop <= start:
        return
    if not calls:
        ledger.item(HELD, 0.0, None, f"no severity was called in the {minutes(stop - start)} from the page", [ref.seq])
        return
    window = stop - start
    points = sorted([(c.seq, c.t) for c in calls] + [(e.seq, e.t) for e in f.truth], key=lambda x: x[0])
    points = [(ref.seq, start)] + [(seq, t) for seq, t in points if start < t < stop or (t == start and seq > ref.seq)]
    stretches: list[list] = []  # [from, to, called, truth, seq]
    for i, (seq, t) in enumerate(points):
        called, truth = _called_at(calls, seq), f.true_severity_before(seq + 1)
        to = points[i + 1][1] if i + 1 < len(points) else stop
        if stretches and stretches[-1][2:4] == [called, truth]:
            stretches[-1][1] = to
        else:
            stretches.append([t, to, called, truth, seq])
    lost_total = 0.0
    bad = []
    previous_truth = None
    for t0, t1, called, truth, seq in stretches:
        rate, grace, what = _rate(f, called, truth, previous_truth, t0 == start, timeout)
        previous_truth = truth
        span = max(0, t1 - t0 - grace)
        if span > 0 and rate < 1:
            lost_total += span * (1 - rate)
            bad.append((t0 + grace, t1, rate, what, seq))
    earned = 1 - lost_total / window
    _under_cap(f, ledger, stretches, window)
    if not bad:
        ledger.item(HELD, 1.0, None, "the severity matched the customer impact throughout (a moment to re-assess aside)", [c.seq for c in calls])
        return
    ledger.item(HELD * earned, 1.0, None, f"the severity matched the impact for {earned:.0%} of the incident", [c.seq for c in calls])
    for t0, t1, rate, what, seq in bad:
        text = f"{what} until {format_clock(t1)} ({minutes(t1 - t0)})"
        ledger.item(HELD * (t1 - t0) * (1 - rate) / window, 0.0, t0, text, [seq])


def _under_cap(f: Facts, ledger: Ledger, stretches: list[list], window: int) -> None:
    """Called two levels or more below the truth for more than half the incident: the response
    (people, stakeholders, cadence) was never mobilised as the impact required."""
    low = [(t0, t1, seq) for t0, t1, called, truth, seq in stretches if called is not None and truth != NONE and f.level(truth) - f.level(called) <= -2]
    span = sum(t1 - t0 for t0, t1, _ in low)
    if span * 2 <= window:
        return
    t0, _, seq = low[0]
    why = f"under-called by two levels or more for {minutes(span)} of the {minutes(window)} the incident was open, so the drill scores at most {UNDER_CAP[1]:.0f}"
    ledger.cap(*UNDER_CAP, t0, why, [s for *_, s in low])


def _rate(f: Facts, called: str | None, truth: str, before: str | None, first: bool, timeout: int) -> tuple[float, int, str]:
    """(share earned per second, grace before it counts, what was wrong) for a call against the truth."""
    if truth == NONE:
        return 1.0, 0, ""  # nobody hurt: any call (or none) is fine until mitigation is called
    if called is None:
        grace = timeout if first else 0
        return 0.0, grace, f"no severity called while the truth was {truth}"
    off = f.level(truth) - f.level(called)
    if off == 0:
        return 1.0, 0, ""
    if off < 0:
        rose = before is not None and f.level(truth) < f.level(before)
        return accuracy(off), RAISE_GRACE if rose else 0, f"under-called at {called} while the truth was {truth}"
    return accuracy(off), OVER_GRACE, f"over-called at {called} long after the impact showed {truth}"


def _inflated_after(tops, episode, answer) -> bool:
    """Whether an episode of pushes ended with the severity raised to the top (`tops`: the calls
    to the top, in log order) and no /qualify."""
    stop = answer.seq if answer is not None else 1 << 60
    return any_between(tops, episode[0].seq, stop)


def _sales(f: Facts, ledger: Ledger, calls) -> None:
    pushes = f.of(ev.SalesPushed)
    if not pushes:
        _never_pushed(f, ledger, calls)
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


def _never_pushed(f: Facts, ledger: Ledger, calls) -> None:
    """A Head of Sales who never pushed because the IC was already at the top level, above the
    truth, when they would have started: the inflation they ask for, given before they asked."""
    sales = f.scenario.stakeholders.head_of_sales
    if sales is None or f.detected is None:
        return
    at = max(sales.starts, f.detected.t)
    if at >= f.open_until:
        return
    top = f.levels[0]
    call = next((c for c in reversed(calls) if c.t <= at), None)
    truth = next((e for e in reversed(f.truth) if e.t <= at), None)
    true = truth.event.severity if truth is not None else NONE
    if call is None or call.event.severity != top or f.level(true) <= f.level(top):
        return
    text = (
        f"already at {top} above the truth ({true}) when the Head of Sales would have started pushing "
        f"at {format_clock(at)}: the inflation they ask for, given before they asked"
    )
    ledger.item(QUALIFY, 0.0, at, text, [call.seq] + ([truth.seq] if truth is not None else []))
