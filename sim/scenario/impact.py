"""What faults do to customers: how a fault's state moves (start, growth steps, a worsening) and
the health and impact of the faults that hurt at a moment.

This is the one statement of both. The engine plays it as time passes (`sim.engine.world`), and
scoring replays it without the engine for its no-response and 'at best' curves
(`sim.reading.scoring.outcome`), so the two cannot drift apart.

A degraded entry service's customers are hurt by a share, the first of: the share of the fault
that degrades it (the largest, when several do; a fault without a share counts the next two), the
service's own share (`impact.services`), the scenario's `impact.degraded_share`. A down service
hurts all its customers.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import networkx as nx

from sim.scenario import graph as g
from sim.scenario.model import Fault, GrowthStep, ImpactModel


@dataclass(frozen=True)
class State:
    """Where a fault stands: the health it puts its service in, and the share it hurts (None: the
    service's or the scenario's)."""

    effect: str
    share: float | None


@dataclass(frozen=True)
class Hurting:
    """A fault hurting now: its service and state."""

    service: str
    state: State


def start(fault: Fault) -> State:
    return State(fault.effect, fault.share)


def steps(fault: Fault) -> list[GrowthStep]:
    return list(fault.grows or [])


def grown(state: State, step: GrowthStep) -> State:
    """The state after a growth step. A step without `to` means down, unless it gives a share
    (then only the share changes); a step never makes a fault better."""
    to = step.to if step.to is not None else (None if step.share is not None else g.DOWN)
    effect = g.worse(state.effect, to) if to is not None else state.effect
    share = step.share if step.share is not None else state.share
    return State(effect, share)


def worsened(fault: Fault, state: State, next_step: int) -> tuple[State, int]:
    """One step worse at once: the next growth steps until one changes something, else down.
    Returns the new state and the index of the next growth step still to come."""
    pending = steps(fault)
    while next_step < len(pending):
        after = grown(state, pending[next_step])
        next_step += 1
        if after != state:
            return after, next_step
    return State(g.worse(state.effect, g.DOWN), state.share), next_step


def own_health(hurting: Iterable[Hurting]) -> dict[str, str]:
    """The state faults put their own services in (missing: ok)."""
    own: dict[str, str] = {}
    for h in hurting:
        own[h.service] = g.worse(own.get(h.service, g.OK), h.state.effect)
    return own


def degraded_shares(graph: nx.DiGraph, model: ImpactModel, hurting: list[Hurting]) -> dict[str, float]:
    """Per service, the share of its customers hurt while it is degraded."""
    shares = {s: model.services.get(s, model.degraded_share) for s in sorted(graph.nodes)}
    if all(h.state.share is None for h in hurting):
        return shares
    candidates: dict[str, list[float]] = {}
    for h in hurting:
        for service, health in g.effective_health(graph, {h.service: h.state.effect}).items():
            if health != g.OK:
                share = h.state.share if h.state.share is not None else shares[service]
                candidates.setdefault(service, []).append(share)
    for service, found in candidates.items():
        shares[service] = max(found)
    return shares


def truth(graph: nx.DiGraph, model: ImpactModel, hurting: list[Hurting]) -> tuple[dict[str, str], dict[str, float], float]:
    """(true health of every service, degraded shares, customer impact) while these faults hurt."""
    health = g.effective_health(graph, own_health(hurting))
    shares = degraded_shares(graph, model, hurting)
    return health, shares, g.customer_impact(graph, health, shares)


def state_at(fault: Fault, t: int, fixed: int | None = None) -> State | None:
    """A fault left alone, or fixed at `fixed`: its state at time t, None when it does not hurt
    (not started, or fixed). A step due at the very moment of the fix does not happen; this is
    the order the engine plays them in."""
    if t < fault.at or (fixed is not None and t >= fixed):
        return None
    state = start(fault)
    for step in steps(fault):
        due = fault.at + step.after
        if t >= due and (fixed is None or fixed > due):
            state = grown(state, step)
    return state
