"""The panels of the IC seat, one per file. Each takes the engine's view through a `show(view)`
method and re-renders only when what it shows has changed; none knows the app or the engine.

Each panel is imported when it is first asked for (PEP 562 `__getattr__`): the picker and the
briefing draw with `tui.widgets.shown` alone, so the first screen does not wait for the panels'
imports (the view, scoring and, under them, networkx). `from tui.widgets import Timeline` works
as before.
"""

from sim.lazy import lazy_exports

_MODULES = {
    "AlertsPanel": "alerts",
    "CommandInput": "command_input",
    "DmsLog": "dms",
    "EndPanel": "end_panel",
    "PeoplePanel": "people",
    "RoomPanel": "room",
    "ServiceMap": "service_map",
    "StatusBar": "status_bar",
    "Suggestions": "suggestions",
    "TaskBoard": "task_board",
    "Timeline": "timeline",
}

__all__ = sorted(_MODULES)


__getattr__ = lazy_exports(__name__, _MODULES)
