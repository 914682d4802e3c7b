"""The one-line header: sim clock, speed, phase, severity, impact and the status-update clock."""

from __future__ import annotations

from textual.reactive import reactive
from textual.widget import Widget

from sim.log.clock import format_clock, format_duration
from sim.reading.view import View
from tui.widgets.shown import Shown


def status_line(view: View, speed: float, paused: bool) -> Shown:
    """What the header says; a pure function of the view and the clock state."""
    line = Shown(no_wrap=True, overflow="ellipsis")
    line.append(format_clock(view.now), style="bold")
    line.append("  ")
    if view.ended:
        line.append("■ ended", style="bold")
    elif paused:
        line.append("⏸ PAUSED", style="bold black on yellow")
    else:
        line.append(f"▶ {speed:g}x", style="bold green")
    line.append("   phase ", style="dim")
    line.append(view.phase or "quiet", style="bold")
    line.append("   ")
    if view.severity is None:
        line.append("not declared", style="dim italic")
    else:
        line.append(view.severity, style="bold magenta")
    line.append("   impact ", style="dim")
    impact = view.observed_impact
    line.append(f"{impact:.0%}", style="bold red" if impact >= 0.2 else "bold yellow" if impact > 0 else "bold green")
    line.append("   ")
    line.append_text(_update_clock(view))
    if view.heads_down_until is not None and not view.ended:
        line.append("   ")
        unread = f", {len(view.held)} unread" if view.held else ""
        line.append(f"HEADS-DOWN until {format_clock(view.heads_down_until)}{unread}: /back", style="bold black on yellow")
    if view.ic_paged_at is not None and not view.ic_acknowledged and not view.ended:
        line.append("   ")
        line.append("you are paged: /ack", style="bold black on red")
    return line


def _update_clock(view: View) -> Shown:
    due = view.next_update_due()
    if due is None:
        return Shown("no update due", style="dim")
    remaining = due - view.now
    if remaining > 0:
        return Shown(f"next update in {format_duration(remaining)}", style="cyan")
    if remaining == 0:
        return Shown("update due NOW", style="bold yellow")
    return Shown(f"update LATE by {format_duration(-remaining)}", style="bold white on red")


class StatusBar(Widget):
    """The header line; `show` sets `line` and the widget repaints only when it changed."""

    line: reactive[Shown] = reactive(Shown)

    def show(self, view: View, speed: float, paused: bool) -> None:
        self.line = status_line(view, speed, paused)

    def render(self) -> Shown:
        return self.line
