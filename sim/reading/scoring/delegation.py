"""Delegation: useful tasks to named people with time-boxes; no broadcast asks, no needless pages.

"Delegate, delegate, delegate" (the article): if somebody is available to look at logs or help
triage, the IC must hand them the task so the IC can coordinate. PagerDuty's IC training adds the
shape of a good task: a named person, a time-box, an acknowledgement; never "can someone ...".
And a task is only as good as its use: asking for what is already under way, or chasing a
service nothing points to (a noisy alert on a healthy service), wastes a responder.

Items (each task is one):
- a useful task given to a named person earns two thirds, its time-box the rest; tasks the Tech
  Lead hands out or that follow a decided disagreement come named and time-boxed, and count the same;
- a task that repeats one under way, or one reported in the last ten minutes, earns nothing;
- an investigation of a service no symptom points to (not failing, named by no report) earns nothing;
- a broadcast ask ("can someone ...") earns nothing, whoever picks it up;
- each person you paged whom the incident never needed (no task, no role, their team owns
  nothing in trouble and no fix) earns nothing;
- no task at all once the incident is detected earns nothing, and weighs triple.
Hands-on work is judged once, in focus (the IC left the coordinator's seat), not here.
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


REPEAT_WINDOW = 600  # seconds after a report during which asking for the same again is a repeat


def judge(f: Facts) -> Ledger:
    ledger = Ledger("delegation")
    if f.detected is None:
        return ledger
    given = _tasks(f, ledger)
    given += _asks(f, ledger)
    if given == 0:
        seqs = [f.reference.seq] if f.reference is not None else []
        ledger.item(3, 0.0, f.reference.t if f.reference else None, "no task was handed to anyone", seqs)
    _needless_pages(f, ledger)
    _idle(f, ledger)
    return ledger


def _tasks(f: Facts, ledger: Ledger) -> int:
    """Judge every task in log order against what was under way, done and failing at that moment."""
    under_way: dict[tuple[str, str], set[int]] = {}  # (action, service) -> task ids not yet reported
    reported: dict[tuple[str, str], int] = {}  # (action, service) -> when last reported
    health: dict[str, str] = {}
    pointed: set[str] = set()  # services a report pointed to, or whose fix a report suggested
    tasks: dict[int, tuple[str, str]] = {}
    given = 0
    for entry in f.entries:
        e = entry.event
        if isinstance(e, ev.HealthChanged):
            health[e.service] = e.health
        elif isinstance(e, ev.TaskReported):
            key = (e.action, e.service)
            under_way.get(key, set()).discard(e.task)
            reported[key] = entry.t
            pointed.update(x for x in (e.points_to, e.suggests.split()[-1] if e.suggests else None) if x)
        elif isinstance(e, ev.TaskAssigned) and e.via != "hands-on":
            key = (e.action, e.service)
            tasks[e.task] = key
            if e.via != "broadcast":  # a broadcast is judged as the ask that brought it
                given += 1
                _task(f, ledger, entry, under_way.get(key), reported.get(key), health, pointed)
            under_way.setdefault(key, set()).add(e.task)
    return given


def _task(f: Facts, ledger: Ledger, entry, running, last_report, health, pointed) -> None:
    task = entry.event
    what = f"{task.action} {task.service}"
    who = f.name(task.person)
    if running:
        ledger.item(1, 0.0, entry.t, f"{what} given to {who} while the same task was already under way", [entry.seq])
        return
    if last_report is not None and entry.t - last_report < REPEAT_WINDOW:
        text = f"{what} given to {who} {minutes(entry.t - last_report)} after the same task was reported done"
        ledger.item(1, 0.0, entry.t, text, [entry.seq])
        return
    if task.action == "investigate" and health.get(task.service, "ok") == "ok" and task.service not in pointed:
        text = f"{what} given to {who}, but no symptom pointed to {task.service} (healthy, named by no report): a noisy alert or a guess"
        ledger.item(1, 0.0, entry.t, text, [entry.seq])
        return
    if task.via in ("tech-lead", "decision"):
        how = "by the Tech Lead" if task.via == "tech-lead" else "once the disagreement was settled"
        boxed = task.timebox is not None
        text = f"{what} went to {who} {how}" + (f" with a {minutes(task.timebox)} time-box" if boxed else "")
        ledger.item(1, 1.0 if boxed else NAMED, entry.t, text, [entry.seq])
    elif task.timebox is not None:
        ledger.item(1, 1.0, entry.t, f"{what} given to {who} with a {minutes(task.timebox)} time-box", [entry.seq])
    else:
        ledger.item(1, NAMED, entry.t, f"{what} given to {who} with no time-box (say when to report back)", [entry.seq])


def _asks(f: Facts, ledger: Ledger) -> int:
    what_of = lambda e: (e.event.action, e.event.service)  # noqa: E731 - what an ask (or its answer) is about
    picked = grouped((t for t in f.of(ev.TaskAssigned) if t.event.via == "broadcast"), what_of)
    unanswered = grouped(f.of(ev.BroadcastUnanswered), what_of)
    for entry in f.of(ev.BroadcastAsked):
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
    return len(f.of(ev.BroadcastAsked))


def _needless_pages(f: Facts, ledger: Ledger) -> None:
    """People you paged whom the incident never needed: woken for nothing (pager fatigue)."""
    services = f.scenario.services
    troubled_teams = {services[e.event.service].owner for e in f.of(ev.HealthChanged) if e.event.health != "ok" and e.event.service in services}
    fixes = [fix for fault in f.scenario.faults for _, fix in fault.actions()]  # the fix and every remedy
    fix_teams = {team for fix in fixes for team in fix.teams} | {services[fix.target].owner for fix in fixes if fix.target in services}
    fix_people = {person for fix in fixes for person in fix.people}
    used = {e.event.person for e in f.of(ev.TaskAssigned)} | {e.event.person for e in f.of(ev.RoleAssigned)}
    judged: set[str] = set()
    for page in f.of(ev.Paged):
        person = page.event.person
        if page.event.by != "ic" or person == "ic" or person in judged:
            continue
        judged.add(person)
        team = f.teams.get(person)
        if person in used or person in fix_people or team in troubled_teams or team in fix_teams:
            continue
        text = f"paged {f.name(person)} ({team}), whom the incident never needed: no task, no role, and their team owned nothing in trouble"
        ledger.item(1, 0.0, page.t, text, [page.seq])


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
