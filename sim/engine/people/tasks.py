"""Task work: a responder given a task says "on it", works it in working time (a detour pauses the
clock, see `detour`), may stop to ask the IC a question or for more time, and reports what an
investigation found or what a fix did. How long a task takes and what it finds (`base_duration`,
`investigate`, `apply_fix`) are shared with the IC's own hands-on work.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import simpy

from sim.scenario import graph as g
from sim.engine.people.model import AVAILABLE, AWAY, WORKING, Responder, Task
from sim.log.events import MoreTimeAsked, TaskAcknowledged, TaskAssigned, TaskReported
from sim.log.clock import format_duration
from sim.scenario.model import Fault, Fix, Remedy

if TYPE_CHECKING:
    from sim.engine.engine import Engine
    from sim.engine.people.questions import Questions

_DEFAULT_INVESTIGATION = 180  # seconds to look at a service that holds no fault
_DEFAULT_FIX = 300  # seconds for a fix that matches no fault: a wrong fix still costs time
QUESTION_AT = 0.4  # share of a task's work after which a question comes up


class TaskWork:
    def __init__(self, engine: Engine, questions: Questions) -> None:
        self.engine = engine
        self.questions = questions
        self._next_task = 1

    def assign(self, r: Responder, action: str, service: str, timebox: int | None, via: str = "named") -> Task:
        """Give a task to a person; `via` says how it reached them (named, broadcast, tech-lead, ...)."""
        task = Task(self.take_task_id(), action, service, timebox, via, self.engine.now)
        r.status, r.task = WORKING, task
        self.engine.incident.task_given(action)
        self.engine.emit(TaskAssigned(task.id, r.id, action, service, timebox, via))
        r.process = self.engine.env.process(self._work(r, task))
        return task

    def take_task_id(self) -> int:
        """The next task id, shared with the IC's hands-on tasks."""
        self._next_task += 1
        return self._next_task - 1

    # --- detours -------------------------------------------------------------------------------

    def detour(self, r: Responder, seconds: int) -> None:
        """Take a person away from their work for `seconds`; their task waits, then resumes."""
        now = self.engine.now
        r.away_until = max(r.away_until, now) + seconds
        if r.status == WORKING and r.process is not None and r.process.is_alive:
            r.process.interrupt("detour")
        elif r.status == AVAILABLE:
            r.status = AWAY
            self.engine.env.process(self._come_back(r))

    def _come_back(self, r: Responder):
        while self.engine.now < r.away_until:
            yield self.engine.env.timeout(r.away_until - self.engine.now)
        if r.status == AWAY:
            r.status = AVAILABLE

    def _work_for(self, r: Responder, seconds: int):
        """Spend `seconds` of working time on the task; time away on detours does not count."""
        env = self.engine.env
        remaining = seconds
        while remaining > 0 or env.now < r.away_until:
            started = None
            try:
                if env.now < r.away_until:
                    yield env.timeout(r.away_until - env.now)
                else:
                    started = env.now
                    yield env.timeout(remaining)
                    remaining = 0
            except simpy.Interrupt:
                if started is not None:
                    remaining -= env.now - started

    # --- working a task ------------------------------------------------------------------------

    def _task_ack_delay(self, rng) -> int:
        """'On it' comes after about behaviour.task_ack: uniform over half to one and a half of it."""
        mean = self.engine.scenario.behaviour.task_ack
        return int(rng.integers(int(0.5 * mean), int(1.5 * mean) + 1))

    def _work(self, r: Responder, task: Task):
        rng = self.engine.streams.get(f"work/{r.id}")
        if task.via == "broadcast":
            self.engine.emit(TaskAcknowledged(task.id, r.id))  # picking it up is the "on it"
        else:
            yield from self._work_for(r, self._task_ack_delay(rng))
            self.engine.emit(TaskAcknowledged(task.id, r.id))
        duration = int(base_duration(self.engine, task) / r.spec.speed * rng.uniform(0.85, 1.15))
        # Checkpoints in working time: a question to the IC, the end of the time-box.
        marks: list[tuple[int, str]] = []
        if self.questions.will_ask(r):
            marks.append((int(duration * QUESTION_AT), "question"))
        if task.timebox is not None and duration > task.timebox:
            marks.append((task.timebox, "more-time"))
        done = 0
        for at, what in sorted(marks):
            yield from self._work_for(r, at - done)
            done = at
            if what == "question":
                yield from self.questions.ask(r, task)
            else:
                self.engine.emit(MoreTimeAsked(task.id, r.id, duration - task.timebox))
        yield from self._work_for(r, duration - done)
        if task.action == "investigate":
            report = investigate(self.engine, r.id, task)
        else:
            report = apply_fix(self.engine, r.id, task, lambda teams, named: r.spec.team in teams or r.id in named)
        r.status, r.task, r.process = AVAILABLE, None, None
        self.engine.deliver_report(report)


