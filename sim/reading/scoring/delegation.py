"""Delegation: every task to a named person with a time-box; no broadcast asks, no hands-on work.

"Delegate, delegate, delegate" (the article): if somebody is available to look at logs or help
triage, the IC must hand them the task so the IC can coordinate. PagerDuty's IC training adds the
shape of a good task: a named person, a time-box, an acknowledgement; never "can someone ...".

Items (each task is one):
- a task given to a named person earns two thirds, its time-box the rest; tasks the Tech Lead
  hands out or that follow a decided disagreement come named and time-boxed, and count the same;
- a broadcast ask ("can someone ...") earns nothing, whoever picks it up;
- hands-on work (/handson) earns nothing and weighs double: the IC stops coordinating;
- no task at all once the incident is detected earns nothing, and weighs triple.
Penalty, small: people left with nothing to do while customers are hurt, beyond a grace.
"""

from __future__ import annotations

from bisect import bisect_right

from sim.log import events as ev
from sim.log.clock import format_clock
from sim.reading.scoring.card import Ledger
from sim.reading.scoring.facts import Facts, minutes
from sim.reading.scoring.seek import first_after, grouped

NAMED = 2 / 3  # a named person is most of a good task (the bystander effect); the time-box the rest
IDLE_GRACE = 300  # seconds a responder may wait for a task before it counts as idle
IDLE_POINTS_PER_MIN = 0.25  # points per person-minute idle beyond the grace
IDLE_CAP = 10.0  # points, for all idle time together


def judge(f: Facts) -> Ledger:
    ledger = Ledger("delegation")
    if f.detected is None:
        return ledger
    given = 0
    for entry in f.of(ev.TaskAssigned):
        task = entry.event
        what = f"{task.action} {task.service}"
        who = f.name(task.person)
        if task.via == "broadcast":
            continue  # judged as the ask that brought it
        given += 1
        if task.via in ("tech-lead", "decision"):
            how = "by the Tech Lead" if task.via == "tech-lead" else "once the disagreement was settled"
            boxed = task.timebox is not None
            text = f"{what} went to {who} {how}" + (f" with a {minutes(task.timebox)} time-box" if boxed else "")
            ledger.item(1, 1.0 if boxed else NAMED, entry.t, text, [entry.seq])
        elif task.timebox is not None:
            ledger.item(1, 1.0, entry.t, f"{what} given to {who} with a {minutes(task.timebox)} time-box", [entry.seq])
        else:
            text = f"{what} given to {who} with no time-box (say when to report back)"
            ledger.item(1, NAMED, entry.t, text, [entry.seq])
    what_of = lambda e: (e.event.action, e.event.service)  # noqa: E731 - what an ask (or its answer) is about
    picked = grouped((t for t in f.of(ev.TaskAssigned) if t.event.via == "broadcast"), what_of)
    unanswered = grouped(f.of(ev.BroadcastUnanswered), what_of)
    for entry in f.of(ev.BroadcastAsked):
        given += 1
        seqs, fate = [entry.seq], "nobody picked it up"
        if (later := first_after(picked.get(what_of(entry), []), entry.seq)) is not None:
            seqs.append(later.seq)
            fate = f"{f.name(later.event.person)} picked it up at {format_clock(later.t)}"
        elif (later := first_after(unanswered.get(what_of(entry), []), entry.seq)) is not None:
            seqs.append(later.seq)
            fate = f"nobody picked it up by {format_clock(later.t)}"
        ask = entry.event
        text = f"asked the channel 'can someone {ask.action} {ask.service}?' instead of naming someone; {fate}"
        ledger.item(1, 0.0, entry.t, text, seqs)
    ups = f.of(ev.HeadsUp)
    for entry in f.of(ev.HeadsDown):
        given += 1
        down = entry.event
        up = first_after(ups, entry.seq)
        seqs = [entry.seq] + ([up.seq] if up is not None else [])
        held = f"; {up.event.held} messages waited for you" if up is not None and up.event.held else ""
        until = up.t if up is not None else down.until
        text = (
            f"went heads-down to {down.action} {down.service} yourself until {format_clock(until)}{held}; "
            "hand it to someone and keep coordinating"
        )
        ledger.item(2, 0.0, entry.t, text, seqs)
    if given == 0:
        seqs = [f.reference.seq] if f.reference is not None else []
        ledger.item(3, 0.0, f.reference.t if f.reference else None, "no task was handed to anyone", seqs)
    _idle(f, ledger)
    return ledger


def _idle(f: Facts, ledger: Ledger) -> None:
    """People in the incident with nothing to do while customers are still hurt."""
    start = f.declared.t if f.declared is not None else None
    if start is None:
        return
    stop = f.open_until
    away = _away(f)
    budget = IDLE_CAP  # all idle time together costs "a little": at most this many points
    for stretch in sorted(f.stretches, key=lambda s: (s.start, s.person)):
        if stretch.state != "available":
            continue
        a, b = max(stretch.start, start), min(stretch.end, stop)
        if b <= a:
            continue
        idle = (b - a) - _overlap(away.get(stretch.person, ([], [])), a, b)
        beyond = idle - IDLE_GRACE
        if beyond <= 0:
            continue
        points = min(budget, IDLE_POINTS_PER_MIN * beyond / 60)
        budget -= points
        if points <= 0:
            continue
        text = (
            f"{f.name(stretch.person)} waited with nothing to do until {format_clock(b)} "
            f"({minutes(idle)}) while customers were hurt; give them a task or a role, or release them"
        )
        ledger.penalty(points, a, text, [stretch.seq])


def _away(f: Facts) -> dict[str, tuple[list[int], list[int]]]:
    """Time people spent away from the IC's reach (dead ends, pulled off, arguing a conflict), as
    each person's spans merged into disjoint ones: (their starts, their ends), in order."""
    away: dict[str, list[tuple[int, int]]] = {}
    ends = grouped(f.of(ev.DeadEndEnded), lambda e: e.event.person)
    for entry in f.of(ev.DeadEndStarted):
        end = first_after(ends.get(entry.event.person, []), entry.seq)
        away.setdefault(entry.event.person, []).append((entry.t, end.t if end is not None else f.end))
    for entry in f.of(ev.PulledOff):
        away.setdefault(entry.event.person, []).append((entry.t, entry.t + entry.event.seconds))
    decided = {e.event.conflict: e.t for e in f.of(ev.ConflictDecided)}
    for entry in f.of(ev.ConflictRaised):
        conflict = next((c for c in f.scenario.conflicts if c.id == entry.event.conflict), None)
        if conflict is None:
            continue
        for proposal in conflict.proposals:
            away.setdefault(proposal.person, []).append((entry.t, decided.get(conflict.id, f.end)))
    return {person: _merged(spans) for person, spans in away.items()}


def _merged(spans: list[tuple[int, int]]) -> tuple[list[int], list[int]]:
    """The union of ``spans`` as disjoint spans in order: (starts, ends)."""
    starts: list[int] = []
    ends: list[int] = []
    for s, e in sorted(spans):
        if e <= s:
            continue
        if ends and s <= ends[-1]:
            ends[-1] = max(ends[-1], e)
        else:
            starts.append(s)
            ends.append(e)
    return starts, ends


def _overlap(merged: tuple[list[int], list[int]], a: int, b: int) -> int:
    """How much of the time from a to b the merged spans cover."""
    starts, ends = merged
    covered = 0
    for i in range(bisect_right(ends, a), len(ends)):
        if starts[i] >= b:
            break
        covered += min(ends[i], b) - max(starts[i], a)
    return covered
