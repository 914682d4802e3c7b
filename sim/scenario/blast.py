"""What an author needs to know about a world before writing its faults: the dependency graph drawn
as text and as Graphviz DOT, and each service's blast radius (what customers feel when it is
degraded or down, and the severity that impact truly is by the scenario's own ladder).

Pure functions of a validated scenario; `icdrill graph` prints them.
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from sim.scenario import graph as g
from sim.scenario.model import Scenario
from sim.scenario.policy import true_severity


@dataclass(frozen=True)
class Blast:
    """One service's blast radius: customer impact and true severity while degraded and while down."""

    service: str
    degraded_impact: float
    degraded_severity: str | None
    down_impact: float
    down_severity: str | None
    reaches: tuple[str, ...]  # the other services that go unhealthy with it (down)


def blast_radius(scenario: Scenario) -> list[Blast]:
    """Every service, worst first (by impact when down, then when degraded, then by name)."""
    graph = g.build_graph(scenario)
    model = scenario.impact
    shares = {s: model.services.get(s, model.degraded_share) for s in graph.nodes}
    rows = []
    for service in sorted(graph.nodes):
        impact = {}
        for state in (g.DEGRADED, g.DOWN):
            health = g.effective_health(graph, {service: state})
            impact[state] = (g.customer_impact(graph, health, shares), health)
        down_health = impact[g.DOWN][1]
        reaches = tuple(s for s in sorted(down_health) if s != service and down_health[s] != g.OK)
        rows.append(Blast(
            service,
            impact[g.DEGRADED][0], true_severity(scenario.severity, impact[g.DEGRADED][0]),
            impact[g.DOWN][0], true_severity(scenario.severity, impact[g.DOWN][0]),
            reaches,
        ))
    return sorted(rows, key=lambda b: (-b.down_impact, -b.degraded_impact, b.service))


def entry_services(graph: nx.DiGraph) -> list[str]:
    """The services customers call (traffic above zero), busiest first."""
    entries = [s for s in graph.nodes if (graph.nodes[s].get("traffic") or 0) > 0]
    return sorted(entries, key=lambda s: (-graph.nodes[s]["traffic"], s))


def tree_lines(scenario: Scenario) -> list[str]:
    """The graph as an indented tree: customer entry points, then what each depends on (hard or
    soft); a service already drawn above on the same path is marked as a cycle, not followed.
    Services no entry point reaches are listed after them."""
    graph = g.build_graph(scenario)
    lines: list[str] = []
    drawn: set[str] = set()

    def label(service: str) -> str:
        node = graph.nodes[service]
        owner = node.get("owner") or "vendor"
        traffic = f", {node['traffic']:.0%} of traffic" if (node.get("traffic") or 0) > 0 else ""
        return f"{service}  (owner {owner}, tier {node['tier']}{traffic})"

    def draw(service: str, prefix: str, path: tuple[str, ...]) -> None:
        drawn.add(service)
        children = sorted(graph.successors(service))
        for index, child in enumerate(children):
            last = index == len(children) - 1
            kind = graph.edges[service, child]["kind"]
            branch = "└─ " if last else "├─ "
            if child in path:
                lines.append(f"{prefix}{branch}{child} [{kind}] (cycle)")
                continue
            lines.append(f"{prefix}{branch}[{kind}] {label(child)}")
            draw(child, prefix + ("   " if last else "│  "), (*path, child))

    roots = entry_services(graph)
    for root in roots:
        lines.append(label(root))
        draw(root, "", (root,))
    rest = [s for s in sorted(graph.nodes) if s not in drawn]
    if rest:
        lines.append("")
        lines.append("not reached from any entry point:")
        for service in rest:
            lines.append(label(service))
            draw(service, "", (service,))
    return lines


def _quoted(name: str) -> str:
    # Service, team and scenario ids match ^[a-z][a-z0-9-]*$ (the model's Name): nothing to escape.
    return f'"{name}"'


def dot(scenario: Scenario) -> str:
    """The graph in Graphviz DOT: entry points double-circled, soft dependencies dashed."""
    graph = g.build_graph(scenario)
    entries = set(entry_services(graph))
    lines = [f"digraph {_quoted(scenario.scenario.id)} {{", "  rankdir=LR;", "  node [shape=box];"]
    for service in sorted(graph.nodes):
        node = graph.nodes[service]
        owner = node.get("owner") or "vendor"
        tier = node["tier"]
        attributes = [f'label="{service}' + r"\n" + f'{owner} · tier {tier}"']  # \n: DOT's line break
        if service in entries:
            attributes.append("peripheries=2")
        lines.append(f"  {_quoted(service)} [{', '.join(attributes)}];")
    for source, target in sorted(graph.edges):
        style = "dashed" if graph.edges[source, target]["kind"] == "soft" else "solid"
        lines.append(f"  {_quoted(source)} -> {_quoted(target)} [style={style}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


def blast_table(rows: list[Blast]) -> list[str]:
    """The blast radius as aligned text rows."""
    width = max([len("service"), *(len(b.service) for b in rows)])
    out = [f"{'service':<{width}}  {'degraded':>8} {'severity':<9} {'down':>5} {'severity':<9} also hurt when it is down"]
    for b in rows:
        out.append(
            f"{b.service:<{width}}  {b.degraded_impact:>8.0%} {b.degraded_severity or '-':<9} "
            f"{b.down_impact:>5.0%} {b.down_severity or '-':<9} {', '.join(b.reaches) or '-'}"
        )
    return out
