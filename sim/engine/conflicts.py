"""Two experts propose incompatible fixes; until the IC settles it, the work stalls.

A conflict from the scenario is raised at its time once both proposers are in the incident: paged
and acknowledged, or there from the start (`present: true`, which makes it fire at its time). While
it stays open, both proposers argue instead of working: they are detoured a minute at a time, so
whatever task they hold pauses. The IC settles it with `/decide PERSON`, or with `/poll`, which
after the scenario's `poll_wait` goes with the proposal the evidence backs (the one whose fix
would fix an active fault), else the first. Either way the chosen proposal becomes that person's
task (`via="decision"`), as soon as they are free to take it.

Conflicts stop when the incident is over (`Incident.over`: resolved, or the drill ended), like
every other part of the engine. A mitigated incident is not over, so a conflict that comes due
then, or whose second proposer only joins then, is still raised and still has to be settled.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sim.log.events import ConflictDecided, ConflictPolled, ConflictRaised
from sim.engine.people import AVAILABLE, AWAY, OFF, PAGED, Responder
from sim.scenario.model import Conflict, Proposal

if TYPE_CHECKING:
    from sim.engine.engine import Engine

STALL = 60  # seconds of arguing per round while a conflict is open
WAIT_FOR_PROPOSERS = 10  # seconds between looks for both proposers being in the incident
WAIT_FOR_FREE = 10  # seconds between looks for the chosen proposer being free to start
DECISION_TIMEBOX = 600  # the time-box that comes with a decided fix


class Conflicts:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.incident = engine.incident
        self.open: dict[str, Conflict] = {}  # raised and not yet decided, in order of raising
        self.polling: dict[str, int] = {}  # conflict id -> when its poll settles
        self.decided: dict[str, str] = {}  # conflict id -> chosen person
        self.waiting: dict[str, Proposal] = {}  # chosen person still busy -> the proposal they start next

    def start(self) -> None:
        for conflict in sorted(self.engine.scenario.conflicts, key=lambda c: (c.at, c.id)):
            self.engine.env.process(self._play(conflict))

    # --- raising and stalling ---------------------------------------------------------------------

    def _play(self, conflict: Conflict):
        engine, env = self.engine, self.engine.env
        yield env.timeout(conflict.at)
        proposers = [engine.people.by_id[p.person] for p in conflict.proposals]
        while any(r.status in (OFF, PAGED) for r in proposers):
            if self.incident.over():
                return
            yield env.timeout(WAIT_FOR_PROPOSERS)
        if self.incident.over():
            return
        self.open[conflict.id] = conflict
        engine.emit(ConflictRaised(conflict.id, [self.say(p) for p in conflict.proposals]))
        while conflict.id in self.open and not self.incident.over():
            for r in sorted(proposers, key=lambda r: r.id):
                engine.people.detour(r, STALL)
            yield env.timeout(STALL)

    def say(self, proposal: Proposal, evidence: bool = True) -> str:
        """'Dana: failover payments-db (replica lag is 0 s)', or without the evidence."""
        first = self.engine.people.by_id[proposal.person].name.split()[0]
        text = f"{first}: {proposal.action} {proposal.target}"
        return f"{text} ({proposal.evidence})" if evidence else text

    # --- settling ---------------------------------------------------------------------------------

    def proposals_of(self, person: str) -> list[tuple[Conflict, Proposal]]:
        """Open conflicts' proposals by the person (an id), first raised first."""
        return [(conflict, p) for conflict in self.open.values() for p in conflict.proposals if p.person == person]

    def decide(self, conflict: Conflict, proposal: Proposal, by: str) -> None:
        del self.open[conflict.id]
        self.polling.pop(conflict.id, None)
        self.decided[conflict.id] = proposal.person
        self.engine.emit(ConflictDecided(conflict.id, proposal.person, by))
        if not self._start(proposal):
            self.engine.env.process(self._carry_out(proposal))

    def poll(self, conflict: Conflict) -> None:
        settles = self.engine.now + conflict.poll_wait
        self.polling[conflict.id] = settles
        self.engine.emit(ConflictPolled(conflict.id))
        self.engine.env.process(self._settle(conflict, settles))

    def _settle(self, conflict: Conflict, settles: int):
        yield self.engine.env.timeout(conflict.poll_wait)
        if conflict.id not in self.open or self.polling.get(conflict.id) != settles:
            return  # the IC decided meanwhile
        world = self.engine.world
        backed = [p for p in conflict.proposals if world.faults_fixed_by(p.action, p.target)]
        self.decide(conflict, (backed or conflict.proposals)[0], "poll")

    def _start(self, proposal: Proposal) -> bool:
        """Give the chosen proposal to its proposer if they can take it now; False to wait."""
        r: Responder = self.engine.people.by_id[proposal.person]
        if r.task is not None and (r.task.action, r.task.service) == (proposal.action, proposal.target):
            return True  # already doing it
        if r.status not in (AVAILABLE, AWAY):  # an away proposer starts once back from the argument
            return False
        self.engine.people.assign(r, proposal.action, proposal.target, DECISION_TIMEBOX, via="decision")
        return True

    def _carry_out(self, proposal: Proposal):
        """The chosen proposal becomes its proposer's task as soon as they are free to take it."""
        engine = self.engine
        self.waiting[proposal.person] = proposal
        while not self.incident.over() and self.waiting.get(proposal.person) is proposal:
            if self._start(proposal):
                del self.waiting[proposal.person]
                return
            yield engine.env.timeout(WAIT_FOR_FREE)

    def freed(self, person: str) -> None:
        """A person just finished a task: a decided proposal waiting for them starts now."""
        proposal = self.waiting.get(person)
        if proposal is not None and not self.incident.over() and self._start(proposal):
            del self.waiting[person]
