"""The debrief's two charts, drawn in text with block characters: pure functions of their data and
a width, returning `Shown` (nothing here reads markup; labels from a scenario, such as severity
names, go in as plain strings).

- `impact_chart`: the share of customers affected over sim time, one column per slice of time
  (the highest share in that slice, so that a short spike still shows), eighth blocks for height;
  the moments of `Mark`s under the axis at their columns, with a legend; sim time on the axis
  (T+MM:SS).
- `gap_chart`: one bar per wait between status updates, to one scale, with the interval allowed
  then marked `│`; the part past it red when the scorer counted it late, yellow within the grace.

`Sized` hands a chart the width it is drawn at, so it redraws to the terminal's width on resize.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement

from sim.log.clock import format_clock
from tui.debrief_data import Gap, Mark
from tui.widgets.shown import Shown

BLOCKS = " ▁▂▃▄▅▆▇█"
AXIS = 5  # "100%┤": the y labels and the axis
CLOCK = len("T+00:00")
MARK_STYLES = {"page": "bold cyan", "severity": "bold magenta", "mitigated": "bold green", "resolved": "bold green"}
GUIDE = "┊"


class Sized:
    """A rich renderable that draws `draw(width)` at whatever width it is given (a chart that
    fits the widget it is in, and redraws on resize)."""

    def __init__(self, draw: Callable[[int], Shown]) -> None:
        self.draw = draw

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield self.draw(options.max_width)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement(options.max_width, options.max_width)


# --- customer impact over time ----------------------------------------------------------------


def column_of(t: float, end: int, columns: int) -> int:
    """The column (0-based) that draws sim time `t` on an axis of `columns` from 0 to `end`."""
    if end <= 0 or columns <= 0:
        return 0
    return max(0, min(columns - 1, int(t * columns / end)))


def column_values(points: Sequence[tuple[int, float]], end: int, columns: int) -> list[float]:
    """The highest value of the step function `points` in each column's slice of [0, end)."""
    values = []
    for i in range(columns):
        lo, hi = end * i / columns, end * (i + 1) / columns
        at_lo = 0.0
        inside = []
        for t, v in points:
            if t <= lo:
                at_lo = v
            elif t < hi:
                inside.append(v)
        values.append(max([at_lo, *inside]))
    return values


def scale_top(peak: float) -> float:
    """The top of the y axis: the peak rounded up to a tenth (10% at least, 100% at most)."""
    return min(1.0, max(0.1, math.ceil(round(peak * 10, 6)) / 10))


def impact_chart(points: Sequence[tuple[int, float]], end: int, marks: Sequence[Mark], width: int, height: int = 8) -> Shown:
    """Customer impact from T+00:00 to `end`, `height` rows high, at most `width` columns wide."""
    columns = max(10, width - AXIS - 1)
    values = column_values(points, end, columns)
    top = scale_top(max(values, default=0.0))
    eighths = [0 if v <= 0 else max(1, round(v / top * height * 8)) for v in values]
    guides = {column_of(m.t, end, columns): m for m in marks}
    text = Shown()
    for row in range(height):
        floor = (height - 1 - row) * 8
        if row == 0:
            label = f"{top:.0%}"
        elif row == height // 2:
            label = f"{top * (height - row) / height:.0%}"
        else:
            label = ""
        text.append(f"{label:>4}", style="dim")
        text.append("┤" if label else "│", style="dim")
        for col, level in enumerate(eighths):
            fill = max(0, min(8, level - floor))
            if fill == 0 and col in guides:
                text.append(GUIDE, style=MARK_STYLES.get(guides[col].kind, "dim") + " dim")
            else:
                text.append(BLOCKS[fill], style="red")
        text.append("\n")
    ticks = _clock_ticks(end, columns)
    axis = ["─"] * columns
    for col, _ in ticks:
        axis[col] = "┬"
    text.append("  0%└", style="dim")
    text.append("".join(axis), style="dim")
    text.append("\n")
    for row in _mark_rows(marks, end, columns):
        text.append(" " * AXIS)
        for cell in row:
            if cell is None:
                text.append(" ")
            else:
                text.append(cell.symbol, style=MARK_STYLES.get(cell.kind, "bold"))
        text.append("\n")
    text.append(" " * AXIS)
    text.append(_clock_row(ticks, columns), style="dim")
    legend = _legend(marks, width)
    if legend.plain:
        text.append("\n")
        text.append_text(legend)
    if not any(v > 0 for v in values):
        text.append("\nNo customer was affected in this run.", style="green")
    return text


