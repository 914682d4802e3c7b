"""The service map: the services as a dependency tree, each with its health as the IC sees it.

Roots are the services customers call (a share of the traffic), or, in a catalog without traffic,
those nothing depends on; under each, what it calls, hard or soft. A service reached from no root
is a root of its own, so every service is on the map. Health reads without colour too: a symbol
and a word (`HEALTH_MARKS`). Selecting a node (Enter or a click) asks for its drill-down
(`service_detail`), which the play screen shows.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from sim.reading.names import display_name
from sim.reading.view import View
from sim.scenario.public import Catalog
from tui.widgets.shown import Shown

HEALTH_MARKS = {"ok": ("✓", "green"), "degraded": ("▲", "bold yellow"), "down": ("✗", "bold white on red"), "unknown": ("?", "dim")}


@dataclass(frozen=True)
class MapNode:
    service: str
    link: str | None  # hard or soft: how its parent depends on it; None for a root
    children: tuple[MapNode, ...] = ()


def service_tree(catalog: Catalog) -> tuple[MapNode, ...]:
    """The map's roots, each with its dependencies below it; a dependency cycle is cut where it closes."""
    services = catalog.services
    called = {dep for card in services.values() for dep in card.depends_on}
    roots = sorted((s for s, card in services.items() if card.traffic > 0), key=lambda s: (-services[s].traffic, s))
    if not roots:
        roots = sorted(s for s in services if s not in called)
    seen: set[str] = set()

    def node(service: str, link: str | None, path: frozenset[str]) -> MapNode:
        seen.add(service)
        card = services.get(service)
        deps = sorted(card.depends_on.items()) if card is not None else []
        inner = path | {service}
        return MapNode(service, link, tuple(node(d, kind, inner) for d, kind in deps if d not in inner))

    tree = [node(root, None, frozenset()) for root in roots]
    for service in sorted(services):  # reached from no root: on the map all the same
        if service not in seen:
            tree.append(node(service, None, frozenset()))
    return tuple(tree)


def node_label(view: View, service: str, link: str | None) -> Shown:
    """'✓ checkout ok', '▲ payments-db degraded (soft) · 1 alert'."""
    health = view.health.get(service, "unknown")
    mark, style = HEALTH_MARKS.get(health, ("?", "dim"))
    label = Shown()
    label.append(mark, style=style)
    label.append(" ")
    label.append(service, style="bold" if link is None else "")
    label.append(" ")
    label.append(health, style=style)
    if link == "soft":
        label.append(" (soft)", style="dim")
    alerts = sum(1 for s in view.alerts.values() if s == service)
    if alerts:
        label.append(f" · {alerts} alert{'s' if alerts != 1 else ''}", style="bold red")
    return label


def dependents(catalog: Catalog, service: str) -> list[tuple[str, str]]:
    return sorted((name, card.depends_on[service]) for name, card in catalog.services.items() if service in card.depends_on)


def service_detail(view: View, service: str) -> Shown:
    """The drill-down: owner as known, dependencies, dependents, alerts, vendor, who works on it."""
    card = view.catalog.services[service]
    health = view.health.get(service, "unknown")
    mark, style = HEALTH_MARKS.get(health, ("?", "dim"))
    text = Shown()
    text.append(service, style="bold")
    text.append("  ")
    text.append(f"{mark} {health}", style=style)
    text.append(f"   tier {card.tier}   traffic {card.traffic:.0%}\n" if card.traffic else f"   tier {card.tier}\n", style="dim")
    text.append("owner: ", style="dim")
    owner = view.owners.get(service)
    if owner is None:
        text.append("unknown — /owner " + service + " looks it up", style="yellow")
    else:
        text.append(owner, style="bold")
        confirmed = service in view.owners_confirmed
        text.append(" (confirmed)" if confirmed else " (as the catalog lists it; may be stale — /owner checks)",
                    style="green" if confirmed else "dim")
    if card.vendor:
        text.append("\nvendor: ", style="dim")
        text.append(card.vendor, style="bold")
        page = view.status_pages.get(service)
        if page:
            text.append(f" (status page: {page})", style="dim")
    text.append("\ndepends on: ", style="dim")
    deps = sorted(card.depends_on.items())
    text.append(", ".join(f"{d} ({k})" for d, k in deps) if deps else "nothing", style="" if deps else "dim")
    text.append("\nused by: ", style="dim")
    users = dependents(view.catalog, service)
    text.append(", ".join(f"{d} ({k})" for d, k in users) if users else "no other service", style="" if users else "dim")
    text.append("\nalerts: ", style="dim")
    firing = sorted(a for a, s in view.alerts.items() if s == service)
    if firing:
        text.append(", ".join(f"{a} ({view.alert_severity(a)})" for a in firing), style="bold red")
    else:
        text.append("none firing", style="dim")
    text.append("\nworking on it: ", style="dim")
    working = sorted(
        f"{display_name(view.names, pid)} ({pid}): {p.task}"
        for pid, p in view.people.items()
        if p.task and p.task.split(" ", 1)[-1] == service
    )
    text.append("; ".join(working) if working else "nobody", style="cyan" if working else "dim")
    return text


class ServiceMap(Tree[str]):
    """The tree; built once from the catalog (it does not change), labels refreshed as health does."""

    BORDER_TITLE = "Services"

    class Chosen(Message):
        """A service was selected: its drill-down is wanted."""

        def __init__(self, service: str) -> None:
            super().__init__()
            self.service = service

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("services", id=id)
        self.show_root = False
        self.guide_depth = 2
        self._service_nodes: list[tuple[TreeNode[str], str | None]] = []  # (node, link to its parent)
        self._labels: tuple[str, ...] = ()
        self._built = False

    def show(self, view: View) -> None:
        if not self._built:
            self._built = True
            for root in service_tree(view.catalog):
                self._add(self.root, root)
        labels = [node_label(view, node.data, link) for node, link in self._service_nodes]
        plain = tuple(label.plain for label in labels)
        if plain == self._labels:
            return
        self._labels = plain
        for (node, _), label in zip(self._service_nodes, labels):
            node.set_label(label)
        down = sum(1 for h in view.health.values() if h in ("down", "degraded"))
        self.border_title = f"Services · {down} unhealthy" if down else "Services"

    def _add(self, parent: TreeNode[str], node: MapNode) -> None:
        label = Shown(node.service)
        if node.children:
            child = parent.add(label, data=node.service, expand=node.link is None)
            for sub in node.children:
                self._add(child, sub)
        else:
            child = parent.add_leaf(label, data=node.service)
        self._service_nodes.append((child, node.link))

    def on_tree_node_selected(self, event: Tree.NodeSelected[str]) -> None:
        event.stop()
        if event.node.data is not None:
            self.post_message(self.Chosen(event.node.data))
