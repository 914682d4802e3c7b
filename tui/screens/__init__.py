"""The app's screens: the briefing read before the drill, the play screen that arranges the panels,
the command list, and the question asked before leaving a drill that is still running."""

from tui.screens.briefing import BriefingScreen
from tui.screens.help import HelpScreen
from tui.screens.leave import LeaveScreen
from tui.screens.play import PlayScreen

__all__ = ["BriefingScreen", "HelpScreen", "LeaveScreen", "PlayScreen"]
