"""The services panel: each service's observed health, its share of customer traffic and owner.

The owner is the one the IC knows: as the service catalog lists it (possibly stale, possibly
missing) until an /owner lookup corrects it; a service a third party runs shows its vendor.
"""

from __future__ import annotations

from rich.table import Table
from textual.reactive import reactive
from textual.widget import Widget

from sim.reading.view import View
from tui.widgets.shown import Shown

HEALTH_STYLES = {"ok": "green", "degraded": "bold yellow", "down": "bold white on red", "unknown": "dim"}

Row = tuple[str, str, float, str | None]  # service, observed health, traffic share, owner team as known


class ServicesPanel(Widget):
    BORDER_TITLE = "Services"

    rows: reactive[tuple[Row, ...]] = reactive((), layout=True)

    def show(self, view: View) -> None:
        self.rows = tuple(
            (name, view.health.get(name, "unknown"), card.traffic, f"{card.vendor} (vendor)" if card.vendor else view.owners.get(name))
            for name, card in view.catalog.services.items()
        )

    def render(self) -> Table:
        table = Table(box=None, expand=True, pad_edge=False, collapse_padding=True, header_style="bold dim")
        table.add_column("service", no_wrap=True, overflow="ellipsis")
        table.add_column("health", no_wrap=True)
        table.add_column("traffic", justify="right", no_wrap=True)
        table.add_column("owner", no_wrap=True, overflow="ellipsis")
        for name, health, traffic, owner in self.rows:
            table.add_row(
                Shown(name),
                Shown(health, style=HEALTH_STYLES.get(health, "")),
                Shown(f"{traffic:.0%}" if traffic else "-", style="" if traffic else "dim"),
                Shown(owner) if owner else Shown("? /owner", style="dim italic"),
            )
        return table
