"""Responders: they acknowledge pages, work the tasks the IC gives them and report back."""

from __future__ import annotations

import functools
from dataclasses import dataclass

import simpy
from typing import TYPE_CHECKING

from faker import Faker

from sim import graph as g
from sim.events import (
    MoreTimeAsked,
    PageAcknowledged,
    Paged,
    PersonListed,
    TaskAcknowledged,
    TaskAssigned,
    TaskReported,
)
from sim.scenario.model import Person

if TYPE_CHECKING:
    from sim.engine.engine import Engine

OFF, PAGED, AVAILABLE, WORKING, ROLE, AWAY = "off", "paged", "available", "working", "role", "away"
_DEFAULT_INVESTIGATION = 180  # seconds to look at a service that holds no fault
_DEFAULT_FIX = 300  # seconds for a fix that matches no fault: a wrong fix still costs time
_TASK_ACK = (20, 61)  # seconds before a named assignee says "on it"


@dataclass
class Task:
    id: int
    action: str
    service: str
    timebox: int | None


@dataclass
class Responder:
    id: str
    spec: Person
    name: str
    status: str = OFF
    task: Task | None = None
    away_until: int = 0  # pulled off by a manager or an executive until then
    process: simpy.Process | None = None  # the task being worked, interruptible by detours


@functools.cache
def _faker() -> Faker:
    # Building a Faker costs milliseconds; seed_instance below fully reseeds it on every use.
    return Faker("en_US")


def generate_names(people: dict[str, Person], seed: int) -> dict[str, str]:
    """Display names: the scenario's where given, otherwise Faker's, seeded per session."""
    if all(people[pid].name for pid in people):
        return {pid: people[pid].name for pid in sorted(people)}
    fake = _faker()
    fake.seed_instance(seed)
    return {pid: (people[pid].name or fake.name()) for pid in sorted(people)}


class People:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        people = engine.scenario.people
        names = generate_names(people, engine.streams.int_seed("names"))
        self.by_id = {pid: Responder(pid, people[pid], names[pid]) for pid in sorted(people)}
        self._next_task = 1

    def start(self) -> None:
        for r in self.by_id.values():
            self.engine.emit(PersonListed(r.id, r.name, r.spec.team, r.spec.on_call))

    def find(self, ref: str) -> Responder | None:
        """A person by id, or by first name when exactly one person has it."""
        ref = ref.lower()
        if ref in self.by_id:
            return self.by_id[ref]
        matches = [r for r in self.by_id.values() if r.name.split()[0].lower() == ref]
        return matches[0] if len(matches) == 1 else None

    def on_call(self, team: str) -> Responder | None:
        """The team's primary on-call, else its secondary."""
        for rota in ("primary", "secondary"):
            for r in self.by_id.values():
                if r.spec.team == team and r.spec.on_call == rota:
                    return r
        return None

    def can_work_on(self, r: Responder, service: str) -> bool:
        """Access to change a service: its owners, people who know it, and anyone a fault names."""
        if r.spec.team == g.owner(self.engine.graph, service) or service in r.spec.skills:
            return True
        world = self.engine.world
        for fault in world.faults.values():
            if fault.fix.target == service:
                teams, named = world.who_can_fix(fault)
                if r.spec.team in teams or r.id in named:
                    return True
        return False

    # --- pages ---------------------------------------------------------------------------------

    def page(self, r: Responder, by: str) -> None:
        r.status = PAGED
        self.engine.emit(Paged(r.id, by))
        self.engine.env.process(self._acknowledge(r))

    def _acknowledge(self, r: Responder):
        rng = self.engine.streams.get(f"ack/{r.id}")
        # Lognormal: most people answer near their mean, a few take much longer. lognormal(0, 0.5)
        # has mean exp(0.125) = 1.133, hence the factor that brings the mean to ack_latency.
        delay = int(max(15, rng.lognormal(0.0, 0.5) * r.spec.ack_latency / 1.133))
        yield self.engine.env.timeout(delay)
        r.status = AVAILABLE
        self.engine.emit(PageAcknowledged(r.id))

    # --- tasks ---------------------------------------------------------------------------------

    def assign(self, r: Responder, action: str, service: str, timebox: int | None, via: str = "named") -> Task:
        """Give a task to a person; `via` says how it reached them (named, broadcast, tech-lead, ...)."""
        task = Task(self._next_task, action, service, timebox)
        self._next_task += 1
        r.status, r.task = WORKING, task
        self.engine.emit(TaskAssigned(task.id, r.id, action, service, timebox, via))
        r.process = self.engine.env.process(self._work(r, task))
        return task

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

    def _work(self, r: Responder, task: Task):
        rng = self.engine.streams.get(f"work/{r.id}")
        yield from self._work_for(r, int(rng.integers(*_TASK_ACK)))
        self.engine.emit(TaskAcknowledged(task.id, r.id))
        duration = int(self._base_duration(task) / r.spec.speed * rng.uniform(0.85, 1.15))
        if task.timebox is not None and duration > task.timebox:
            yield from self._work_for(r, task.timebox)
            extra = duration - task.timebox
            self.engine.emit(MoreTimeAsked(task.id, r.id, extra))
            yield from self._work_for(r, extra)
        else:
            yield from self._work_for(r, duration)
        if task.action == "investigate":
            report = self._investigate(r, task)
        else:
            report = self._apply_fix(r, task)
        r.status, r.task, r.process = AVAILABLE, None, None
        self.engine.deliver_report(report)

    def _base_duration(self, task: Task) -> int:
        world = self.engine.world
        if task.action == "investigate":
            faults = [f for f in world.faults.values() if f.service == task.service and f.id in world.active]
            return max((f.investigate_takes for f in faults), default=_DEFAULT_INVESTIGATION)
        matched = world.faults_fixed_by(task.action, task.service)
        return max((f.fix.takes for f in matched), default=_DEFAULT_FIX)

    def _investigate(self, r: Responder, task: Task) -> TaskReported:
        world = self.engine.world
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
        elif health != g.OK:
            points_to = g.worst_dependency(self.engine.graph, service, world.health)
            findings.append(f"{service} is {health} because its calls to {points_to} are failing.")
        else:
            findings.append(f"{service} looks healthy: errors and latency at baseline.")
        return TaskReported(task.id, r.id, task.action, service, findings, health, points_to, suggests)

    def _apply_fix(self, r: Responder, task: Task) -> TaskReported:
        world = self.engine.world
        matched = world.faults_fixed_by(task.action, task.service)
        findings: list[str] = []
        for fault in matched:
            teams, named = world.who_can_fix(fault)
            if r.spec.team in teams or r.id in named:
                world.fix(fault, r.id)
                findings.append(f"Did {task.action} on {task.service}.")
            else:
                who = ", ".join(sorted(teams | named))
                findings.append(f"I can't do {task.action} on {task.service} safely; it needs {who}.")
        if not matched:
            findings.append(f"Did {task.action} on {task.service}; no change seen.")
        world.observe(task.service)
        return TaskReported(task.id, r.id, task.action, task.service, findings, world.health[task.service])
