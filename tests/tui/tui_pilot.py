"""What the TUI tests share: driving the app through a pilot and reading what it shows."""

from __future__ import annotations

from textual.pilot import Pilot

from tui.widgets import CommandInput

SIZE = (120, 40)


async def paste_command(pilot: Pilot, text: str) -> None:
    """Put a whole command in the input at once and send it."""
    pilot.app.screen.query_one(CommandInput).value = text
    await pilot.press("enter")
    await pilot.pause()


async def until(pilot: Pilot, condition, timeout: float = 3.0) -> None:
    """Let the app's clock tick until `condition()` holds (a loaded machine delays timers)."""
    waited = 0.0
    while not condition() and waited < timeout:
        await pilot.pause(0.05)
        waited += 0.05


def squash(text: str) -> str:
    return " ".join(text.split())
