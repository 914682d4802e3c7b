"""The alerts panel: what is firing right now, and on which service."""

from __future__ import annotations

from textual.reactive import reactive
from textual.widget import Widget

from sim.reading.view import View
from tui.widgets.shown import Shown


class AlertsPanel(Widget):
    BORDER_TITLE = "Alerts"

    firing: reactive[tuple[tuple[str, str], ...]] = reactive((), layout=True)

    def show(self, view: View) -> None:
        self.firing = tuple(sorted(view.alerts.items()))

    def render(self) -> Shown:
        if not self.firing:
            return Shown("no alerts firing", style="dim italic")
        lines = [Shown.assemble(("● ", "bold red"), alert, (" on ", "dim"), service) for alert, service in self.firing]
        return Shown("\n").join(lines)
