"""The machines: faults on their timeline, true and observed health, customer impact.

A fault moves through the states `sim.scenario.impact` defines (start, growth steps, worsening);
a mitigation takes it off for a while without removing it, a fix removes it. Alerts follow health
and live in `sim.engine.alerts`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sim.scenario import graph as g
from sim.scenario import impact as im
from sim.scenario import policy
from sim.log.events import (
    FaultFixed,
    FaultGrew,
    FaultMitigated,
    FaultReturned,
    FaultShareRose,
    FaultStarted,
    FaultWorsened,
    HealthChanged,
    ImpactChanged,
    ImpactObserved,
    ServiceObserved,
)
from sim.scenario.model import Fault, Fix, Remedy

if TYPE_CHECKING:
    from sim.engine.engine import Engine

UNKNOWN = "unknown"


class World:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        scenario = engine.scenario
        self.graph = engine.graph
        self.faults: dict[str, Fault] = {f.id: f for f in scenario.faults}
        self.active: dict[str, str] = {}  # fault id -> current effect (mitigated ones too: the cause is still there)
        self.states: dict[str, im.State] = {}  # fault id -> current effect and share
        self.next_step: dict[str, int] = {}  # fault id -> its next growth step still to come
        self.relieved: dict[str, int] = {}  # fault id -> when its mitigation wears off
        self.shares: dict[str, float] = {}  # service -> share of its customers hurt while degraded
        self.health: dict[str, str] = {s: g.OK for s in sorted(scenario.services)}
        self.observed: dict[str, str] = {
            s: (g.OK if scenario.services[s].monitored else UNKNOWN) for s in sorted(scenario.services)
        }
        self.impact = 0.0
        self.observed_impact = 0.0

    def start(self) -> None:
        env = self.engine.env
        for fault in sorted(self.faults.values(), key=lambda f: (f.at, f.id)):
            env.process(self._play_fault(fault))

    # --- faults --------------------------------------------------------------------------------

    def add_fault(self, fault: Fault) -> None:
        """A fault the scenario did not start (a facilitator's inject): played from its `at` on,
        like the scenario's own."""
        self.faults[fault.id] = fault
        self.engine.env.process(self._play_fault(fault))

    def _play_fault(self, fault: Fault):
        env = self.engine.env
        yield env.timeout(fault.at - env.now)  # env.now is 0 for the scenario's faults
        self._set(fault, im.start(fault))
        self.next_step[fault.id] = 0
        self.engine.emit(FaultStarted(fault.id, fault.service, fault.effect))
        self._recompute()
        for index, step in enumerate(im.steps(fault)):
            yield env.timeout(fault.at + step.after - env.now)
            if fault.id not in self.active or self.next_step[fault.id] > index:
                continue  # fixed, or a worsening already took this step
            self.next_step[fault.id] = index + 1
            self._move(fault, im.grown(self.states[fault.id], step))

    def _set(self, fault: Fault, state: im.State) -> None:
        self.states[fault.id] = state
        self.active[fault.id] = state.effect

    def _move(self, fault: Fault, state: im.State, by: str | None = None, action: str | None = None) -> bool:
        """Put a fault in a new state; whether anything changed. Growth says FaultGrew for a worse
        health (FaultShareRose for a share alone); a worsening says FaultWorsened."""
        before = self.states[fault.id]
        if state == before:
            return False
        self._set(fault, state)
        if by is not None:
            self.engine.emit(FaultWorsened(fault.id, fault.service, by, action or "", state.effect))
        elif state.effect != before.effect:
            self.engine.emit(FaultGrew(fault.id, fault.service, state.effect))
        if by is None and state.share != before.share and state.share is not None:
            self.engine.emit(FaultShareRose(fault.id, fault.service, state.share))
        self._recompute()
        return True

    def who_can_fix(self, fault: Fault, fix: Fix | None = None) -> tuple[set[str], set[str]]:
        """(teams, people) able to apply a fault's fix (or one of its remedies); the target's owner
        when the file names nobody."""
        fix = fault.fix if fix is None else fix
        if not fix.teams and not fix.people:
            owner = g.owner(self.graph, fix.target)  # None for a vendor's service: validation requires names there
            return ({owner} if owner is not None else set()), set()
        return set(fix.teams), set(fix.people)

    def faults_fixed_by(self, action: str, target: str) -> list[Fault]:
        """Active faults that this action on this service would fix (the fix, or a remedy that fixes)."""
        return [fault for fault, remedy in self.remedies_for(action, target) if _does(remedy) == "fixes"]

    def remedies_for(self, action: str, target: str) -> list[tuple[Fault, Fix]]:
        """Active faults this action on this service acts on, each with the fix or remedy it is."""
        found = []
        for fid in sorted(self.active):
            fault = self.faults[fid]
            for _, fix in fault.actions():
                if fix.action == action and fix.target == target:
                    found.append((fault, fix))
                    break
        return found

    def fix(self, fault: Fault, by: str) -> None:
        del self.active[fault.id]
        self.states.pop(fault.id, None)
        self.relieved.pop(fault.id, None)
        self.engine.emit(FaultFixed(fault.id, fault.service, by))
        self._recompute()

    def mitigate(self, fault: Fault, remedy: Remedy, by: str) -> None:
        """The fault stops hurting for `remedy.lasts`, then returns as it is by then, unless fixed."""
        until = self.engine.now + (remedy.lasts or 0)
        self.relieved[fault.id] = until
        self.engine.emit(FaultMitigated(fault.id, fault.service, by, remedy.action, until))
        self._recompute()
        self.engine.env.process(self._wear_off(fault, until))

    def _wear_off(self, fault: Fault, until: int):
        yield self.engine.env.timeout(until - self.engine.now)
        if self.relieved.get(fault.id) != until:
            return  # fixed, worsened, or mitigated again meanwhile
        del self.relieved[fault.id]
        state = self.states[fault.id]
        self.engine.emit(FaultReturned(fault.id, fault.service, state.effect))
        self._recompute()

    def worsen(self, fault: Fault, remedy: Fix, by: str) -> bool:
        """The fault moves one step worse at once, and any relief ends; whether anything changed."""
        state, self.next_step[fault.id] = im.worsened(fault, self.states[fault.id], self.next_step[fault.id])
        relieved = self.relieved.pop(fault.id, None) is not None
        moved = self._move(fault, state, by=by, action=remedy.action)
        if relieved and not moved:
            self.engine.emit(FaultReturned(fault.id, fault.service, state.effect))
            self._recompute()
        return moved or relieved

    def hurting(self) -> list[im.Hurting]:
        """The faults hurting now: active and not mitigated."""
        return [
            im.Hurting(self.faults[fid].service, self.states[fid])
            for fid in sorted(self.active)
            if fid not in self.relieved
        ]

    # --- health and impact ------------------------------------------------------------

    def _recompute(self) -> None:
        health, self.shares, impact = im.truth(self.graph, self.engine.scenario.impact, self.hurting())
        for service, state in health.items():
            if state != self.health[service]:
                self.health[service] = state
                self.engine.emit(HealthChanged(service, state))
                if self.engine.scenario.services[service].monitored:
                    self.observe(service)
        if impact != self.impact:
            self.impact = impact
            severity = policy.true_severity(self.engine.scenario.severity, impact)
            self.engine.emit(ImpactChanged(impact, severity or "none"))
        self.engine.alerts.evaluate()

    def observe(self, service: str) -> None:
        """The player's dashboards catch up with the truth of one service."""
        if self.observed[service] == self.health[service]:
            return
        self.observed[service] = self.health[service]
        self.engine.emit(ServiceObserved(service, self.health[service]))
        # Impact reads the services that carry traffic only: what the dashboards show of those.
        seen = {s: (h if (h := self.observed[s]) != UNKNOWN else g.OK) for s, _ in g.topology(self.graph).entries}
        shares = self.shares or im.degraded_shares(self.graph, self.engine.scenario.impact, [])
        impact = g.customer_impact(self.graph, seen, shares)
        if impact != self.observed_impact:
            self.observed_impact = impact
            self.engine.emit(ImpactObserved(impact))


def _does(fix: Fix) -> str:
    return fix.does if isinstance(fix, Remedy) else "fixes"
