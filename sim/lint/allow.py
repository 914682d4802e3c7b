"""An author's deliberate exception: `# icdrill-lint: allow RULE` on the finding's line or the line above.

Some findings describe the drill itself: a primary on a plane is bad staffing in a scenario about
a database, and the whole point of one about escalation. The comment keeps that decision beside
the YAML it excuses (as yamllint's `disable-line` and flake8's `noqa` do), so the rule stays strict
for everyone else and a reader of the file sees why it is allowed. Several rules may be listed,
separated by commas or spaces; anything after ` -- ` is the author's reason.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from sim.lint.finding import Finding

_ALLOW = re.compile(r"#\s*icdrill-lint:\s*allow\s+([a-z0-9, -]+?)\s*(?:--.*)?$")


def allowed_rules(line: str) -> set[str]:
    """The rule ids an allow comment on this line names (none without one).

    >>> sorted(allowed_rules("  dana: {on_call: primary}  # icdrill-lint: allow no-reachable-primary -- the plane is the drill"))
    ['no-reachable-primary']
    >>> allowed_rules("  a: b  # a plain comment")
    set()
    """
    found = _ALLOW.search(line)
    return {rule for rule in re.split(r"[,\s]+", found.group(1)) if rule} if found else set()


@cache
def _lines(path: str) -> tuple[str, ...]:
    try:
        return tuple(Path(path).read_text(encoding="utf-8").splitlines())
    except (OSError, UnicodeError):
        return ()


def is_allowed(found: Finding) -> bool:
    """Whether the finding's own line, or the line above it, allows its rule. A file that does not
    validate is never excused: its problems are validate's, not a matter of taste."""
    if found.invalid:
        return False
    lines = _lines(found.problem.file)
    near = lines[max(0, found.problem.line - 2) : found.problem.line]
    return any(found.rule in allowed_rules(line) for line in near)


def without_allowed(findings: Iterable[Finding]) -> list[Finding]:
    """The findings no allow comment excuses."""
    _lines.cache_clear()  # a file edited between two lint runs in one process is read afresh
    return [found for found in findings if not is_allowed(found)]
