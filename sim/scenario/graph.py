"""Pure functions over the service graph.

The graph is a networkx DiGraph with an edge ``a -> b`` when service ``a`` depends on ``b``.
Nodes carry ``owner``, ``tier``, ``traffic``; edges carry ``kind`` ("hard" or "soft").
Every function takes the graph first and returns plain values; none mutates it.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import networkx as nx

from sim.scenario.model import Scenario

OK, DEGRADED, DOWN = "ok", "degraded", "down"
_RANK = {OK: 0, DEGRADED: 1, DOWN: 2}


def build_graph(scenario: Scenario) -> nx.DiGraph:
    """The service graph of a validated scenario, nodes and edges in sorted order."""
    graph = nx.DiGraph()
    for name in sorted(scenario.services):
        service = scenario.services[name]
        graph.add_node(name, owner=service.owner, tier=service.tier, traffic=service.traffic)
    for name in sorted(scenario.services):
        for dependency, kind in sorted(scenario.services[name].depends_on.items()):
            graph.add_edge(name, dependency, kind=kind)
    return graph


@dataclass(frozen=True)
class Topology:
    """What the health and impact functions read of a graph, worked out once per graph.

    `order` is the reverse lexicographical topological order of the depends-on edges (dependencies
    before dependents, ties by name, exactly the order health propagates in); `entries` the
    services that carry traffic, sorted, the only ones customer impact sums over."""

    names: tuple[str, ...]  # every service, sorted
    position: dict[str, int]  # service -> its place in `order`
    order: tuple[str, ...]
    dependencies: dict[str, tuple[tuple[str, bool], ...]]  # service -> (dependency, soft) in edge order
    dependents: dict[str, tuple[str, ...]]  # service -> the services that depend on it directly
    entries: tuple[tuple[str, float], ...]  # (service, traffic) of the services with traffic, sorted

    @classmethod
    def of(cls, graph: nx.DiGraph) -> Topology:
        order = tuple(reversed(list(nx.lexicographical_topological_sort(graph))))
        dependencies = {
            s: tuple((d, graph.edges[s, d]["kind"] == "soft") for d in graph.successors(s)) for s in graph.nodes
        }
        traffic = {s: graph.nodes[s].get("traffic", 0.0) for s in graph.nodes}
        return cls(
            names=tuple(sorted(graph.nodes)),
            position={s: i for i, s in enumerate(order)},
            order=order,
            dependencies=dependencies,
            dependents={s: tuple(graph.predecessors(s)) for s in graph.nodes},
            entries=tuple((s, traffic[s]) for s in sorted(graph.nodes) if traffic[s]),
        )

    def reach(self, services: Iterable[str]) -> list[str]:
        """The services and everything that depends on them, directly or not, in `order`."""
        seen: set[str] = set()
        stack = [s for s in services if s in self.position]
        while stack:
            service = stack.pop()
            if service not in seen:
                seen.add(service)
                stack.extend(self.dependents[service])
        return sorted(seen, key=self.position.__getitem__)


_TOPOLOGIES: weakref.WeakKeyDictionary[nx.DiGraph, Topology] = weakref.WeakKeyDictionary()


def topology(graph: nx.DiGraph) -> Topology:
    """The graph's topology: kept for a frozen graph (`nx.freeze`, as `sim.scenario.shared` hands
    out), which cannot change under it; worked out afresh for any other."""
    if not nx.is_frozen(graph):
        return Topology.of(graph)
    found = _TOPOLOGIES.get(graph)
    if found is None:
        found = _TOPOLOGIES[graph] = Topology.of(graph)
    return found


def worse(a: str, b: str) -> str:
    """The worse of two health states."""
    return a if _RANK[a] >= _RANK[b] else b


def effective_health(graph: nx.DiGraph, own: Mapping[str, str]) -> dict[str, str]:
    """Health of every service once failures propagate to dependents.

    ``own`` holds the state that faults put a service in (missing means ok). A hard dependency
    passes its state up unchanged; a soft one passes at most a degradation.

    >>> g = nx.DiGraph()
    >>> g.add_edges_from([("web", "api"), ("api", "db")], kind="hard")
    >>> effective_health(g, {"db": "down"})
    {'api': 'down', 'db': 'down', 'web': 'down'}
    """
    topo = topology(graph)
    health = dict.fromkeys(topo.names, OK)
    # Only what an unwell service can reach changes: itself and its dependents, taken dependencies
    # before dependents; every other service stays ok.
    for service in topo.reach(s for s, state in own.items() if state != OK):
        state = own.get(service, OK)
        for dependency, soft in topo.dependencies[service]:
            passed = health[dependency]
            if soft and passed == DOWN:
                passed = DEGRADED
            state = worse(state, passed)
        health[service] = state
    return health


def customer_impact(graph: nx.DiGraph, health: Mapping[str, str], degraded_share: float | Mapping[str, float]) -> float:
    """Share of customers affected: traffic of each entry service times how badly it is hurt; a
    degraded service hurts `degraded_share` of its customers (one figure, or one per service).

    >>> g = nx.DiGraph(); g.add_node("web", traffic=0.6); g.add_node("api", traffic=0.4)
    >>> customer_impact(g, {"web": "down", "api": "degraded"}, degraded_share=0.5)
    0.8
    >>> customer_impact(g, {"web": "degraded", "api": "degraded"}, {"web": 0.5, "api": 0.25})
    0.4
    """
    # Services without traffic and healthy ones add only zeros: leaving them out gives the same
    # float (the sum starts at 0.0, as the full sum's first zero term made it).
    shares = degraded_share if isinstance(degraded_share, Mapping) else None
    terms = (
        traffic * (1.0 if state == DOWN else (degraded_share if shares is None else shares[service]))
        for service, traffic in topology(graph).entries
        if (state := health.get(service, OK)) != OK
    )
    total = sum(terms, 0.0)
    return round(min(total, 1.0), 6)


def at_least(health: str, level: str) -> bool:
    """Whether a service in `health` is at least as unwell as `level` (down is at least degraded)."""
    return _RANK[health] >= _RANK[level]


def owner(graph: nx.DiGraph, service: str) -> str | None:
    """The team that owns a service; None for a service a vendor runs."""
    return graph.nodes[service]["owner"]


def worst_dependency(graph: nx.DiGraph, service: str, health: Mapping[str, str]) -> str | None:
    """The unhealthy dependency that best explains a service's trouble, or None.

    Hard dependencies first, then the worse state, then the name, so the answer is stable.
    """
    candidates = [
        (graph.edges[service, d]["kind"] != "hard", -_RANK[health.get(d, OK)], d)
        for d in graph.successors(service)
        if health.get(d, OK) != OK
    ]
    return min(candidates)[2] if candidates else None
