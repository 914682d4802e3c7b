"""`icdrill lint PATH...`: validate each file, then run every rule that applies to it."""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from sim.lint.allow import without_allowed
from sim.lint.expert_rule import DEFAULT_SEEDS, expert_loses
from sim.lint.finding import Finding
from sim.lint.rules import static_findings
from sim.lint.subject import Subject
from sim.scenario.loader import check_file
from sim.scenario.model import Scenario
from sim.scenario.problems import Problem, sorted_problems
from sim.scenario.validate import collect, count


@dataclass
class LintReport:
    """Findings (validation problems of files that do not validate among them), sorted by place;
    how many files were checked; notes on what a folder walk did not follow."""

    findings: list[Finding] = field(default_factory=list)
    checked: int = 0
    notes: list[str] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        return not self.findings


def lint_paths(
    paths: list[str], seeds: int = DEFAULT_SEEDS, progress: Callable[[int, int], None] | None = None
) -> LintReport:
    """Lint the named files and every *.yaml / *.yml under the named folders (as `validate`
    finds them). ``progress(done, total)`` is called after each file. Never raises for a file."""
    files, path_problems, notes = collect(paths)
    found = [Finding(p, invalid=True) for p in path_problems]
    for done, file in enumerate(files, 1):
        found += _lint_file(str(file), seeds)
        if progress is not None:
            progress(done, len(files))
    # A finding in an org file is found again by every scenario that includes it: once is enough.
    unique = {f.problem.sort_key(): f for f in found}
    return LintReport(without_allowed(unique[key] for key in sorted(unique)), len(files), notes)


def _lint_file(path: str, seeds: int) -> list[Finding]:
    checked = check_file(Path(path), path)
    if checked.problems or checked.model is None or checked.where is None:
        return [Finding(p, invalid=True) for p in sorted_problems(checked.problems)]
    subject = Subject(path, checked.model, checked.data, checked.where, checked.org_data, checked.content_hash)  # type: ignore[arg-type]
    try:
        found = static_findings(subject)
        if isinstance(checked.model, Scenario) and seeds > 0:
            found += list(expert_loses(subject, seeds))
    except Exception as err:  # noqa: BLE001 - a bug in a rule must not become a traceback
        message = f"internal error while linting this file ({type(err).__name__}: {err}); please report it"
        return [Finding(Problem(path, 1, 1, "lint", message))]
    return found


def print_report(report: LintReport, out: TextIO | None = None, err: TextIO | None = None) -> bool:
    """Print every finding (on ``out``) and a count; whether every file is clean."""
    out = out or sys.stdout
    err = err or sys.stderr
    for note in report.notes:
        print(f"note: {note}", file=err)
    for found in report.findings:
        print(found.format(), file=out)
    if report.findings:
        files = len({f.problem.file for f in report.findings})
        print(f"{count(len(report.findings), 'finding')} in {count(files, 'file')}, checking {count(report.checked, 'file')}", file=err)
        return False
    print(f"ok: {count(report.checked, 'file')}", file=out)
    return True
