"""`icdrill validate`: every problem of every scenario and org file named, in one report."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TextIO

from sim.scenario.loader import check_file
from sim.scenario.problems import ROOT, Problem, sorted_problems
from sim.scenario.walk import walk


def validate_paths(paths: list[str]) -> list[Problem]:
    """Problems of the named files, and of every *.yaml / *.yml under the named folders
    (sim/scenario/walk.py: no depth limit, and what it skips is a problem or a note)."""
    return _validate(paths)[0]


def validate_warnings(paths: list[str]) -> list[Problem]:
    """The warnings of the same files: what they probably did not mean, but may."""
    return _validate(paths)[3]


def print_problems(paths: list[str], out: TextIO | None = None, err: TextIO | None = None) -> bool:
    """Print every problem and warning (like a linter, on ``out``) and a count; whether all
    files are fine. A file with warnings only is fine: it loads and plays as written.

    The exit code is the command line's to choose (`tui.cli.exits`).

    ``out`` and ``err`` default to sys.stdout and sys.stderr as they are at call time, so that
    redirect_stdout and pytest's capture see the output."""
    out = out or sys.stdout
    err = err or sys.stderr
    problems, checked, notes, warnings = _validate(paths)
    for note in notes:
        print(f"note: {note}", file=err)
    for problem in sorted_problems([*problems, *warnings]):
        print(problem.format(), file=out)
    also = f" and {count(len(warnings), 'warning')}" if warnings else ""
    if problems:
        print(f"{count(len(problems), 'problem')}{also} found checking {count(checked, 'file')}", file=err)
        return False
    print(f"ok: {count(checked, 'file')}" + (f" ({count(len(warnings), 'warning')})" if warnings else ""), file=out)
    return True


def _validate(paths: list[str]) -> tuple[list[Problem], int, list[str], list[Problem]]:
    """(problems, files checked, notes on what a folder walk did not follow, warnings)."""
    files, problems, notes = collect(paths)
    warnings: list[Problem] = []
    for file in files:
        checked = check_file(file, str(file))
        problems.extend(checked.problems)
        warnings.extend(checked.warnings)
    return sorted_problems(problems), len(files), notes, sorted_problems(warnings)


def collect(paths: list[str]) -> tuple[list[Path], list[Problem], list[str]]:
    """(the files the paths name, each once; problems with the paths themselves; notes on what
    a folder walk did not follow): what `validate` and `lint` check."""
    problems: list[Problem] = []
    files: list[Path] = []
    notes: list[str] = []
    for name in paths:
        path = Path(name)
        try:
            path.stat()
        except FileNotFoundError:
            pass  # said below, as it always was
        except OSError as err:  # a folder on the way that cannot be searched, a symlink loop
            problems.append(Problem(name, 1, 1, ROOT, f"cannot read this: {err.strerror or err}"))
            continue
        if path.is_dir():
            found = walk(path)
            if not found.files and not found.problems:
                problems.append(Problem(name, 1, 1, ROOT, "no .yaml or .yml files in this folder"))
            files.extend(found.files)
            problems.extend(found.problems)
            notes.extend(found.notes)
        elif path.exists():
            files.append(path)
        else:
            problems.append(Problem(name, 1, 1, ROOT, "no such file or folder"))
    return list(dict.fromkeys(files)), problems, notes


def count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"
