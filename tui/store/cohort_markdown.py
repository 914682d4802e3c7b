"""The game day's comparison as Markdown: `index.md` of the export folder (`tui.store.cohort_export`).

Every text a trainee or a scenario author chose (names, the game day's name, levels) goes through
the report's own escaping (`sim.reading.report.md`), so it reads as typed, never as Markdown or HTML.
"""

from __future__ import annotations

from collections.abc import Sequence

from sim.reading.report import md
from tui.store.cohort import MEDIAN, TEXT_COLUMNS, Comparison, Report, shown, table

_NOTE = (
    "Each trainee's latest session of each scenario and level is compared (where they stand at the "
    "end of the day); every session's post-incident report is in `reports/`."
)


def render_index(comparison: Comparison, reports: Sequence[Report]) -> str:
    """`index.md`: a table per scenario and level, then every session with its report."""
    trainees, sessions = len(comparison.trainees), len(comparison.sessions)
    lines = [f"# Game day: {md(comparison.cohort)}", "", f"{_count(trainees, 'trainee')}, {_count(sessions, 'session')}. {_NOTE}"]
    for group in comparison.groups:
        headers, rows = table(group, comparison.dimensions)
        lines += ["", f"## {md(group.title)}", "", _row(headers)]
        lines.append(_row(["---" if h in TEXT_COLUMNS and h != "seed" else "---:" for h in headers]))
        *trainees_rows, median_row = rows
        lines += [_row([md(cell) for cell in row]) for row in trainees_rows]
        lines.append(_row([f"*{MEDIAN}*", *(md(cell) for cell in median_row[1:])]))
    lines += ["", "## Every session", "", _row(["played", "trainee", "scenario", "level", "seed", "IC", "overall", "report"])]
    lines.append(_row(["---", "---", "---", "---", "---:", "---", "---:", "---"]))
    for report in reports:
        s = report.session
        link = f"[report]({report.path})" if report.path is not None else f"none: {md(report.problem or '')}"
        cells = [md(s.played_at.replace("T", " ")[:16]), md(s.trainee), md(s.scenario), md(s.level or "-")]
        lines.append(_row([*cells, str(s.seed), md(s.driver), shown(s.overall), link]))
    return "\n".join(lines) + "\n"


def _row(cells: Sequence[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _count(n: int, what: str) -> str:
    return f"{n} {what}" if n == 1 else f"{n} {what}s"
