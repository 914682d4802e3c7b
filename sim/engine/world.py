"""The machines: faults on their timeline, true and observed health, customer impact.

Alerts follow health and live in `sim.engine.alerts`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sim.scenario import graph as g
from sim.scenario import policy
from sim.log.events import (
    FaultFixed,
    FaultGrew,
    FaultStarted,
    HealthChanged,
    ImpactChanged,
    ImpactObserved,
    ServiceObserved,
)
from sim.scenario.model import Fault

if TYPE_CHECKING:
    from sim.engine.engine import Engine

UNKNOWN = "unknown"


class World:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        scenario = engine.scenario
        self.graph = engine.graph
        self.faults: dict[str, Fault] = {f.id: f for f in scenario.faults}
        self.active: dict[str, str] = {}  # fault id -> current effect
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

    def _play_fault(self, fault: Fault):
        env = self.engine.env
        yield env.timeout(fault.at)
        self.active[fault.id] = fault.effect
        self.engine.emit(FaultStarted(fault.id, fault.service, fault.effect))
        self._recompute()
        if fault.grows is None:
            return
        yield env.timeout(fault.grows.after)
        if self.active.get(fault.id) not in (None, fault.grows.to):
            self.active[fault.id] = fault.grows.to
            self.engine.emit(FaultGrew(fault.id, fault.service, fault.grows.to))
            self._recompute()

    def who_can_fix(self, fault: Fault) -> tuple[set[str], set[str]]:
        """(teams, people) able to apply a fault's fix; the target's owner when the file names nobody."""
        fix = fault.fix
        if not fix.teams and not fix.people:
            owner = g.owner(self.graph, fix.target)  # None for a vendor's service: validation requires names there
            return ({owner} if owner is not None else set()), set()
        return set(fix.teams), set(fix.people)

    def faults_fixed_by(self, action: str, target: str) -> list[Fault]:
        """Active faults that this action on this service would fix."""
        return [
            self.faults[fid]
            for fid in sorted(self.active)
            if self.faults[fid].fix.action == action and self.faults[fid].fix.target == target
        ]

    def fix(self, fault: Fault, by: str) -> None:
        del self.active[fault.id]
        self.engine.emit(FaultFixed(fault.id, fault.service, by))
        self._recompute()

    # --- health and impact ------------------------------------------------------------

    def _recompute(self) -> None:
        own: dict[str, str] = {}
        for fid in sorted(self.active):
            service = self.faults[fid].service
            own[service] = g.worse(own.get(service, g.OK), self.active[fid])
        health = g.effective_health(self.graph, own)
        for service, state in health.items():
            if state != self.health[service]:
                self.health[service] = state
                self.engine.emit(HealthChanged(service, state))
                if self.engine.scenario.services[service].monitored:
                    self.observe(service)
        impact = g.customer_impact(self.graph, self.health, self.engine.scenario.impact.degraded_share)
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
        seen = {s: (h if h != UNKNOWN else g.OK) for s, h in self.observed.items()}
        impact = g.customer_impact(self.graph, seen, self.engine.scenario.impact.degraded_share)
        if impact != self.observed_impact:
            self.observed_impact = impact
            self.engine.emit(ImpactObserved(impact))
