"""One game day's trainees side by side: what `icdrill history --cohort NAME` compares and exports.

A game day (a cohort) is every session whose recording was filed under its name (`icdrill play
--cohort NAME`). The room compares like with like: one group per scenario and level played, a
row per trainee, a column per scorecard dimension.

Each trainee's row in a group is their **latest** session of that scenario and level, not their
best: it is where they stand at the end of the day, and it does not reward replaying one drill
until the dice fall well. Every session of the day still gets its report in the export.

The figures are the history's, stored as each session was scored at its end
(`tui.store.history`), so the comparison says what each trainee's debrief said.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from tui.store.history import Session

OVERALL = "overall"


@dataclass(frozen=True)
class Group:
    """The trainees who played one scenario at one level: a row each, by name."""

    scenario: str
    level: str | None
    rows: tuple[Session, ...]

    @property
    def title(self) -> str:
        return self.scenario if self.level is None else f"{self.scenario} (level {self.level})"


@dataclass(frozen=True)
class Comparison:
    """A game day: its groups to compare and every session played in it."""

    cohort: str
    dimensions: tuple[str, ...]  # the scorecard's dimensions, in its order
    groups: tuple[Group, ...]
    sessions: tuple[Session, ...]  # every session of the day, in the order played

    @property
    def trainees(self) -> list[str]:
        return sorted({s.trainee for s in self.sessions}, key=_by_name)


def compare(cohort: str, sessions: Sequence[Session], dimensions: Sequence[str]) -> Comparison:
    """The comparison of ``sessions`` (one game day's, in the order played): per scenario and level,
    each trainee's latest session. ``dimensions`` come first, then any other a session was scored on."""
    names = list(dimensions)
    for session in sessions:
        names += [name for name in session.dimensions if name not in names]
    latest: dict[tuple[str, str | None], dict[str, Session]] = {}
    for session in sessions:  # in the order played: a later one replaces an earlier one
        latest.setdefault((session.scenario, session.level), {})[session.trainee] = session
    groups = tuple(
        Group(scenario, level, tuple(sorted(rows.values(), key=lambda s: _by_name(s.trainee))))
        for (scenario, level), rows in sorted(latest.items(), key=lambda item: (item[0][0], item[0][1] or ""))
    )
    return Comparison(cohort, tuple(names), groups, tuple(sessions))


def figure(session: Session, name: str) -> float | None:
    """A session's score on a dimension, or overall; None when it has none."""
    return session.overall if name == OVERALL else session.dimensions.get(name)


def median(group: Group, name: str) -> float | None:
    """The room's median on a dimension (over the trainees who have a score on it)."""
    values = [v for s in group.rows if (v := figure(s, name)) is not None]
    return statistics.median(values) if values else None


# The text columns before the figures in every rendering of a group (terminal, Markdown, HTML).
TEXT_COLUMNS = ("trainee", "seed", "IC", "resolved")
MEDIAN = "room median"


def table(group: Group, dimensions: Sequence[str]) -> tuple[list[str], list[list[str]]]:
    """A group as a table of plain text: the headers, then a row per trainee and the room's median
    last. The renderers escape the cells (a trainee's name is theirs to choose)."""
    headers = [*TEXT_COLUMNS, OVERALL, *dimensions]
    rows = [
        [s.trainee, str(s.seed), s.driver, "yes" if s.resolved else "no", *(shown(figure(s, n)) for n in (OVERALL, *dimensions))]
        for s in group.rows
    ]
    rows.append([MEDIAN, "", "", "", *(shown(median(group, n)) for n in (OVERALL, *dimensions))])
    return headers, rows


def shown(value: float | None) -> str:
    """A score as the tables show it: whole points, as the debrief and `icdrill history` do."""
    return "-" if value is None else f"{value:.0f}"


def _by_name(name: str) -> tuple[str, str]:
    return (name.casefold(), name)


@dataclass(frozen=True)
class Report:
    """Where the export put a session's post-incident report, or why it could not make it."""

    session: Session
    path: str | None  # relative to the export folder, with forward slashes
    problem: str | None = None
