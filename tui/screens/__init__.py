"""The app's screens: the briefing read before the drill, the play screen that arranges the panels,
and the question asked before leaving a drill that is still running."""

from tui.screens.briefing import BriefingScreen
from tui.screens.leave import LeaveScreen
from tui.screens.play import PlayScreen

__all__ = ["BriefingScreen", "LeaveScreen", "PlayScreen"]
