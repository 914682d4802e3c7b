"""The alerts panel: what is firing right now, and on which service."""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from sim.reading.view import View


class AlertsPanel(Widget):
    BORDER_TITLE = "Alerts"

    firing: reactive[tuple[tuple[str, str], ...]] = reactive((), layout=True)

    def show(self, view: View) -> None:
        self.firing = tuple(sorted(view.alerts.items()))

    def render(self) -> Text:
        if not self.firing:
            return Text("no alerts firing", style="dim italic")
        lines = [Text.assemble(("● ", "bold red"), alert, (" on ", "dim"), service) for alert, service in self.firing]
        return Text("\n").join(lines)
