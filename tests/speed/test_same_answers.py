"""The speed-ups of issue 13 answer exactly as the slow paths they replace.

Each test plays or computes the same thing both ways: the bots asked only when something changed
against the bots asked at every tick; health propagated from the unwell services only against the
whole graph in topological order; the per-scenario parts shared against built afresh. (The golden
logs prove the same for the shipped scenarios; these cover what they do not reach.)
"""

from __future__ import annotations

import random

import networkx as nx
import pytest

from sim.play.bots import BOTS, Bot
from sim.play.drill import play
from sim.reading.view import View
from sim.scenario import graph as g
from sim.scenario.public import Catalog
from sim.scenario.shared import per_scenario, shared

_RANK = {g.OK: 0, g.DEGRADED: 1, g.DOWN: 2}


class EveryTick(Bot):
    """A bot asked at every tick, as every bot was before `next_look`: the reference."""

    def __init__(self, bot: Bot) -> None:
        self.bot = bot

    def decide(self, view: View) -> list[str]:
        return self.bot.decide(view)

    def next_look(self, view: View) -> int | None:
        return view.now


@pytest.mark.parametrize("bot", ["expert", "novice", "idle"])
def test_a_bot_that_skips_looks_plays_the_drill_it_plays_looking_every_tick(starter, bot):
    for seed in (0, 1):
        skipping = play(starter, seed, bot).log.lines()
        every = play(starter, seed, EveryTick(BOTS[bot]())).log.lines()
        assert skipping == every


def test_a_bot_that_changes_decide_alone_is_asked_every_tick():
    class Late(BOTS["expert"]):
        def decide(self, view):
            return super().decide(view) if view.now >= 600 else []

    assert Late.next_look is Bot.next_look
    assert BOTS["expert"].next_look is not Bot.next_look


def _reference_health(graph: nx.DiGraph, own: dict[str, str]) -> dict[str, str]:
    """The propagation as it was: every service, in reverse lexicographical topological order."""
    health: dict[str, str] = {}
    for service in reversed(list(nx.lexicographical_topological_sort(graph))):
        state = own.get(service, g.OK)
        for dependency in graph.successors(service):
            passed = health[dependency]
            if graph.edges[service, dependency]["kind"] == "soft" and passed == g.DOWN:
                passed = g.DEGRADED
            state = state if _RANK[state] >= _RANK[passed] else passed
        health[service] = state
    return dict(sorted(health.items()))


def _reference_impact(graph: nx.DiGraph, health: dict[str, str], shares: dict[str, float]) -> float:
    total = sum(
        graph.nodes[s]["traffic"] * {g.OK: 0.0, g.DEGRADED: shares[s], g.DOWN: 1.0}[health.get(s, g.OK)]
        for s in sorted(graph.nodes)
    )
    return round(min(total, 1.0), 6)


def _random_graph(rng: random.Random, size: int) -> nx.DiGraph:
    graph = nx.DiGraph()
    names = [f"s{i:03}" for i in range(size)]
    for name in names:
        graph.add_node(name, owner="t", tier=1, traffic=rng.choice([0.0, 0.0, 0.1, 0.25, 1 / 3]))
    for i, name in enumerate(names[1:], start=1):
        for dependency in rng.sample(names[:i], min(i, rng.randint(0, 3))):
            graph.add_edge(name, dependency, kind=rng.choice(["hard", "soft"]))
    return graph


@pytest.mark.parametrize("frozen", [False, True])
def test_health_and_impact_from_the_unwell_services_match_the_whole_graph_walk(frozen):
    rng = random.Random(13)
    for _ in range(60):
        graph = _random_graph(rng, rng.randint(1, 40))
        graph = nx.freeze(graph) if frozen else graph
        nodes = sorted(graph.nodes)
        own = {s: rng.choice([g.OK, g.DEGRADED, g.DOWN]) for s in rng.sample(nodes, rng.randint(0, len(nodes)))}
        health = g.effective_health(graph, own)
        assert health == _reference_health(graph, own)
        assert list(health) == nodes  # sorted, as before
        shares = {s: rng.choice([0.1, 0.5, 0.7]) for s in nodes}
        impact = g.customer_impact(graph, health, shares)
        assert impact == _reference_impact(graph, health, shares)
        assert type(impact) is float


def test_per_scenario_parts_are_built_once_and_cannot_be_changed(tiny):
    parts = shared(tiny.scenario)
    assert shared(tiny.scenario) is parts
    assert parts.catalog == Catalog.from_scenario(tiny.scenario)
    assert sorted(parts.graph.edges(data="kind")) == sorted(g.build_graph(tiny.scenario).edges(data="kind"))
    with pytest.raises(nx.NetworkXError):
        parts.graph.add_node("new")
    built = []
    assert per_scenario(tiny.scenario, "probe", lambda: built.append(1) or "value") == "value"
    assert per_scenario(tiny.scenario, "probe", lambda: built.append(1) or "other") == "value"
    assert built == [1]


def test_below_is_every_listed_service_underneath(tiny):
    catalog = shared(tiny.scenario).catalog
    graph = g.build_graph(tiny.scenario)
    for service in catalog.services:
        assert catalog.below(service) == frozenset(nx.descendants(graph, service))


class Checking(EveryTick):
    """Checks at every look that the view's indexes hold what a scan of the whole view finds."""

    looks = 0

    def decide(self, view: View) -> list[str]:
        assert list(view.engaged.items()) == [(p, v) for p, v in view.people.items() if v.status != "off"]
        assert view.unwell == {s for s, h in view.health.items() if h in ("degraded", "down")}
        assert view.teams == {p: v.team for p, v in view.people.items()}
        Checking.looks += 1
        return super().decide(view)


def test_the_views_indexes_hold_what_a_scan_finds(starter):
    for bot in ("expert", "novice"):
        play(starter, 0, Checking(BOTS[bot]()))
    assert Checking.looks > 0
