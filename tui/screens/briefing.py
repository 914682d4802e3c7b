"""The briefing: what the trainee reads before taking the IC seat."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Static

from tui.widgets.shown import Shown

HOW_TO_PLAY = (
    "You are the Incident Commander. Type slash commands in the line at the bottom "
    "(/help lists them): acknowledge your page, declare a severity, page owners, give named "
    "people time-boxed tasks, post status updates, and drive the incident to resolution."
)


class BriefingScreen(Screen[bool]):
    """Dismissed with True when the player starts the drill."""

    BINDINGS = [Binding("enter", "begin", "Take the IC seat")]

    def __init__(self, title: str, briefing: str) -> None:
        super().__init__()
        self.scenario_title = title
        self.briefing = briefing

    def compose(self) -> ComposeResult:
        # Scenario text is shown as written (`Shown`): brackets are just brackets, an ESC shows as \x1b.
        with Vertical(id="briefing-box"):
            yield Static(Shown(self.scenario_title), markup=False, id="briefing-title")
            yield Static(Shown(self.briefing.strip() or "(no briefing)"), markup=False, id="briefing-text")
            yield Static(HOW_TO_PLAY, markup=False, id="briefing-howto")
            yield Static("Press Enter to start the clock.", markup=False, id="briefing-start")
        yield Footer()

    def action_begin(self) -> None:
        self.dismiss(True)
