"""The panel that appears when the drill ends: the outcome, read from the event log."""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from sim.durations import format_clock, format_duration
from sim.outcome import Outcome


def outcome_text(result: Outcome) -> Text:
    text = Text()
    text.append("The drill is over", style="bold")
    text.append(f" at {format_clock(result.ended_at)} ({result.ended_by}).\n")
    text.append("Outcome: ")
    if result.resolved:
        text.append("RESOLVED", style="bold green")
    else:
        text.append("NOT resolved", style="bold red")
    text.append("    time to mitigate: ")
    ttm = result.time_to_mitigate
    text.append(format_duration(ttm) if ttm is not None else "not mitigated", style="bold")
    text.append("    customer-impact-minutes: ")
    text.append(f"{result.customer_impact_minutes:.1f}", style="bold")
    text.append("\nThe scorecard and debrief come in a later version.  ctrl+q quits.", style="dim")
    return text


class EndPanel(Widget):
    """Hidden until `outcome` is set."""

    BORDER_TITLE = "Drill ended"

    outcome: reactive[Outcome | None] = reactive(None, layout=True)

    def watch_outcome(self, outcome: Outcome | None) -> None:
        self.set_class(outcome is not None, "-shown")

    def render(self) -> Text:
        return outcome_text(self.outcome) if self.outcome is not None else Text()
