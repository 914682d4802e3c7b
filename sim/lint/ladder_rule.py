"""The severity ladder: numbered levels with no rung missing."""

from __future__ import annotations

import re
from collections.abc import Iterator

from sim.lint.finding import Finding, finding
from sim.lint.subject import Subject

_NUMBERED = re.compile(r"^(.*?)(\d+)$")


def severity_gap(subject: Subject) -> Iterator[Finding]:
    """A numbered ladder that skips a number (Sev0, Sev1, Sev3): a trainee who calls the missing
    level, as any incident commander of that organisation would, names no level at all, and the
    rungs above and below the gap read as neighbours when they are not. (A ladder out of order
    does not validate, so `validate` reports it.)"""
    levels = subject.model.severity.levels
    parts = [_NUMBERED.match(level.name) for level in levels]
    if len(levels) < 2 or not all(parts) or len({m.group(1) for m in parts if m}) != 1:
        return  # not a numbered ladder: nothing to say about its numbers
    numbers = [int(m.group(2)) for m in parts if m]
    step = 1 if numbers[1] > numbers[0] else -1
    for i in range(1, len(numbers)):
        if numbers[i] - numbers[i - 1] != step:
            prefix = parts[0].group(1) if parts[0] else ""
            missing = numbers[i - 1] + step
            yield finding(
                subject, ("severity", "levels", i, "name"), "severity-gap",
                f"the ladder goes from {levels[i - 1].name} to {levels[i].name}: there is no {prefix}{missing}",
                hint=f"add a level {prefix}{missing} between them, or renumber the levels",
            )  # fmt: skip
