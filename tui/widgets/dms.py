"""Direct messages: the IC's private threads, one per person, in their own tab beside the timeline.

A thread is the view's fold of it (`View.dms`): the IC's accepted `/dm PERSON ...` commands, the
questions that person asked the IC, and their replies to DMs (`dm_replied`), in order.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.widgets import RichLog

from sim.log.clock import format_clock
from sim.reading.names import display_name
from sim.reading.view import View
from tui.widgets.shown import Shown

@dataclass(frozen=True)
class DmLine:
    t: int
    person: str  # the other end of the thread
    from_ic: bool
    text: str


def dm_lines(view: View) -> list[DmLine]:
    """Every DM line, in the order they were said (the IC's first at the same second)."""
    lines = [DmLine(t, person, who == "you", text) for person, thread in view.dms.items() for t, who, text in thread]
    return sorted(lines, key=lambda line: (line.t, not line.from_ic))  # stable: a thread keeps its order


def dm_threads(view: View) -> dict[str, list[DmLine]]:
    """Person id -> their thread with the IC, threads ordered by their latest line (newest last)."""
    threads: dict[str, list[DmLine]] = {}
    for line in dm_lines(view):
        threads.setdefault(line.person, []).append(line)
    return dict(sorted(threads.items(), key=lambda item: item[1][-1].t))


def thread_text(view: View, person: str, lines: list[DmLine]) -> Shown:
    text = Shown()
    text.append(f"── {display_name(view.names, person)} ({person}) ", style="bold cyan")
    for line in lines:
        text.append("\n")
        text.append(format_clock(line.t), style="dim")
        text.append(" ")
        text.append("you" if line.from_ic else person, style="bold green" if line.from_ic else "bold cyan")
        text.append(": ")
        text.append(line.text, style="green" if line.from_ic else "")
    return text


class DmsLog(RichLog):
    """The DM threads, redrawn whole when a line is added (threads are short); `unread` counts
    lines from others since the tab was last looked at."""

    BORDER_TITLE = "Direct messages"

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(wrap=True, markup=False, highlight=False, min_width=20, id=id)
        self._dm_count = 0
        self._seen_from_others = 0
        self.unread = 0
        self._dm_view: View | None = None

    def show(self, view: View) -> None:
        lines = dm_lines(view)
        if len(lines) == self._dm_count:
            return
        self._dm_count, self._dm_view = len(lines), view
        self.unread = sum(not line.from_ic for line in lines) - self._seen_from_others
        self._redraw()

    def mark_read(self) -> None:
        self._seen_from_others += self.unread
        self.unread = 0

    def _redraw(self) -> None:
        self.clear()
        threads = dm_threads(self._dm_view) if self._dm_view is not None else {}
        if not threads:
            self.write(Shown("no direct messages yet: /dm PERSON TEXT writes to one person", style="dim italic"))
        for person, lines in threads.items():
            self.write(thread_text(self._dm_view, person, lines))

    def on_resize(self) -> None:
        self._redraw()  # threads re-wrap to the new width
