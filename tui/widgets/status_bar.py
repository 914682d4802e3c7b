"""The one-line header: what needs the IC most first (the page, heads-down), then the sim clock,
speed, severity, the status-update clock, customer impact as a meter, and the phase.

The most urgent things lead so that an 80-column terminal, which cuts the line's end, still shows
them; the least needed (the phase, the pause-on-page mark) come last.
"""

from __future__ import annotations

from textual.reactive import reactive
from textual.widget import Widget

from sim.log.clock import format_clock, format_duration
from sim.reading.view import View
from tui.widgets.shown import Shown

METER_CELLS = 5


def impact_meter(impact: float) -> Shown:
    """'▮▮▯▯▯ 40%': a bar and the number, so it reads without colour."""
    share = min(max(impact, 0.0), 1.0)
    filled = round(share * METER_CELLS)
    if impact > 0 and filled == 0:
        filled = 1  # any harm shows on the bar
    style = "bold red" if impact >= 0.2 else "bold yellow" if impact > 0 else "bold green"
    return Shown.assemble(("▮" * filled, style), ("▯" * (METER_CELLS - filled), "dim"), " ", (f"{impact:.0%}", style))


def status_line(view: View, speed: float, paused: bool, pause_on_page: bool = False) -> Shown:
    """What the header says; a pure function of the view and the clock state."""
    line = Shown(no_wrap=True, overflow="ellipsis")
    if view.ic_paged_at is not None and not view.ic_acknowledged and not view.ended:
        line.append("you are paged: /ack", style="bold black on red")
        line.append("  ")
    if view.heads_down_until is not None and not view.ended:
        unread = f", {len(view.held)} unread" if view.held else ""
        line.append(f"HEADS-DOWN until {format_clock(view.heads_down_until)}{unread}: /back", style="bold black on yellow")
        line.append("  ")
    line.append(format_clock(view.now), style="bold")
    line.append("  ")
    if view.ended:
        line.append("■ ended", style="bold")
    elif paused:
        line.append("⏸ PAUSED", style="bold black on yellow")
    else:
        line.append(f"▶ {speed:g}x", style="bold green")
    line.append("  ")
    if view.severity is None:
        line.append("not declared", style="dim italic")
    else:
        line.append(view.severity, style="bold magenta")
    line.append("  ")
    line.append_text(_update_clock(view))
    line.append("  impact ", style="dim")
    line.append_text(impact_meter(view.observed_impact))
    if view.last_update_at is not None:
        line.append(f"  last update {format_duration(view.now - view.last_update_at)} ago", style="dim")
    line.append("  phase ", style="dim")
    line.append(view.phase or "quiet", style="bold")
    if pause_on_page and not view.ended:
        line.append("  ⏸ on page", style="cyan")
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

    def show(self, view: View, speed: float, paused: bool, pause_on_page: bool = False) -> None:
        self.line = status_line(view, speed, paused, pause_on_page)

    def render(self) -> Shown:
        return self.line
