"""A service's drill-down, over the play screen: owner as known, dependencies, dependents, alerts,
vendor and who works on it (`tui.widgets.service_map.service_detail`). The clock keeps running:
this is a look, not a pause; Esc or Enter closes it."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from sim.reading.view import View
from tui.widgets.service_map import service_detail
from tui.widgets.shown import Shown


class ServiceDetailScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,enter", "close", "Close")]

    def __init__(self, view: View, service: str) -> None:
        super().__init__()
        self.seen, self.service = view, service

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="detail-box"):
            yield Static(service_detail(self.seen, self.service), id="detail-body")
            yield Static(Shown("Esc or Enter closes", style="dim"), id="detail-keys")

    def action_close(self) -> None:
        self.dismiss(None)
