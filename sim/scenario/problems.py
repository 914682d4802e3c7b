"""What the loader reports: one positioned problem per defect, and the error that carries them."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from sim.log.printable import printable

ROOT = "<root>"

# More problems than this in one file are a wrong file or a hostile one, not a list to read;
# the cap also bounds the work of phrasing them (each did-you-mean is a difflib search).
MAX_PROBLEMS_PER_FILE = 200
# Names to compare a misspelling against; beyond this difflib gets slow (it is quadratic over
# many misspellings) and a suggestion among thousands of names is a guess anyway.
_MAX_CANDIDATES = 500

# A source line longer than this is shown as a window around the caret, so that a 1 MiB
# one-line file does not flood the terminal.
_SNIPPET_WIDTH = 100


@dataclass(frozen=True)
class Problem:
    """One defect at ``file:line:col`` (1-based), in the dotted ``field`` path, in plain words."""

    file: str
    line: int
    col: int
    field: str
    message: str
    # The text of the offending line, kept so that format() needs no second read of the file
    # (which may have changed, or may not decode). Not part of equality or ordering.
    source: str = field(default="", compare=False, repr=False)
    # A warning says something the author probably did not mean (an override that leaves a team
    # without a primary on-call); the file still loads and plays.
    warning: bool = False

    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.file, self.line, self.col, self.field, self.message)

    def headline(self) -> str:
        """``file:line:col: field: message`` (``field: warning: message`` for a warning); a path or a quoted value with a control character in
        it shows the character as an escape (`sim.log.printable`)."""
        label = "warning: " if self.warning else ""
        return printable(f"{self.file}:{self.line}:{self.col}: {self.field}: {label}{self.message}")

    def format(self) -> str:
        """The headline, then the source line and a caret under the column when the line is known."""
        if not self.source.strip():
            return self.headline()
        text, caret_col = _window(self.source, self.col)
        # Keep tabs in the caret's padding so that the caret lines up however tabs render.
        pad = "".join("\t" if ch == "\t" else " " for ch in text[: caret_col - 1])
        return f"{self.headline()}\n    {text}\n    {pad}^"


def _window(line: str, col: int) -> tuple[str, int]:
    """The line as shown (at most _SNIPPET_WIDTH characters of it) and the caret's column in it.

    The line is quoted from a file someone else wrote: a control character in it is shown as its
    escape (``\\x1b``, `sim.log.printable`), so that quoting it does not send it to the terminal,
    and the caret moves right by the width of each escape before it. Any other character that is
    not printable (a line or paragraph separator, a zero-width or direction mark) is shown as '?'.
    """
    line = line.rstrip("\r\n")
    col = max(1, min(col, len(line) + 1))
    start = 0
    if len(line) > _SNIPPET_WIDTH:
        start = max(0, col - 1 - _SNIPPET_WIDTH // 2)
    piece = line[start : start + _SNIPPET_WIDTH]
    prefix = "..." if start else ""
    suffix = "..." if start + _SNIPPET_WIDTH < len(line) else ""
    before = _shown(piece[: col - 1 - start])
    return prefix + _shown(piece) + suffix, len(prefix) + len(before) + 1


def _shown(text: str) -> str:
    return "".join(ch if ch.isprintable() or ch == "\t" else "?" for ch in printable(text))


class ScenarioError(Exception):
    """Raised by load_scenario; ``problems`` lists every defect found, ``str()`` is the full report."""

    def __init__(self, problems: Sequence[Problem]):
        self.problems = sorted_problems(problems)
        super().__init__(format_report(self.problems))


def sorted_problems(problems: Iterable[Problem]) -> list[Problem]:
    """By file, line and column, with exact duplicates (same file, place, field, message) dropped."""
    unique = {p.sort_key(): p for p in problems}
    return [unique[key] for key in sorted(unique)]


def cap_problems(problems: list[Problem], file: str) -> list[Problem]:
    """At most MAX_PROBLEMS_PER_FILE problems, the first ones, headed by a note of how many more."""
    if len(problems) <= MAX_PROBLEMS_PER_FILE:
        return problems
    kept = sorted_problems(problems)[:MAX_PROBLEMS_PER_FILE]
    # Upstream stages stop phrasing at the cap too, so the exact total is unknown.
    cap = MAX_PROBLEMS_PER_FILE
    note = f"more than {cap} problems; the first {cap} are listed (is this a scenario file?)"
    return [Problem(file, 1, 1, ROOT, note), *kept]


def format_report(problems: Sequence[Problem]) -> str:
    return "\n".join(p.format() for p in problems)


def field_path(path: Sequence[str | int]) -> str:
    """``('faults', 2, 'at')`` -> ``faults[2].at``; the empty path is the whole document."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text or ROOT


def did_you_mean(word: object, candidates: Iterable[str], cutoff: float = 0.6) -> str | None:
    """The closest candidate to a misspelt word, or None when nothing is close enough.

    A small fixed vocabulary (the fix actions) can afford a lower cutoff: 'reboot' is only
    0.46 like 'restart', and no other action comes close."""
    if not isinstance(word, str) or not word:
        return None
    pool = sorted(set(candidates))
    if len(pool) > _MAX_CANDIDATES:
        return None
    close = difflib.get_close_matches(word, pool, n=1, cutoff=cutoff)
    if close:
        return close[0]
    # difflib misses a right word buried in a longer one (tier_level for tier); a shared
    # stem of four letters or more is a good enough hint.
    lowered = word.lower()
    for candidate in pool:
        if min(len(candidate), len(lowered)) >= 4 and (lowered.startswith(candidate) or candidate.startswith(lowered)):
            return candidate
    return None


def suggestion(word: object, candidates: Iterable[str], cutoff: float = 0.6) -> str:
    """``"; did you mean 'x'?"`` or the empty string."""
    close = did_you_mean(word, candidates, cutoff)
    return f"; did you mean {close!r}?" if close else ""


def describe(value: object) -> str:
    """A found value in plain words, short enough for one message line."""
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return repr(shown)
    text = str(value)
    return text if len(text) <= 40 else text[:37] + "..."
