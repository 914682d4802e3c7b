"""`icdrill history --cohort NAME [--export DIR [--force]]`: one game day's trainees side by side.

Without --export the comparison is printed (`format_comparison`); with it, the folder of
`tui.store.cohort_export` is written and its place printed. Every refusal is one line and exit 2,
made before any report is: a game day the history does not know (with the ones it knows), a
folder that is a file, not empty, or cannot be written.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

from tui.cli.columns import aligned
from tui.cli.exits import Exit, bad_input
from tui.store.cohort import Comparison, table

# The table's text columns (trainee, IC, resolved) align left; the numbers right.
_TEXT = {0, 2, 3}
# Game days named in a refusal: past this many, "and N more" (the line stays a line).
_KNOWN_SHOWN = 12


def refusal(args: argparse.Namespace) -> str | None:
    """Why the history flags given do not go together, or None."""
    if args.cohort is None:
        if args.export is not None:
            return "--export writes one game day's folder: name the day with --cohort NAME"
        if args.force:
            return "--force goes with --cohort NAME --export DIR"
        return None
    if args.add is not None:
        return "--cohort compares a game day and --add adds one session (its recording says its game day): give one of them"
    if args.trainee is not None:
        return "--cohort compares every trainee of the day: leave out --trainee"
    if args.force and args.export is None:
        return "--force goes with --export DIR"
    return None


def cohort_command(args: argparse.Namespace, dimensions: list[str]) -> int:
    from tui.store.cohort import compare
    from tui.store.cohort_export import ExportError, check_folder, export
    from tui.store.datadir import history_path
    from tui.store.history import History, HistoryError

    history = History(history_path())
    try:
        sessions = history.sessions(cohort=args.cohort)
        known = history.cohorts() if not sessions else {}
    except HistoryError as err:
        return bad_input(str(err))
    if not sessions:
        return bad_input(_unknown(args.cohort, known))
    comparison = compare(args.cohort, sessions, dimensions)
    if args.export is None:
        print(format_comparison(comparison))
        return Exit.OK
    folder = Path(args.export)
    try:
        check_folder(folder, args.force)
    except ExportError as err:
        return bad_input(str(err))
    try:
        reports = export(comparison, folder, Progress(args.cohort))
    except OSError as err:
        print(f"icdrill: cannot write the export to {folder}: {err.strerror or err}", file=sys.stderr)
        return Exit.FAILED
    missing = [r for r in reports if r.path is None]
    for report in missing:
        s = report.session
        print(f"icdrill: warning: no report for {s.trainee}'s {s.scenario} seed {s.seed}: {report.problem}", file=sys.stderr)
    made = len(reports) - len(missing)
    print(f"game day {args.cohort}: {made} of {len(reports)} reports and the comparison written to {folder}")
    print(f"  {folder / 'index.html'}    # open it in a browser")
    print(f"  {folder / 'index.md'}")
    return Exit.FAILED if missing else Exit.OK


def _unknown(cohort: str, known: dict[str, int]) -> str:
    if not known:
        return f"no game day named {cohort!r} in the history; none is named yet (play with --cohort NAME to name one)"
    names = [f"{name} ({count})" for name, count in list(known.items())[:_KNOWN_SHOWN]]
    more = f" and {len(known) - _KNOWN_SHOWN} more" if len(known) > _KNOWN_SHOWN else ""
    return f"no game day named {cohort!r} in the history; known (sessions): {', '.join(names)}{more}"


def format_comparison(comparison: Comparison) -> str:
    """The comparison as text: a table per scenario and level, a row per trainee, the room's median last."""
    trainees, sessions = len(comparison.trainees), len(comparison.sessions)
    head = (
        f"game day {comparison.cohort}: {trainees} trainee{'s' * (trainees != 1)}, {sessions} session{'s' * (sessions != 1)}"
        " (each trainee's latest session of a scenario and level)"
    )
    blocks = [head]
    for group in comparison.groups:
        headers, rows = table(group, comparison.dimensions)
        count = len(group.rows)
        lines = [f"{group.title}: {count} trainee{'s' * (count != 1)}", *aligned([headers, *rows], _TEXT, rule=True)]
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


class Progress:
    """Reports made so far, on stderr, once the export has taken more than a moment: a line a
    second at most, so a quick export says nothing and a long one is not silent."""

    AFTER = 1.0  # seconds

    def __init__(self, cohort: str, clock: Callable[[], float] = time.monotonic) -> None:
        self.cohort, self.clock = cohort, clock
        self.start = clock()
        self.said = self.start

    def __call__(self, done: int, total: int) -> None:
        now = self.clock()
        if now - self.start >= self.AFTER and (now - self.said >= self.AFTER or done == total):
            self.said = now
            print(f"icdrill: exporting game day {self.cohort}: {done} of {total} reports", file=sys.stderr, flush=True)
