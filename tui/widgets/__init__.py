"""The widgets of the IC seat, one per file. Each panel takes the engine's view through a
`show(view)` method and re-renders only when what it shows has changed."""

from tui.widgets.alerts import AlertsPanel
from tui.widgets.briefing import BriefingScreen
from tui.widgets.command_input import CommandInput
from tui.widgets.end_panel import EndPanel
from tui.widgets.people import PeoplePanel
from tui.widgets.play import PlayScreen
from tui.widgets.room import RoomPanel
from tui.widgets.services import ServicesPanel
from tui.widgets.status_bar import StatusBar
from tui.widgets.timeline import Timeline

__all__ = [
    "AlertsPanel",
    "BriefingScreen",
    "CommandInput",
    "EndPanel",
    "PeoplePanel",
    "PlayScreen",
    "RoomPanel",
    "ServicesPanel",
    "StatusBar",
    "Timeline",
]
