"""The people around the incident who are not fixing it: managers, the Head of Sales, an executive.

They are why the IC seat is hard (see the source article, "Dealing with Management" and the Head
of Sales' Sev0). Each is played by a SimPy process whose timing the scenario sets:

- A **manager** joins the channel, asks for status while updates are late, and at `theory_at`
  DMs an engineer with a theory that sends them into a dead end, unless the IC has redirected
  the manager privately (/redirect) or a manager has lent the IC their authority (/authority).
  A redirect after the DM recalls the engineer at once.
- The **Head of Sales** pushes for the top severity because one large account complains, more
  often while status updates are late, until the IC qualifies the severity with impact evidence
  (/qualify), the severity is set to the top level, or customers are no longer hurt.
- An **executive** swoops in with a request (a customer list, a customer call) that pulls
  responders off the fix if granted (/grant); declined (/decline) it costs nothing; left
  unanswered, the executive grabs an engineer directly.

Processes sleep until a computed moment or until something they watch changes (a status update,
the phase, the severity, an IC answer): `_wait` wakes on either, so timings are exact to the
second without polling. All times are whole seconds; candidates are taken in sorted id order.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sim import events as ev
from sim.engine.people import AVAILABLE, AWAY, WORKING, Responder
from sim.log import Entry
from sim.scenario.model import Executive, HeadOfSales, Manager

if TYPE_CHECKING:
    from sim.engine.engine import Engine

THEORY_RETRY = 60  # a manager with a theory but nobody to DM looks again this much later
GRAB_RETRY = 60  # an executive who found nobody working to grab looks again this much later
_WATCHED = (ev.PhaseChanged, ev.StatusUpdate, ev.SeveritySet, ev.TaskAssigned)


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


@dataclass
class SalesState:
    spec: HeadOfSales
    pressure: int = 0
    last_push: int | None = None
    quiet_until: int = 0  # pushes pause after a /qualify


@dataclass
class ExecutiveState:
    spec: Executive
    open: bool = False  # a request is waiting for the IC's answer
    grabbed: bool = False


class Stakeholders:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        spec = engine.scenario.stakeholders
        self.managers: dict[str, ManagerState] = {m.person: ManagerState(m) for m in spec.managers}
        self.sales = SalesState(spec.head_of_sales) if spec.head_of_sales is not None else None
        self.executive = ExecutiveState(spec.executive) if spec.executive is not None else None
        self.ids = set(self.managers)
        if self.sales is not None:
            self.ids.add(self.sales.spec.person)
        if self.executive is not None:
            self.ids.add(self.executive.spec.person)
        self._changed = engine.env.event()

    def start(self) -> None:
        self.engine.log.subscribe(self._hear)
        env = self.engine.env
        for pid in sorted(self.managers):
            env.process(self._manager(self.managers[pid]))
        if self.sales is not None:
            env.process(self._head_of_sales(self.sales))
        if self.executive is not None:
            env.process(self._executive(self.executive))

    # --- waiting ------------------------------------------------------------------------------

    def _hear(self, entry: Entry) -> None:
        if isinstance(entry.event, _WATCHED):
            self.poke()

    def poke(self) -> None:
        """Wake every stakeholder process: something they watch has changed."""
        if not self._changed.triggered:
            self._changed.succeed()
        self._changed = self.engine.env.event()

    def _wait(self, until: int | None):
        """Sleep until sim time `until` (None: no limit) or the next change, whichever is first."""
        env = self.engine.env
        events = [self._changed]
        if until is not None:
            events.append(env.timeout(max(0, int(until) - self.engine.now)))
        yield env.any_of(events)

    def _sleep_until(self, t: int):
        if t > self.engine.now:
            yield self.engine.env.timeout(int(t) - self.engine.now)

    def _until_detected(self):
        while self.engine.phase is None:
            yield from self._wait(None)

    def _over(self) -> bool:
        return self.engine.ended or self.engine.phase == "resolved"

    def _late_by(self, grace: int = 0) -> int | None:
        """Seconds the status update is overdue beyond `grace`, when it is; None when it is not."""
        due = self.engine.view.next_update_due()
        if due is None or self.engine.now <= due + grace:
            return None
        return self.engine.now - due

    # --- people to act on ----------------------------------------------------------------------

    def _free_to_act(self, r: Responder) -> bool:
        """In the incident, at hand (not pulled away) and not one of the stakeholders."""
        return r.id not in self.ids and r.status in (WORKING, AVAILABLE) and r.away_until <= self.engine.now

    def _responders(self, status: str) -> list[Responder]:
        people = self.engine.people.by_id
        return [people[pid] for pid in sorted(people) if people[pid].status == status and self._free_to_act(people[pid])]

    def _pull(self, r: Responder, by: str, seconds: int) -> None:
        self.engine.emit(ev.PulledOff(r.id, by, seconds))
        self.engine.people.detour(r, seconds)

    # --- managers ------------------------------------------------------------------------------

    def _manager(self, m: ManagerState):
        yield from self._sleep_until(m.spec.joins_at)
        yield from self._until_detected()
        if self._over():
            return
        m.joined = True
        self.engine.emit(ev.ManagerJoined(m.id))
        self.engine.env.process(self._ask_for_status(m))
        if m.spec.theory is not None:
            self.engine.env.process(self._theory(m))

    def _ask_for_status(self, m: ManagerState):
        allowed_from = self.engine.now
        while not self._over() and not m.authority:
            due = self.engine.view.next_update_due()
            if due is None:  # nothing declared yet: no cadence to be late on
                yield from self._wait(None)
                continue
            late_by = self._late_by(m.spec.status_after)
            if late_by is not None and self.engine.now >= allowed_from:
                self.engine.emit(ev.ManagerAskedStatus(m.id, late_by))
                allowed_from = self.engine.now + m.spec.status_repeat
                continue
            yield from self._wait(max(due + m.spec.status_after + 1, allowed_from))

    def _theory_target(self, m: ManagerState) -> Responder | None:
        people = self.engine.people
        if m.spec.engineer is not None:
            r = people.by_id.get(m.spec.engineer)
            return r if r is not None and self._free_to_act(r) else None
        teams = {tid for tid, team in self.engine.scenario.teams.items() if team.manager == m.id}
        if not teams and m.id in people.by_id:
            teams = {people.by_id[m.id].spec.team}
        for status in (WORKING, AVAILABLE):
            for r in self._responders(status):
                if r.spec.team in teams:
                    return r
        working = self._responders(WORKING)
        return working[0] if working else None

    def _theory_blocked(self, m: ManagerState) -> bool:
        return m.redirected or self.authority_lent() or self._over()

    def _theory(self, m: ManagerState):
        yield from self._sleep_until(m.spec.theory_at)
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
        yield from self._sleep_until(m.dead_end.ends)
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

    def authority_lent(self) -> bool:
        return any(m.authority for m in self.managers.values())

    def joined_manager(self, pid: str) -> ManagerState | None:
        m = self.managers.get(pid)
        return m if m is not None and m.joined else None

    def redirect(self, m: ManagerState) -> None:
        m.redirected = True
        self.engine.emit(ev.ManagerRedirected(m.id))
        self._recall(m)
        self.poke()

    def lend_authority(self, m: ManagerState) -> None:
        m.authority = True
        self.engine.emit(ev.AuthorityLent(m.id))
        # "Requests go through the IC", said in the channel by the manager: their own engineer
        # stops chasing their theory too.
        self._recall(m)
        self.poke()

    # --- the Head of Sales ---------------------------------------------------------------------

    def _head_of_sales(self, s: SalesState):
        yield from self._sleep_until(s.spec.starts)
        yield from self._until_detected()
        every = s.spec.every
        while not self._over() and self.engine.phase != "mitigated":
            if self._sales_satisfied():
                yield from self._wait(None)
                continue
            late = self._late_by() is not None
            interval = max(1, every // 2) if late else every
            due_at = self.engine.now if s.last_push is None else s.last_push + interval
            due_at = max(due_at, s.quiet_until)
            if self.engine.now >= due_at:
                self._push(s)
                continue
            wake = due_at
            due = self.engine.view.next_update_due()
            if not late and due is not None and due + 1 > self.engine.now:
                wake = min(wake, due + 1)  # updates turn late then, and the pushes come faster
            yield from self._wait(wake)

    def _sales_satisfied(self) -> bool:
        return self.engine.severity == self.engine.scenario.severity.levels[0].name

    def _push(self, s: SalesState) -> None:
        s.pressure += 1
        s.last_push = self.engine.now
        text = _sales_text(s.spec.account, s.pressure, self._hurting_service(), self.engine.scenario.severity.levels[0].name)
        self.engine.emit(ev.SalesPushed(s.spec.person, s.spec.account, s.pressure, text))

    def _hurting_service(self) -> str:
        """What the account complains about: the busiest customer-facing service that looks unwell."""
        view = self.engine.view
        cards = [c for c in view.catalog.services.values() if c.traffic > 0]
        unwell = [c for c in cards if view.health.get(c.name) in ("degraded", "down")]
        pool = unwell or cards
        if not pool:
            return "the product"
        return sorted(pool, key=lambda c: (-c.traffic, c.name))[0].name

    def pushing(self) -> bool:
        return self.sales is not None and self.sales.pressure > 0

    def qualify(self) -> None:
        s = self.sales
        assert s is not None
        self.engine.emit(ev.SalesQualified(s.spec.person, self.impact_evidence()))
        s.pressure = 0
        s.quiet_until = self.engine.now + s.spec.quiet_periods * s.spec.every
        self.poke()

    def impact_evidence(self) -> str:
        """What the IC can show: observed impact, unhealthy customer-facing services, the ladder."""
        view = self.engine.view
        parts = [f"Dashboards show {view.observed_impact:.0%} of customers affected"]
        facing = sorted(c.name for c in view.catalog.services.values() if c.traffic > 0)
        unwell = [f"{s} {view.health[s]}" for s in facing if view.health.get(s) in ("degraded", "down")]
        parts.append("customer-facing: " + (", ".join(unwell) if unwell else "all healthy"))
        levels = view.catalog.severity.levels
        top = levels[0]
        if view.severity is None:
            parts.append("not declared yet")
        else:
            current = next((lv for lv in levels if lv.name == view.severity), None)
            threshold = f" ({current.min_impact:.0%}+ of customers)" if current is not None else ""
            parts.append(f"we are at {view.severity}{threshold}")
        if view.severity != top.name:
            parts.append(f"{top.name} is {top.min_impact:.0%}+ of customers")
        return "; ".join(parts) + "."

    # --- the executive -------------------------------------------------------------------------

    def _executive(self, x: ExecutiveState):
        yield from self._sleep_until(x.spec.at)
        yield from self._until_detected()
        if self._over():
            return
        x.open = True
        self.engine.emit(ev.ExecutiveRequested(x.spec.person, x.spec.request))
        grab_at = self.engine.now + x.spec.grabs_after
        while x.open and not self._over():
            if self.engine.now >= grab_at:
                working = self._responders(WORKING)
                if working:
                    x.grabbed = True
                    self._pull(working[0], x.spec.person, x.spec.takes)
                    return  # the request stays open: the IC still owes an answer
                grab_at = self.engine.now + GRAB_RETRY
            yield from self._wait(grab_at)

    def request_open(self) -> bool:
        return self.executive is not None and self.executive.open

    def grant(self) -> None:
        x = self.executive
        assert x is not None
        x.open = False
        self.engine.emit(ev.ExecutiveAnswered(x.spec.person, "granted"))
        pulled = (self._responders(WORKING) + self._responders(AVAILABLE))[: x.spec.pulls]
        for r in pulled:
            self._pull(r, x.spec.person, x.spec.takes)
        if len(pulled) < x.spec.pulls:
            self.engine.env.process(self._pull_later(x, x.spec.pulls - len(pulled), self.engine.now + x.spec.takes))
        self.poke()

    def _pull_later(self, x: ExecutiveState, owed: int, until: int):
        """A grant made before enough people were in: whoever joins while the request is being
        worked on is pulled onto it too."""
        while owed > 0 and not self._over():
            yield self.engine.env.timeout(GRAB_RETRY)
            if self.engine.now >= until:
                return
            for r in (self._responders(WORKING) + self._responders(AVAILABLE))[:owed]:
                self._pull(r, x.spec.person, x.spec.takes)
                owed -= 1

    def decline(self) -> None:
        x = self.executive
        assert x is not None
        x.open = False
        self.engine.emit(ev.ExecutiveAnswered(x.spec.person, "declined"))
        self.poke()


def _sales_text(account: str, pressure: int, service: str, top: str) -> str:
    if pressure == 1:
        return f"{account} just called: {service} is failing for them. Shouldn't this be a {top}?"
    if pressure == 2:
        return f"{account} says {service} is unusable. This is a {top}!"
    if pressure == 3:
        return f"{account} is threatening to cancel their contract over {service}. I need all hands on deck: {top}, now!"
    return f"Still nothing? {account} has gone to our CEO about {service}. Why is this not a {top}? (push {pressure})"
