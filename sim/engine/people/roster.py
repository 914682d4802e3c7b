"""The roster: everyone in the scenario's directory, who is on call, who may change which service,
and the pages that bring them in (acknowledged after a lognormal delay, or missed: unreachable, or
worn down by noisy alerts). `People` is also the one object the rest of the engine asks about
people; task work, questions, broadcast asks and the IC's hands-on work sit in their own modules.

Who is reachable how is settled once, at the start (`reach`): the scenario's reachability, or,
for someone whose reachability the scenario leaves out, asleep or awake by a draw when the setting
puts the drill at night (`sim.engine.people.presence`). Who is in the channel from the start
(`present: true`) is settled there too.
"""

from __future__ import annotations

import functools
import math
from typing import TYPE_CHECKING

from faker import Faker

from sim.scenario import graph as g
from sim.engine.people.broadcasts import Broadcasts
from sim.engine.people.dms import DirectMessages
from sim.engine.people.hands_on import HandsOn
from sim.engine.people.model import AVAILABLE, IN_INCIDENT, PAGED, Responder, Task
from sim.engine.people.presence import Presence
from sim.engine.people.questions import Question, Questions
from sim.engine.people.tasks import TaskWork
from sim.reading.names import resolve_person
from sim.log.events import PageAcknowledged, PageMissed, Paged, PersonListed
from sim.scenario.model import UNREACHABLE, Person

if TYPE_CHECKING:
    from sim.engine.engine import Engine

_MIN_ACK = 15  # nobody acknowledges a page faster than this
FATIGUE_WINDOW = 30 * 60  # noisy alerts in this window wear the on-call down


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
        self.names = {pid: r.name for pid, r in self.by_id.items()}  # what `resolve` reads, as listed
        self.teams = {pid: r.spec.team for pid, r in self.by_id.items()}
        self.paged_at: dict[str, int] = {}  # person -> when first paged
        self.acknowledged: set[str] = set()  # people who ever acknowledged a page
        self.gone: set[str] = set()  # dropped out of the incident (a facilitator's inject): never back
        self.asking = Questions(engine)
        self.work = TaskWork(engine, self.asking)
        self.broadcasting = Broadcasts(engine, self)
        self.ic_hands_on = HandsOn(engine, self.work)
        self.presence = Presence(engine, self.by_id)
        self.reach = self.presence.reach  # person -> reachability as it truly is in this session
        self.dms = DirectMessages(engine, self.reach)

    def start(self) -> None:
        for r in self.by_id.values():
            self.engine.emit(PersonListed(r.id, r.name, r.spec.team, r.spec.on_call))
        self.presence.start(self.acknowledged)

    def find(self, ref: str) -> Responder | None:
        """A person by id, full name, or first name when exactly one person has it."""
        pid, _ = self.resolve(ref)
        return self.by_id[pid] if pid is not None else None

    def resolve(self, ref: str) -> tuple[str | None, str | None]:
        """(id, None) for the person `ref` names, or (None, why not): see `resolve_person`."""
        return resolve_person(self.names, ref, self.teams)

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
            for _, fix in fault.actions():  # the fix and every remedy
                if fix.target == service:
                    teams, named = world.who_can_fix(fault, fix)
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
        return sum(1 for t in self.engine.alerts.noise_fired_at if now - FATIGUE_WINDOW < t <= now)

    def _ack_delay(self, r: Responder, sure: bool) -> tuple[int, str | None]:
        """(seconds to acknowledge, None) or (0, the hidden reason the page is never seen)."""
        behaviour = self.engine.scenario.behaviour
        rng = self.engine.streams.get(f"ack/{r.id}")
        sigma = behaviour.ack_spread
        # Lognormal: most people answer near their mean, a few take much longer. Dividing by the
        # lognormal's own mean, exp(sigma^2 / 2), keeps the person's mean at ack_latency.
        latency = rng.lognormal(0.0, sigma) * r.spec.ack_latency / math.exp(sigma * sigma / 2)
        reach = self.reach[r.id]
        if reach in UNREACHABLE:
            return 0, reach  # on every path: a manager on a plane misses an escalation too
        if sure:
            # A manager paged on their team's path answers for sure: no fatigue, but asleep is asleep.
            return int(max(_MIN_ACK, latency * (behaviour.asleep_factor if reach == "asleep" else 1))), None
        noise = self.recent_noise()
        if noise and rng.random() < behaviour.fatigue_miss * noise:
            return 0, "fatigue"
        if reach == "asleep":
            latency *= behaviour.asleep_factor
        latency *= 1 + behaviour.fatigue_slowdown * noise
        return int(max(_MIN_ACK, latency)), None

    def leave(self, pid: str, reach: str) -> None:
        """`pid` drops out: from now on they answer pages and DMs as a person with reachability
        `reach` does (never, for an unreachable one), and a page they had not answered stays so."""
        self.gone.add(pid)
        self.reach[pid] = reach

    def _acknowledge(self, r: Responder, delay: int):
        yield self.engine.env.timeout(delay)
        if r.id in self.gone:
            return
        if r.status == PAGED:
            r.status = AVAILABLE
        self.acknowledged.add(r.id)
        self.engine.emit(PageAcknowledged(r.id))
        self.dms.joined(r)

    # --- the rest of the people API, carried out by the modules beside this one ----------------

    @property
    def questions(self) -> dict[str, Question]:
        """Open questions to the IC: person -> their question (see `questions.py`)."""
        return self.asking.open

    @property
    def broadcasts(self) -> set[tuple[str, str]]:
        """Open broadcast asks: (action, service) (see `broadcasts.py`)."""
        return self.broadcasting.open

    def assign(self, r: Responder, action: str, service: str, timebox: int | None, via: str = "named") -> Task:
        """Give a task to a person; `via` says how it reached them (named, broadcast, tech-lead, ...)."""
        return self.work.assign(r, action, service, timebox, via)

    def detour(self, r: Responder, seconds: int) -> None:
        """Take a person away from their work for `seconds`; their task waits, then resumes."""
        self.work.detour(r, seconds)

    def answer(self, r: Responder, text: str) -> bool:
        """The IC's DM to a person: answers their open question, when they have one."""
        return self.asking.answer(r, text)

    def message(self, r: Responder) -> None:
        """The IC's DM to a person with no open question: they reply from their post (see `dms.py`)."""
        self.dms.send(r)

    def broadcast(self, action: str, service: str) -> None:
        """'Can someone ...': maybe somebody picks it up, late; maybe nobody does."""
        self.broadcasting.ask(action, service)

    def hands_on(self, action: str, service: str) -> int:
        """The IC does a task personally and goes heads-down; returns when it will be done."""
        return self.ic_hands_on.start(action, service)

    def back(self) -> None:
        """/back: stop the hands-on work now, with no result, and read what piled up."""
        self.ic_hands_on.back()
