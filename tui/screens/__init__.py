"""The app's screens: the briefing read before the drill, the play screen that arranges the panels,
the command list, the severity and status-update forms, and the question asked before leaving a
drill that is still running."""

from tui.screens.briefing import BriefingScreen
from tui.screens.help import HelpScreen
from tui.screens.leave import LeaveScreen
from tui.screens.play import PlayScreen
from tui.screens.severity_form import SeverityForm
from tui.screens.update_form import UpdateForm

__all__ = ["BriefingScreen", "HelpScreen", "LeaveScreen", "PlayScreen", "SeverityForm", "UpdateForm"]
