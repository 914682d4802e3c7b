"""The app's screens: the briefing read before the drill, then the play screen that arranges the panels."""

from tui.screens.briefing import BriefingScreen
from tui.screens.play import PlayScreen

__all__ = ["BriefingScreen", "PlayScreen"]
