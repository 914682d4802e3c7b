"""The task board: every task the IC has handed out, its time-box, and whether it is done.

Every assignment (`view.tasks`, however it was made: named, broadcast, by the tech lead) starts a
row; what the IC has been told (`view.inbox`) adds the rest: a `MoreTimeAsked` notes the extra
time asked for, a `TaskReported` marks it done.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.reactive import reactive
from textual.widget import Widget

from sim.log import events as ev
from sim.log.clock import format_duration
from sim.reading.view import View
from tui.widgets.shown import Shown


@dataclass(frozen=True)
class TaskRow:
    task: int
    person: str
    action: str
    service: str
    assigned_at: int
    due: int | None  # assigned_at + timebox; None for a task with no time-box
    extra: int = 0  # more time the person asked for, in seconds
    done_at: int | None = None

    def state(self, now: int) -> str:
        """done, overdue, running or open (no time-box)."""
        if self.done_at is not None:
            return "done"
        if self.due is None:
            return "open"
        return "overdue" if now > self.due else "running"


def task_rows(view: View) -> tuple[TaskRow, ...]:
    """The board's rows, oldest task first; a pure function of the view."""
    rows: dict[int, TaskRow] = {}
    for task, (t, e) in view.tasks.items():
        rows[task] = TaskRow(task, e.person, e.action, e.service, t, None if e.timebox is None else t + e.timebox)
    for message in view.inbox:
        e, row = message.event, rows.get(getattr(message.event, "task", -1))
        if row is None:
            continue
        if isinstance(e, ev.MoreTimeAsked):
            rows[e.task] = TaskRow(**{**row.__dict__, "extra": row.extra + e.extra})
        elif isinstance(e, ev.TaskReported) and row.done_at is None:
            rows[e.task] = TaskRow(**{**row.__dict__, "done_at": message.t})
    return tuple(sorted(rows.values(), key=lambda r: (r.assigned_at, r.task)))


def task_line(row: TaskRow, now: int) -> Shown:
    """'kenji investigate checkout  4m left', with OVERDUE or done in words, so colour is not needed."""
    line = Shown()
    line.append(row.person, style="bold")
    line.append(" ")
    line.append(f"{row.action} {row.service}")
    line.append("  ")
    state = row.state(now)
    if state == "done":
        line.append("✓ done", style="green")
    elif state == "open":
        line.append("no time-box", style="dim")
    elif state == "overdue":
        line.append(f"OVERDUE {format_duration(now - row.due)}", style="bold white on red")
    else:
        line.append(f"{format_duration(row.due - now)} left", style="cyan")
    if row.extra and state != "done":
        line.append(f" (asked +{format_duration(row.extra)})", style="yellow")
    return line


def board_text(rows: tuple[TaskRow, ...], now: int) -> Shown:
    if not rows:
        return Shown("no tasks yet: /assign PERSON ACTION SERVICE", style="dim italic")
    running = [r for r in rows if r.done_at is None]
    done = [r for r in rows if r.done_at is not None]
    return Shown("\n").join([task_line(r, now) for r in running + done])  # what still runs first


class TaskBoard(Widget):
    """The tasks, with time-box remaining; repaints when a row or the minute shown changes."""

    BORDER_TITLE = "Tasks"

    board: reactive[tuple[tuple[TaskRow, ...], int]] = reactive(((), 0), layout=True)

    def show(self, view: View) -> None:
        rows = task_rows(view)
        self.board = (rows, view.now)
        overdue = sum(r.state(view.now) == "overdue" for r in rows)
        running = sum(r.done_at is None for r in rows)
        title = f"Tasks · {running} running" if running else "Tasks"
        self.border_title = title + (f" · {overdue} OVERDUE" if overdue else "")

    def render(self) -> Shown:
        rows, now = self.board
        return board_text(rows, now)
