"""Pure functions over the service graph.

The graph is a networkx DiGraph with an edge ``a -> b`` when service ``a`` depends on ``b``.
Nodes carry ``owner``, ``tier``, ``traffic``; edges carry ``kind`` ("hard" or "soft").
Every function takes the graph first and returns plain values; none mutates it.
"""

from __future__ import annotations

from collections.abc import Mapping

import networkx as nx

from sim.scenario.model import Scenario

OK, DEGRADED, DOWN = "ok", "degraded", "down"
_RANK = {OK: 0, DEGRADED: 1, DOWN: 2}
_BY_RANK = {rank: health for health, rank in _RANK.items()}


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
    health: dict[str, str] = {}
    # Dependencies before dependents: reverse topological order of the depends-on edges.
    for service in reversed(list(nx.lexicographical_topological_sort(graph))):
        state = own.get(service, OK)
        for dependency in graph.successors(service):
            passed = health[dependency]
            if graph.edges[service, dependency]["kind"] == "soft":
                passed = _BY_RANK[min(_RANK[passed], _RANK[DEGRADED])]
            state = worse(state, passed)
        health[service] = state
    return dict(sorted(health.items()))


def customer_impact(graph: nx.DiGraph, health: Mapping[str, str], degraded_share: float | Mapping[str, float]) -> float:
    """Share of customers affected: traffic of each entry service times how badly it is hurt; a
    degraded service hurts `degraded_share` of its customers (one figure, or one per service).

    >>> g = nx.DiGraph(); g.add_node("web", traffic=0.6); g.add_node("api", traffic=0.4)
    >>> customer_impact(g, {"web": "down", "api": "degraded"}, degraded_share=0.5)
    0.8
    >>> customer_impact(g, {"web": "degraded", "api": "degraded"}, {"web": 0.5, "api": 0.25})
    0.4
    """
    shares = degraded_share if isinstance(degraded_share, Mapping) else dict.fromkeys(graph.nodes, degraded_share)
    total = sum(
        graph.nodes[s]["traffic"] * {OK: 0.0, DEGRADED: shares[s], DOWN: 1.0}[health.get(s, OK)] for s in sorted(graph.nodes)
    )
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