def _clock_ticks(end: int, columns: int) -> list[tuple[int, int]]:
    """(column, sim time) of the axis labels: the start, the end, and evenly between, never crowded."""
    count = max(2, columns // (CLOCK + 6) + 1)
    ticks = []
    for k in range(count):
        col = round(k * (columns - 1) / (count - 1))
        ticks.append((col, round(end * k / (count - 1))))
    return ticks


def _clock_row(ticks: list[tuple[int, int]], columns: int) -> str:
    row = [" "] * columns
    for col, t in ticks:
        label = format_clock(t)
        at = max(0, min(columns - len(label), col - len(label) // 2))
        row[at : at + len(label)] = label
    return "".join(row).rstrip()


def _mark_rows(marks: Sequence[Mark], end: int, columns: int) -> list[list[Mark | None]]:
    """Marks at their columns; one that would land on another goes to the row below, same column."""
    rows: list[list[Mark | None]] = []
    for mark in marks:
        col = column_of(mark.t, end, columns)
        for row in rows:
            if row[col] is None:
                row[col] = mark
                break
        else:
            row = [None] * columns
            row[col] = mark
            rows.append(row)
    return rows


def _legend(marks: Sequence[Mark], width: int) -> Shown:
    """`1 T+06:15 declared Sev2` for every mark, as many to a line as fit in `width`."""
    text = Shown()
    used = 0
    for mark in marks:
        item = f"{format_clock(mark.t)} {mark.label}"
        size = len(mark.symbol) + 1 + len(item)
        if used and used + 3 + size > width:
            text.append("\n")
            used = 0
        elif used:
            text.append("   ")
            used += 3
        text.append(mark.symbol, style=MARK_STYLES.get(mark.kind, "bold"))
        text.append(" " + item)
        used += size
    return text


# --- status updates against the cadence ----------------------------------------------------------


def mmss(seconds: int) -> str:
    """A duration as m:ss (59:59 at most minutes: longer ones as h:mm:ss)."""
    h, rest = divmod(max(0, int(seconds)), 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"


GAP_LEFT = CLOCK + 1 + 7 + 1 + 7 + 1  # "T+07:30  12:30 / 10:00 "
GAP_TAIL = 6  # " LATE" / " grace"


def gap_chart(gaps: Sequence[Gap], width: int, grace: int = 0) -> Shown:
    """One row per wait, the time it ended on the left; the bars to one scale, `│` the allowed
    interval; a wait that ended with no update says `(end)` instead of a time."""
    text = Shown()
    if not gaps:
        text.append("No status update was due: you were never paged.", style="dim")
        return text
    bars = max(10, width - GAP_LEFT - GAP_TAIL - 1)  # columns 0..bars, the limit on the last
    longest = max(max(g.seconds, g.allowed or 0) for g in gaps) or 1

    def col(seconds: int) -> int:
        return min(bars, round(seconds * bars / longest))

    text.append(f"{'update':<{CLOCK}} {'waited':>7} {'allowed':<7} ", style="bold dim")
    text.append("bar: the wait, │ the interval allowed", style="dim")
    for gap in gaps:
        text.append("\n")
        text.append(format_clock(gap.end) if gap.posted else f"{'(end)':<{CLOCK}}", style="" if gap.posted else "bold")
        text.append(f" {mmss(gap.seconds):>7} ")
        text.append(f"{mmss(gap.allowed) if gap.allowed is not None else '-':<7} ", style="dim")
        filled = max(1, col(gap.seconds)) if gap.seconds > 0 else 0
        limit = col(gap.allowed) if gap.allowed is not None else None
        over = "red" if gap.late else "yellow"
        for c in range(bars + 1):
            if c == limit:
                text.append("┃" if c < filled else "│", style="bold")
            elif c < filled:
                text.append("█", style=over if limit is not None and c > limit else "green")
            else:
                text.append(" ")
        if gap.late:
            text.append(" LATE", style="bold red")
        elif gap.overdue:
            text.append(" grace", style="yellow")
    text.append("\n")
    text.append("LATE", style="bold red")
    text.append(f": overdue past the {mmss(grace)} grace, as the cadence was scored; ", style="dim")
    text.append("grace", style="yellow")
    text.append(": a little over, forgiven. The first wait starts at your page.", style="dim")
    return text
