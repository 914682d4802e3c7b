"""The game day's comparison as one self-contained HTML page: `index.html` of the export folder.

Self-contained: the style is inline, the charts are inline SVG drawn here, and nothing is fetched
(no script, no font, no image, no stylesheet from anywhere; the only links are to the reports
beside the page). Every text a trainee or a scenario author chose goes through `_text`: control
characters shown as escapes, then HTML-escaped, so a trainee named `<script>` is a name on the page.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from sim.log.printable import printable
from tui.store.cohort import OVERALL, TEXT_COLUMNS, Comparison, Group, Report, figure, median, shown, table

_STYLE = """
body { font: 15px/1.45 system-ui, sans-serif; margin: 2rem auto; max-width: 72rem; padding: 0 1rem; color: #1d2430; }
h1, h2 { line-height: 1.2; }
table { border-collapse: collapse; margin: 0.5rem 0 1rem; }
th, td { border-bottom: 1px solid #d8dde6; padding: 0.25rem 0.6rem; text-align: right; }
th.text, td.text { text-align: left; }
tr.median td { font-style: italic; border-top: 2px solid #9aa5b5; }
.charts { display: flex; flex-wrap: wrap; gap: 1rem 2rem; }
svg.chart text { font: 12px system-ui, sans-serif; fill: #1d2430; }
svg.chart text.title { font-weight: 600; }
svg.chart rect.bar { fill: #3d6fb6; }
svg.chart rect.track { fill: #eef1f5; }
svg.chart line.median { stroke: #c0392b; stroke-width: 1.5; stroke-dasharray: 3 2; }
p.note { color: #4a5568; }
"""

# The bar charts' geometry, in pixels: a label column, a 0-100 track, the figure after it.
_LABEL, _TRACK, _FIGURE, _ROW, _TOP = 130, 160, 34, 18, 22
_LABEL_CHARS = 18  # a longer name is cut in the chart (the table above shows it whole)


def render_page(comparison: Comparison, reports: Sequence[Report]) -> str:
    """`index.html`: per scenario and level a table and a bar chart per dimension, then every session."""
    trainees, sessions = len(comparison.trainees), len(comparison.sessions)
    body = [
        f"<h1>Game day: {_text(comparison.cohort)}</h1>",
        f'<p class="note">{trainees} trainee{"s" * (trainees != 1)}, {sessions} session{"s" * (sessions != 1)}. '
        "Each trainee's latest session of each scenario and level is compared (where they stand at the end "
        "of the day); the dashed red line is the room's median. Every session's post-incident report is "
        "linked below.</p>",
    ]
    for group in comparison.groups:
        body += [f"<h2>{_text(group.title)}</h2>", _table(group, comparison.dimensions), '<div class="charts">']
        body += [_chart(group, name) for name in (OVERALL, *comparison.dimensions)]
        body.append("</div>")
    body += ["<h2>Every session</h2>", _sessions(reports)]
    return "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="en">',
            "<head>",
            '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>Game day: {_text(comparison.cohort)}</title>",
            f"<style>{_STYLE}</style>",
            "</head>",
            "<body>",
            *body,
            "</body>",
            "</html>",
            "",
        ]
    )


def _table(group: Group, dimensions: Sequence[str]) -> str:
    headers, rows = table(group, dimensions)
    text = {i for i, h in enumerate(headers) if h in TEXT_COLUMNS and h != "seed"}
    head = "".join(f'<th{_class(i, text)} scope="col">{_text(h)}</th>' for i, h in enumerate(headers))
    lines = ["<table>", f"<thead><tr>{head}</tr></thead>", "<tbody>"]
    *trainee_rows, median_row = rows
    for row in trainee_rows:
        lines.append("<tr>" + "".join(f"<td{_class(i, text)}>{_text(c)}</td>" for i, c in enumerate(row)) + "</tr>")
    cells = "".join(f"<td{_class(i, text)}>{_text(c)}</td>" for i, c in enumerate(median_row))
    lines += [f'<tr class="median">{cells}</tr>', "</tbody>", "</table>"]
    return "\n".join(lines)


def _class(column: int, text: set[int]) -> str:
    return ' class="text"' if column in text else ""


def _chart(group: Group, name: str) -> str:
    """A bar per trainee on a 0-100 track, the figure after it, the room's median as a dashed line."""
    width = _LABEL + _TRACK + _FIGURE
    height = _TOP + _ROW * len(group.rows) + 4
    parts = [
        f'<svg class="chart" width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{_text(name)} by trainee">',
        f'<text class="title" x="0" y="14">{_text(name)}</text>',
    ]
    for i, session in enumerate(group.rows):
        y = _TOP + i * _ROW
        value = figure(session, name)
        parts.append(f'<text x="{_LABEL - 8}" y="{y + 12}" text-anchor="end">{_text(_cut(session.trainee))}</text>')
        parts.append(f'<rect class="track" x="{_LABEL}" y="{y + 2}" width="{_TRACK}" height="{_ROW - 5}"/>')
        if value is not None:
            parts.append(f'<rect class="bar" x="{_LABEL}" y="{y + 2}" width="{_x(value):.1f}" height="{_ROW - 5}"/>')
        parts.append(f'<text x="{_LABEL + _TRACK + 6}" y="{y + 12}">{shown(value)}</text>')
    middle = median(group, name)
    if middle is not None:
        x = _LABEL + _x(middle)
        parts.append(f'<line class="median" x1="{x:.1f}" y1="{_TOP}" x2="{x:.1f}" y2="{height - 2}"/>')
    parts.append("</svg>")
    return "\n".join(parts)


def _x(score: float) -> float:
    """Where a score (0 to 100) ends on the track."""
    return _TRACK * min(max(score, 0.0), 100.0) / 100.0


def _cut(name: str) -> str:
    return name if len(name) <= _LABEL_CHARS else name[: _LABEL_CHARS - 1] + "\u2026"


def _sessions(reports: Sequence[Report]) -> str:
    headers = ["played", "trainee", "scenario", "level", "seed", "IC", "overall", "report"]
    text = {0, 1, 2, 3, 5, 7}
    head = "".join(f'<th{_class(i, text)} scope="col">{h}</th>' for i, h in enumerate(headers))
    lines = ["<table>", f"<thead><tr>{head}</tr></thead>", "<tbody>"]
    for report in reports:
        s = report.session
        if report.path is not None:
            link = f'<a href="{html.escape(report.path, quote=True)}">report</a>'
        else:
            link = f"none: {_text(report.problem or '')}"
        cells = [s.played_at.replace("T", " ")[:16], s.trainee, s.scenario, s.level or "-", str(s.seed), s.driver, shown(s.overall)]
        row = "".join(f"<td{_class(i, text)}>{_text(c)}</td>" for i, c in enumerate(cells))
        lines.append(f'<tr>{row}<td class="text">{link}</td></tr>')
    lines += ["</tbody>", "</table>"]
    return "\n".join(lines)


def _text(value: str) -> str:
    """Outside text as a page shows it: controls as escapes, then every markup character escaped."""
    return html.escape(printable(str(value)), quote=True)
