"""The service-graph functions on small graphs whose answers are checked by hand."""

import networkx as nx
import pytest

from sim.scenario import graph as g


def chain(kind_web_api: str = "hard", kind_api_db: str = "hard") -> nx.DiGraph:
    """web -> api -> db, with web the only customer entry."""
    graph = nx.DiGraph()
    graph.add_node("web", owner="front", tier=1, traffic=1.0)
    graph.add_node("api", owner="back", tier=1, traffic=0.0)
    graph.add_node("db", owner="data", tier=1, traffic=0.0)
    graph.add_edge("web", "api", kind=kind_web_api)
    graph.add_edge("api", "db", kind=kind_api_db)
    return graph


class TestEffectiveHealth:
    def test_hard_dependency_passes_down_state_up(self):
        assert g.effective_health(chain(), {"db": "down"}) == {"api": "down", "db": "down", "web": "down"}

    def test_soft_dependency_passes_at_most_a_degradation(self):
        health = g.effective_health(chain(kind_web_api="soft"), {"db": "down"})
        assert health == {"api": "down", "db": "down", "web": "degraded"}

    def test_own_fault_is_not_hidden_by_healthier_dependencies(self):
        assert g.effective_health(chain(), {"web": "down"})["web"] == "down"
        assert g.effective_health(chain(), {"web": "down"})["api"] == "ok"

    def test_worst_of_own_state_and_dependencies(self):
        health = g.effective_health(chain(kind_web_api="soft"), {"web": "degraded", "api": "down"})
        assert health["web"] == "degraded"

    def test_no_faults_means_all_ok(self):
        assert set(g.effective_health(chain(), {}).values()) == {"ok"}


class TestCustomerImpact:
    def test_traffic_weighted_share(self):
        graph = nx.DiGraph()
        graph.add_node("web", traffic=0.6)
        graph.add_node("app", traffic=0.4)
        graph.add_node("db", traffic=0.0)
        assert g.customer_impact(graph, {"web": "down", "app": "ok", "db": "down"}, 0.5) == 0.6
        assert g.customer_impact(graph, {"web": "degraded", "app": "down"}, 0.5) == pytest.approx(0.7)
        assert g.customer_impact(graph, {"web": "degraded", "app": "degraded"}, 0.25) == pytest.approx(0.25)

    def test_internal_services_alone_hurt_nobody(self):
        graph = chain()
        assert g.customer_impact(graph, {"api": "down", "db": "down", "web": "ok"}, 0.5) == 0.0


def test_owner_lookup():
    assert g.owner(chain(), "api") == "back"


def test_worst_dependency_prefers_hard_and_worse():
    graph = nx.DiGraph()
    graph.add_edge("web", "search", kind="soft")
    graph.add_edge("web", "api", kind="hard")
    assert g.worst_dependency(graph, "web", {"search": "down", "api": "degraded"}) == "api"
    assert g.worst_dependency(graph, "web", {"search": "down", "api": "ok"}) == "search"
    assert g.worst_dependency(graph, "web", {"search": "ok", "api": "ok"}) is None
