"""Responders: they acknowledge pages (or miss them), work the tasks the IC gives them, ask the IC
questions, pick up broadcast asks (sometimes), and report back. The IC's own hands-on work is here
too, since it is the same work done by the one person who should be coordinating instead.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable
from dataclasses import dataclass

import simpy
from typing import TYPE_CHECKING

from faker import Faker

from sim import graph as g
from sim.events import (
    BroadcastAsked,
    BroadcastUnanswered,
    HeadsDown,
    HeadsUp,
    MoreTimeAsked,
    PageAcknowledged,
    PageMissed,
    Paged,
    PersonListed,
    QuestionAnswered,
    QuestionAsked,
    QuestionLapsed,
    TaskAcknowledged,
    TaskAssigned,
    TaskReported,
)
from sim.scenario.model import Fault, Person

if TYPE_CHECKING:
    from sim.engine.engine import Engine

OFF, PAGED, AVAILABLE, WORKING, ROLE, AWAY = "off", "paged", "available", "working", "role", "away"
IN_INCIDENT = (AVAILABLE, WORKING, ROLE, AWAY)  # acknowledged and not gone again
IC = "ic"  # the player, when the IC works a task personally
_DEFAULT_INVESTIGATION = 180  # seconds to look at a service that holds no fault
_DEFAULT_FIX = 300  # seconds for a fix that matches no fault: a wrong fix still costs time
_MIN_ACK = 15  # nobody acknowledges a page faster than this
FATIGUE_WINDOW = 30 * 60  # noisy alerts in this window wear the on-call down
QUESTION_AT = 0.4  # share of a task's work after which a question comes up
UNREACHABLE = ("on-a-plane", "no-connectivity")

_QUESTIONS = {
    "investigate": (
        "Do we know when {service} started misbehaving? It would narrow down which logs I read.",
        "Should I look at what {service} calls as well, or only {service} itself?",
        "Pulling a full hour of {service} logs will load the log cluster. OK to go ahead?",
    ),
    "fix": (
        "Before I {action} {service}: OK to do it now, at peak traffic?",
        "{action} on {service} drops in-flight requests. Go ahead, or wait for a quieter minute?",
        "Do I need a change approval to {action} {service}, or does the incident cover it?",
    ),
}


@dataclass
class Task:
    id: int
    action: str
    service: str
    timebox: int | None
    via: str = "named"


@dataclass
class Responder:
    id: str
    spec: Person
    name: str
    status: str = OFF
    task: Task | None = None
    away_until: int = 0  # pulled off by a manager or an executive until then
    process: simpy.Process | None = None  # the task being worked, interruptible by detours


@dataclass
class Question:
    id: int
    person: str
    answered: simpy.Event


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
        self.paged_at: dict[str, int] = {}  # person -> when first paged
        self.acknowledged: set[str] = set()  # people who ever acknowledged a page
        self.questions: dict[str, Question] = {}  # person -> their open question
        self.broadcasts: set[tuple[str, str]] = set()  # open asks: (action, service)
        self._hands_on: simpy.Process | None = None

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

    def in_incident(self) -> list[Responder]:
        return [r for r in self.by_id.values() if r.status in IN_INCIDENT]

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

    def page(self, r: Responder, by: str, *, team: str | None = None, sure: bool = False) -> None:
        """Page a person. `team` is the escalation path the page is on (their own by default);
        `sure` pages always get through (a manager at the end of the path)."""
        r.status = PAGED
        self.paged_at.setdefault(r.id, self.engine.now)
        self.engine.emit(Paged(r.id, by))
        delay, missed = self._ack_delay(r, sure)
        if missed is not None:
            self.engine.emit(PageMissed(r.id, missed))
        else:
            self.engine.env.process(self._acknowledge(r, delay))
        self.engine.escalation.watch(team or r.spec.team)

    def recent_noise(self) -> int:
        """Noisy alerts fired in the last 30 minutes: what wears an on-call engineer down."""
        now = self.engine.now
        return sum(1 for t in self.engine.world.noise_fired_at if now - FATIGUE_WINDOW < t <= now)

    def _ack_delay(self, r: Responder, sure: bool) -> tuple[int, str | None]:
        """(seconds to acknowledge, None) or (0, the hidden reason the page is never seen)."""
        behaviour = self.engine.scenario.behaviour
        rng = self.engine.streams.get(f"ack/{r.id}")
        sigma = behaviour.ack_spread
        # Lognormal: most people answer near their mean, a few take much longer. Dividing by the
        # lognormal's own mean, exp(sigma^2 / 2), keeps the person's mean at ack_latency.
        latency = rng.lognormal(0.0, sigma) * r.spec.ack_latency / math.exp(sigma * sigma / 2)
        if sure:
            return int(max(_MIN_ACK, latency)), None
        reach = r.spec.reachability
        if reach in UNREACHABLE:
            return 0, reach
        noise = self.recent_noise()
        if noise and rng.random() < behaviour.fatigue_miss * noise:
            return 0, "fatigue"
        if reach == "asleep":
            latency *= behaviour.asleep_factor
        latency *= 1 + behaviour.fatigue_slowdown * noise
        return int(max(_MIN_ACK, latency)), None

    def _acknowledge(self, r: Responder, delay: int):
        yield self.engine.env.timeout(delay)
        if r.status == PAGED:
            r.status = AVAILABLE
        self.acknowledged.add(r.id)
        self.engine.emit(PageAcknowledged(r.id))

    # --- tasks ---------------------------------------------------------------------------------

    def assign(self, r: Responder, action: str, service: str, timebox: int | None, via: str = "named") -> Task:
        """Give a task to a person; `via` says how it reached them (named, broadcast, tech-lead, ...)."""
        task = Task(self._take_task_id(), action, service, timebox, via)
        r.status, r.task = WORKING, task
        self.engine.emit(TaskAssigned(task.id, r.id, action, service, timebox, via))
        r.process = self.engine.env.process(self._work(r, task))
        return task

    def _take_task_id(self) -> int:
        self._next_task += 1
        return self._next_task - 1

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
        duration = int(self._base_duration(task) / r.spec.speed * rng.uniform(0.85, 1.15))
        # Checkpoints in working time: a question to the IC, the end of the time-box.
        marks: list[tuple[int, str]] = []
        if self._will_ask(r):
            marks.append((int(duration * QUESTION_AT), "question"))
        if task.timebox is not None and duration > task.timebox:
            marks.append((task.timebox, "more-time"))
        done = 0
        for at, what in sorted(marks):
            yield from self._work_for(r, at - done)
            done = at
            if what == "question":
                yield from self._ask(r, task)
            else:
                self.engine.emit(MoreTimeAsked(task.id, r.id, duration - task.timebox))
        yield from self._work_for(r, duration - done)
        if task.action == "investigate":
            report = self._investigate(r.id, task)
        else:
            report = self._apply_fix(r.id, task, lambda teams, named: r.spec.team in teams or r.id in named)
        r.status, r.task, r.process = AVAILABLE, None, None
        self.engine.deliver_report(report)

    def _base_duration(self, task: Task) -> int:
        world = self.engine.world
        if task.action == "investigate":
            faults = [f for f in world.faults.values() if f.service == task.service and f.id in world.active]
            return max((f.investigate_takes for f in faults), default=_DEFAULT_INVESTIGATION)
        matched = world.faults_fixed_by(task.action, task.service)
        return max((f.fix.takes for f in matched), default=_DEFAULT_FIX)

    def _investigate(self, who: str, task: Task) -> TaskReported:
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
        return TaskReported(task.id, who, task.action, service, findings, health, points_to, suggests)

    def _apply_fix(self, who: str, task: Task, able: Callable[[set[str], set[str]], bool]) -> TaskReported:
        """Apply a fix as `who`; `able(teams, people)` says whether they may apply a fault's fix."""
        world = self.engine.world
        matched: list[Fault] = world.faults_fixed_by(task.action, task.service)
        findings: list[str] = []
        for fault in matched:
            teams, named = world.who_can_fix(fault)
            if able(teams, named):
                world.fix(fault, who)
                findings.append(f"Did {task.action} on {task.service}.")
            else:
                needed = ", ".join(sorted(teams | named))
                findings.append(f"I can't do {task.action} on {task.service} safely; it needs {needed}.")
        if not matched:
            findings.append(f"Did {task.action} on {task.service}; no change seen.")
        world.observe(task.service)
        return TaskReported(task.id, who, task.action, task.service, findings, world.health[task.service])

    # --- questions to the IC -------------------------------------------------------------------

    def _will_ask(self, r: Responder) -> bool:
        rng = self.engine.streams.get(f"question/{r.id}")
        return bool(rng.random() < self.engine.scenario.behaviour.question_chance)

    def _question_text(self, r: Responder, task: Task) -> str:
        rng = self.engine.streams.get(f"question/{r.id}")
        kind = "investigate" if task.action == "investigate" else "fix"
        templates = _QUESTIONS[kind]
        text = templates[int(rng.integers(len(templates)))]
        return text.format(action=task.action, service=task.service)

    def _ask(self, r: Responder, task: Task):
        """Ask the IC and wait for the answer (a /dm) or until waiting is no longer worth it."""
        env = self.engine.env
        question = Question(self.engine.next_id("question"), r.id, env.event())
        self.questions[r.id] = question
        self.engine.emit(QuestionAsked(question.id, r.id, self._question_text(r, task)))
        # Waiting counts only while they sit at the task: time pulled away on a detour does not.
        wait, waited = self.engine.scenario.behaviour.question_wait, 0
        while not question.answered.triggered and waited < wait:
            started = env.now
            away = env.now < r.away_until
            try:
                yield question.answered | env.timeout((r.away_until - env.now) if away else (wait - waited))
            except simpy.Interrupt:
                pass  # a detour or a recall: the question still waits for its answer
            if not away:
                waited += env.now - started
        if self.questions.get(r.id) is question:
            del self.questions[r.id]
            self.engine.emit(QuestionLapsed(question.id, r.id))

    def answer(self, r: Responder, text: str) -> bool:
        """The IC's DM to a person: answers their open question, when they have one."""
        question = self.questions.pop(r.id, None)
        if question is None:
            return False
        self.engine.emit(QuestionAnswered(question.id, r.id, text))
        question.answered.succeed()
        return True

    # --- broadcast asks ------------------------------------------------------------------------

    def broadcast(self, action: str, service: str) -> None:
        """'Can someone ...': maybe somebody picks it up, late; maybe nobody does."""
        behaviour = self.engine.scenario.behaviour
        rng = self.engine.streams.get("broadcast")
        picked = bool(rng.random() < behaviour.broadcast_pickup)
        delay = max(1, int(rng.exponential(behaviour.broadcast_delay)))
        self.broadcasts.add((action, service))
        self.engine.emit(BroadcastAsked(action, service))
        self.engine.env.process(self._broadcast(action, service, picked, delay))

    def _broadcast(self, action: str, service: str, picked: bool, delay: int):
        env = self.engine.env
        give_up = self.engine.now + 2 * self.engine.scenario.behaviour.broadcast_delay
        if picked:
            yield env.timeout(delay)
            volunteer = self._volunteer(action, service)
            if volunteer is not None and self.engine.phase != "resolved":
                self.broadcasts.discard((action, service))
                self.assign(volunteer, action, service, None, via="broadcast")
                return
        if env.now < give_up:
            yield env.timeout(give_up - env.now)
        self.broadcasts.discard((action, service))
        if self.engine.phase != "resolved":
            self.engine.emit(BroadcastUnanswered(action, service))

    def _volunteer(self, action: str, service: str) -> Responder | None:
        """Someone free who could do it, the service's owners first, then in id order."""
        now = self.engine.now
        owner = g.owner(self.engine.graph, service)
        free = [
            r for r in self.by_id.values()
            if r.status == AVAILABLE and r.away_until <= now and (action == "investigate" or self.can_work_on(r, service))
        ]
        free.sort(key=lambda r: (r.spec.team != owner, r.id))
        return free[0] if free else None

    # --- the IC's own hands-on work ------------------------------------------------------------

    def hands_on(self, action: str, service: str) -> int:
        """The IC does a task personally and goes heads-down; returns when it will be done."""
        task = Task(self._take_task_id(), action, service, None, "hands-on")
        factor = self.engine.scenario.behaviour.hands_on_factor
        until = self.engine.now + max(1, int(self._base_duration(task) * factor))
        self.engine.heads_down_until = until
        self.engine.emit(HeadsDown(action, service, until))
        self._hands_on = self.engine.env.process(self._heads_down(task, until))
        return until

    def _heads_down(self, task: Task, until: int):
        try:
            yield self.engine.env.timeout(until - self.engine.now)
        except simpy.Interrupt:
            return  # /back: the work is dropped unfinished
        self._hands_on = None
        if task.action == "investigate":
            report = self._investigate(IC, task)
        else:
            report = self._apply_fix(IC, task, lambda teams, named: True)  # the IC has every access
        self.engine.deliver_report(report)
        self._heads_up()

    def back(self) -> None:
        """/back: stop the hands-on work now, with no result, and read what piled up."""
        if self._hands_on is not None and self._hands_on.is_alive:
            self._hands_on.interrupt("back")
        self._hands_on = None
        self._heads_up()

    def _heads_up(self) -> None:
        held = [m for m in self.engine.view.held if not (isinstance(m.event, TaskReported) and m.event.person == IC)]
        self.engine.heads_down_until = None
        self.engine.emit(HeadsUp(len(held)))
