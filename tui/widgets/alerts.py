"""The alerts panel: what is firing right now, on which service, and the label the pager gives it."""

from __future__ import annotations

from textual.reactive import reactive
from textual.widget import Widget

from sim.reading.view import View
from tui.widgets.shown import Shown


_DOT = {"critical": "bold red", "warning": "bold yellow", "info": "bold blue"}


class AlertsPanel(Widget):
    BORDER_TITLE = "Alerts"

    firing: reactive[tuple[tuple[str, str, str], ...]] = reactive((), layout=True)

    def show(self, view: View) -> None:
        self.firing = tuple((alert, service, view.alert_severity(alert)) for alert, service in sorted(view.alerts.items()))

    def render(self) -> Shown:
        if not self.firing:
            return Shown("no alerts firing", style="dim italic")
        lines = [
            Shown.assemble(("● ", _DOT[severity]), (f"{severity} ", "dim"), alert, (" on ", "dim"), service)
            for alert, service, severity in self.firing
        ]
        return Shown("\n").join(lines)
