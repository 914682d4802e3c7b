"""What the static rules need to know about a scenario, worked out once per file: how bad each
fault can make each service, and who is on a path into the incident (as the engine pages)."""

from __future__ import annotations

from functools import cached_property

import networkx as nx

from sim.scenario import graph as g
from sim.scenario.model import UNREACHABLE, Fault, Org, Scenario
from sim.scenario.paging import escalation_paths


def worst_own_state(fault: Fault) -> str:
    """The worst state a fault can put its own service in: its effect, its growth, or one step
    worse through a remedy that worsens (degraded to down)."""
    state = fault.effect
    for step in fault.grows or []:
        state = g.worse(state, step.to or (g.DOWN if step.share is None else state))
    if any(does == "worsens" for does, _ in fault.actions()):
        state = g.DOWN
    return state


def reachable(org: Org, person: str) -> bool:
    """Whether a page to ``person`` can ever be acknowledged (the person exists and is neither on
    a plane nor without connectivity)."""
    spec = org.people.get(person)
    return spec is not None and spec.reachability not in UNREACHABLE


class Facts:
    """Facts about one validated scenario, each computed when first asked for."""

    def __init__(self, scenario: Scenario) -> None:
        self.scenario = scenario

    @cached_property
    def graph(self) -> nx.DiGraph:
        return g.build_graph(self.scenario)

    @cached_property
    def reach(self) -> list[dict[str, str]]:
        """Per fault (in order), the worst health it alone can give every service, spread to
        the services that depend on its own."""
        return [g.effective_health(self.graph, {f.service: worst_own_state(f)}) for f in self.scenario.faults]

    @cached_property
    def hurt(self) -> set[str]:
        """Services some fault can make unwell."""
        return {s for health in self.reach for s, state in health.items() if state != g.OK}

    def first_trouble(self, service: str, level: str) -> int | None:
        """When the earliest fault that can put ``service`` at ``level`` or worse starts; None
        when no fault can. Faults only add up, so together they reach no level none reaches alone
        (health is the worst of what each fault passes)."""
        starts = [f.at for f, health in zip(self.scenario.faults, self.reach) if g.at_least(health[service], level)]
        return min(starts, default=None)

    def related(self, service: str) -> set[str]:
        """The service, what it depends on (through any chain) and what depends on it: its
        dependency path, where acting on a fault of it can help or hurt."""
        return {service} | nx.descendants(self.graph, service) | nx.ancestors(self.graph, service)

    @cached_property
    def on_path(self) -> set[str]:
        """The people the incident can bring in: present from the start, or reachable and either
        on the escalation path of a team the IC has reason to page (the true or catalogued owner
        of a service the faults hurt, the owner that applies an action naming nobody), or named
        by a fault's fix or remedy, directly or through their team."""
        s = self.scenario
        paged: set[str] = set()
        for name in self.hurt:
            service = s.services[name]
            paged.update(t for t in (service.owner, service.catalog_owner) if t is not None)
        named: set[str] = set()
        fixing: set[str] = set()
        for fault in s.faults:
            for _, action in fault.actions():
                fixing.update(action.teams)
                named.update(action.people)
                owner = s.services[action.target].owner
                if not action.teams and not action.people and owner is not None:
                    paged.add(owner)
        paths = escalation_paths(s)
        for team in paged:
            named.update(paths.get(team, []))
        named.update(p for p, spec in s.people.items() if spec.team in fixing)
        return {p for p in named if reachable(s, p)} | {p for p, spec in s.people.items() if spec.present}
