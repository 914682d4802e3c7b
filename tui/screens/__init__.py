"""The app's screens: the picker of scenarios, the name asked once, the briefing read before the
drill, the play screen that arranges the panels, the command list, the severity and status-update
forms, and the question asked before leaving a drill that is still running.

Each screen is imported when it is first asked for (PEP 562 `__getattr__`): the picker and the
briefing are drawn before the play screen's panels (and the engine) are imported.
"""

from sim.lazy import lazy_exports

_MODULES = {
    "BriefingScreen": "briefing",
    "HelpScreen": "help",
    "LeaveScreen": "leave",
    "NameScreen": "name",
    "PickerScreen": "picker",
    "PlayScreen": "play",
    "SeverityForm": "severity_form",
    "UpdateForm": "update_form",
}

__all__ = sorted(_MODULES)


__getattr__ = lazy_exports(__name__, _MODULES)
