"""Managers: each joins the channel at their time once the incident is detected (a present one is
there from T+0; an asleep one joins `asleep_factor` times later; one on a plane or without
connectivity never joins, and so never pushes a theory), asks for status while updates are late, and at `theory_at` DMs an engineer with a theory that sends them into a
dead end, unless the IC has redirected the manager privately (/redirect) or a manager has lent
the IC their authority (/authority). A redirect or a lent authority after the DM recalls the
engineer at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sim.log import events as ev
from sim.engine.people import AVAILABLE, AWAY, WORKING, Responder
from sim.scenario.model import UNREACHABLE, Manager

if TYPE_CHECKING:
    from sim.engine.stakeholders.commons import Commons

THEORY_RETRY = 60  # a manager with a theory but nobody to DM looks again this much later


@dataclass
class DeadEnd:
    person: str
    started: int  # when the engineer left their work for the theory
    ends: int  # when they come back unless recalled
    active: bool = True


@dataclass
class ManagerState:
    spec: Manager
    joined: bool = False
    redirected: bool = False
    authority: bool = False
    dead_end: DeadEnd | None = None

    @property
    def id(self) -> str:
        return self.spec.person


class Managers:
    def __init__(self, commons: Commons) -> None:
        self.commons = commons
        self.engine = commons.engine
        self.incident = commons.incident
        self.by_id: dict[str, ManagerState] = {m.person: ManagerState(m) for m in self.engine.scenario.stakeholders.managers}

    def start(self) -> None:
        for pid in sorted(self.by_id):
            self.engine.env.process(self._manager(self.by_id[pid]))

    def _manager(self, m: ManagerState):
        commons = self.commons
        person = self.engine.people.by_id[m.id]
        reach = self.engine.people.reach[m.id]
        if not person.spec.present:
            # The manager's own page tells the truth as any page does (`People._ack_delay`).
            asleep = reach == "asleep"
            joins_at = m.spec.joins_at * self.engine.scenario.behaviour.asleep_factor if asleep else m.spec.joins_at
            yield from commons.sleep_until(int(joins_at))
            yield from commons.until_detected()
            if self.incident.over():
                return
            if reach in UNREACHABLE:
                self.engine.emit(ev.ManagerStayedAway(m.id, reach))
                return
        m.joined = True
        self.engine.emit(ev.ManagerJoined(m.id))
        self.engine.env.process(self._ask_for_status(m))
        if m.spec.theory is not None:
            self.engine.env.process(self._theory(m))

    def _ask_for_status(self, m: ManagerState):
        commons = self.commons
        allowed_from = self.engine.now
        while not self.incident.over() and not m.authority:
            due = self.incident.next_update_due()
            if due is None:  # nothing declared yet: no cadence to be late on
                yield from commons.wait(None)
                continue
            late_by = commons.late_by(m.spec.status_after)
            if late_by is not None and self.engine.now >= allowed_from:
                self.engine.emit(ev.ManagerAskedStatus(m.id, late_by))
                allowed_from = self.engine.now + m.spec.status_repeat
                continue
            yield from commons.wait(max(due + m.spec.status_after + 1, allowed_from))

    # --- the theory and its dead end -----------------------------------------------------------

    def _theory_target(self, m: ManagerState) -> Responder | None:
        people = self.engine.people
        if m.spec.engineer is not None:
            r = people.by_id.get(m.spec.engineer)
            return r if r is not None and self.commons.free_to_act(r) else None
        teams = {tid for tid, team in self.engine.scenario.teams.items() if team.manager == m.id}
        if not teams and m.id in people.by_id:
            teams = {people.by_id[m.id].spec.team}
        for status in (WORKING, AVAILABLE):
            for r in self.commons.responders(status):
                if r.spec.team in teams:
                    return r
        working = self.commons.responders(WORKING)
        return working[0] if working else None

    def _theory_blocked(self, m: ManagerState) -> bool:
        return m.redirected or self.authority_lent() or self.incident.over()

    def _theory(self, m: ManagerState):
        yield from self.commons.sleep_until(m.spec.theory_at)
        yield from self.commons.until_detected()  # a present manager is in before any incident is
        while True:
            if self._theory_blocked(m):
                return
            r = self._theory_target(m)
            if r is not None:
                break
            yield self.engine.env.timeout(THEORY_RETRY)
        now = self.engine.now
        started = max(now, r.away_until)
        m.dead_end = DeadEnd(r.id, started, started + m.spec.dead_end)
        self.engine.emit(ev.ManagerTheory(m.id, r.id, m.spec.theory))
        self.engine.emit(ev.DeadEndStarted(r.id, m.spec.theory, m.id))
        self.engine.people.detour(r, m.spec.dead_end)
        yield from self.commons.sleep_until(m.dead_end.ends)
        if m.dead_end.active:
            m.dead_end.active = False
            self.engine.emit(ev.DeadEndEnded(r.id, m.spec.dead_end))

    def _recall(self, m: ManagerState) -> None:
        """The engineer chasing this manager's theory drops it and goes back to work now."""
        dead_end = m.dead_end
        if dead_end is None or not dead_end.active:
            return
        dead_end.active = False
        now = self.engine.now
        r = self.engine.people.by_id[dead_end.person]
        # Take back only the dead end's remaining time: another detour (an executive) still holds.
        r.away_until = max(now, r.away_until - max(0, dead_end.ends - now))
        if r.status == WORKING and r.process is not None and r.process.is_alive:
            r.process.interrupt("recall")  # the work loop re-reads away_until
        elif r.status == AWAY and r.away_until <= now:
            r.status = AVAILABLE
        self.engine.emit(ev.DeadEndEnded(r.id, max(0, min(now, dead_end.ends) - dead_end.started)))

    # --- the IC's answers: /redirect, /authority -----------------------------------------------

    def authority_lent(self) -> bool:
        return any(m.authority for m in self.by_id.values())

    def joined(self, pid: str) -> ManagerState | None:
        m = self.by_id.get(pid)
        return m if m is not None and m.joined else None

    def redirect(self, m: ManagerState) -> None:
        m.redirected = True
        self.engine.emit(ev.ManagerRedirected(m.id))
        self._recall(m)
        self.commons.poke()

    def lend_authority(self, m: ManagerState) -> None:
        m.authority = True
        self.engine.emit(ev.AuthorityLent(m.id))
        # "Requests go through the IC", said in the channel by the manager: their own engineer
        # stops chasing their theory too.
        self._recall(m)
        self.commons.poke()