# --- what a task takes and finds (responders and the IC alike) ---------------------------------


def base_duration(engine: Engine, task: Task) -> int:
    world = engine.world
    if task.action == "investigate":
        faults = [f for f in world.faults.values() if f.service == task.service and f.id in world.active]
        return max((f.investigate_takes for f in faults), default=_DEFAULT_INVESTIGATION)
    matched = world.remedies_for(task.action, task.service)
    return max((fix.takes for _, fix in matched), default=_DEFAULT_FIX)


def investigate(engine: Engine, who: str, task: Task) -> TaskReported:
    world = engine.world
    service = task.service
    world.observe(service)
    health = world.health[service]
    findings: list[str] = []
    suggests = points_to = None
    faults = [world.faults[fid] for fid in sorted(world.active) if world.faults[fid].service == service]
    if faults:
        for fault in faults:
            findings.extend(fault.evidence)
        suggests = f"{faults[0].fix.action} {faults[0].fix.target}"
        findings.append(f"Best next step: {suggests}.")
        findings.extend(_relief(faults[0]))
    elif health != g.OK:
        points_to = g.worst_dependency(engine.graph, service, world.health)
        findings.append(f"{service} is {health} because its calls to {points_to} are failing.")
    else:
        findings.append(f"{service} looks healthy: errors and latency at baseline.")
    return TaskReported(task.id, who, task.action, service, findings, health, points_to, suggests)


def apply_fix(engine: Engine, who: str, task: Task, able: Callable[[set[str], set[str]], bool]) -> TaskReported:
    """Apply a fix as `who`; `able(teams, people)` says whether they may apply a fault's fix.

    The action may be a fault's fix or one of its remedies: a real fix removes the fault, a
    mitigation takes it off for a while, a worsening makes it worse."""
    world = engine.world
    matched: list[tuple[Fault, Fix]] = world.remedies_for(task.action, task.service)
    findings: list[str] = []
    for fault, fix in matched:
        teams, named = world.who_can_fix(fault, fix)
        if not able(teams, named):
            needed = ", ".join(sorted(teams | named))
            findings.append(f"I can't do {task.action} on {task.service} safely; it needs {needed}.")
            continue
        done = f"Failed {task.service} over to {fix.to}." if fix.to else f"Did {task.action} on {task.service}."
        does = fix.does if isinstance(fix, Remedy) else "fixes"
        if does == "fixes":
            world.fix(fault, who)
            findings.append(done)
        elif does == "mitigates":
            world.mitigate(fault, fix, who)
            findings.append(f"{done} Errors dropped for now, but the cause is still there.")
        elif world.worsen(fault, fix, who):
            findings.append(f"{done} It made things worse.")
        else:
            findings.append(f"{done} No change seen.")
    if not matched:
        findings.append(f"Did {task.action} on {task.service}; no change seen.")
    world.observe(task.service)
    return TaskReported(task.id, who, task.action, task.service, findings, world.health[task.service])


def _relief(fault: Fault) -> list[str]:
    """A mitigation the evidence points to, beside the real fix; never a remedy that worsens."""
    for remedy in fault.remedies:
        if remedy.does == "mitigates":
            fix = fault.fix
            return [
                f"Quick relief: {remedy.action} {remedy.target} buys about {format_duration(remedy.lasts or 0)}; "
                f"the real fix is {fix.action} {fix.target}."
            ]
    return []
