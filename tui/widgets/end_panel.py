"""The panel the play screen shows once the drill has ended: the outcome, the score, and the key
back to the debrief.

The debrief itself is a screen of its own (`tui.screens.debrief`), shown when the session closes;
Esc there comes back to the play screen, where the board and the timeline stay as the drill left
them, and this panel says how to return. The scorecard's text builders it used to hold are in
`tui.widgets.scorecard`.
"""

from __future__ import annotations

from textual.reactive import reactive
from textual.widgets import Static

from tui.store.session import ClosedSession
from tui.widgets.scorecard import outcome_text
from tui.widgets.shown import Shown

BACK = "d: the debrief (scorecard, charts, timeline, report)    ctrl+q quits"


def subtitle(closed: ClosedSession) -> str:
    """The panel's bottom border: the score, and the recording's file name."""
    parts = [f"score {closed.card.overall:.0f}/100"]
    if closed.recording is not None:
        parts.append(f"recorded as {closed.recording.name}")
    return " · ".join(parts)


def end_text(closed: ClosedSession) -> Shown:
    text = outcome_text(closed.outcome)
    text.append("\n")
    text.append(BACK, style="bold")
    return text


class EndPanel(Static):
    """Hidden until `closed` is set."""

    BORDER_TITLE = "Drill ended"

    closed: reactive[ClosedSession | None] = reactive(None)

    def watch_closed(self, closed: ClosedSession | None) -> None:
        self.set_class(closed is not None, "-shown")
        self.border_subtitle = subtitle(closed) if closed is not None else None
        self.update(end_text(closed) if closed is not None else Shown(""))
