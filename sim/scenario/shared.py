"""What every drill of one scenario shares, worked out once: the service graph (frozen) and its
topology, the public catalog, the alerts in id order; and `per_scenario`, the one cache for
anything else a reader derives from the scenario alone (scoring's baseline and floor curves).

A loaded scenario is immutable (its pydantic models are frozen), so whatever is derived from it
alone holds for every drill played on it; the 200 drills of a benchmark or a balancing run build
these once instead of 200 times. Entries are kept per scenario object and dropped with it.
Whatever depends on the seed (generated names, random streams) is never kept here.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import TypeVar

import networkx as nx

from sim.scenario.graph import Topology, build_graph, topology
from sim.scenario.model import Alert, Scenario
from sim.scenario.public import Catalog

T = TypeVar("T")

# id(scenario) -> key -> value. Scenarios are compared by value and hold dicts, so they cannot key a
# WeakKeyDictionary; the entry goes when the scenario object is collected (weakref.finalize).
_KEPT: dict[int, dict[Hashable, object]] = {}


def per_scenario(scenario: Scenario, key: Hashable, build: Callable[[], T]) -> T:
    """`build()` for this scenario object and key, worked out on first use and kept with it.

    `build` must depend on the scenario alone (never a seed or a log), and what it returns must
    not be changed by its readers: every drill of the scenario gets the same object."""
    kept = _KEPT.get(id(scenario))
    if kept is None:
        kept = _KEPT[id(scenario)] = {}
        weakref.finalize(scenario, _KEPT.pop, id(scenario), None)
    if key not in kept:
        kept[key] = build()
    return kept[key]  # type: ignore[return-value]


@dataclass(frozen=True)
class Shared:
    graph: nx.DiGraph  # frozen (nx.freeze): adding to it raises
    topology: Topology
    catalog: Catalog  # read by every drill's view; nothing writes to it
    alerts: tuple[Alert, ...]  # by id, the order the engine evaluates them in


def shared(scenario: Scenario) -> Shared:
    """The per-scenario parts every drill of `scenario` reads."""
    return per_scenario(scenario, Shared, lambda: _build(scenario))


def _build(scenario: Scenario) -> Shared:
    graph = nx.freeze(build_graph(scenario))
    return Shared(graph, topology(graph), Catalog.from_scenario(scenario), tuple(sorted(scenario.alerts, key=lambda a: a.id)))
