"""The panels of the IC seat, one per file. Each takes the engine's view through a `show(view)`
method and re-renders only when what it shows has changed; none knows the app or the engine."""

from tui.widgets.alerts import AlertsPanel
from tui.widgets.command_input import CommandInput
from tui.widgets.end_panel import EndPanel
from tui.widgets.dms import DmsLog
from tui.widgets.people import PeoplePanel
from tui.widgets.room import RoomPanel
from tui.widgets.service_map import ServiceMap
from tui.widgets.status_bar import StatusBar
from tui.widgets.suggestions import Suggestions
from tui.widgets.task_board import TaskBoard
from tui.widgets.timeline import Timeline

__all__ = [
    "AlertsPanel",
    "CommandInput",
    "DmsLog",
    "EndPanel",
    "PeoplePanel",
    "RoomPanel",
    "ServiceMap",
    "StatusBar",
    "Suggestions",
    "TaskBoard",
    "Timeline",
]
