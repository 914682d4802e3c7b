"""Command scripts: timed IC commands that a drill, a test or a replay plays back.

One command per line, ``MM:SS /command`` (minutes may exceed 59); blank lines and lines that
start with ``#`` are skipped.

Lines end at ``\\n`` only (a ``\\r`` before it is dropped, for files saved on Windows).
``str.splitlines`` would also break at U+0085, U+2028, U+2029, ``\\v``, ``\\f`` and a lone
``\\r``: a ``/note`` holding one would become two lines, and every error after it would name a
line number that is not the one an editor or ``grep -n`` shows.

>>> parse_script("00:30 /ack\\n# staff it\\n12:05 /page payments\\n")
[(30, '/ack'), (725, '/page payments')]
>>> parse_script("00:30 /note a\\u2028b\\r\\n00:40 /ack")
[(30, '/note a\\u2028b'), (40, '/ack')]
"""

from __future__ import annotations

import re

# ASCII digits, at most six of them for the minutes: int() of other digits, or of thousands of
# them, would mean a time nobody wrote (or Python's ValueError on 4,300 digits and more).
_LINE = re.compile(r"^(?:T\+)?([0-9]{1,6}):([0-5][0-9])[ \t]+(/.*)$")
# What is trimmed around a line: spaces and tabs, not the other characters str.strip() takes
# for whitespace (U+2028 and the like belong to the command's text).
_BLANKS = " \t"


# A file with more wrong lines than this is not a command script; the rest are counted, not listed.
MAX_PROBLEMS = 20


class ScriptError(ValueError):
    pass


def parse_script(text: str, source: str = "<script>") -> list[tuple[int, str]]:
    commands: list[tuple[int, str]] = []
    problems: list[str] = []
    for number, line in enumerate(text.split("\n"), start=1):
        stripped = line.removesuffix("\r").strip(_BLANKS)
        if not stripped or stripped.startswith("#"):
            continue
        match = _LINE.match(stripped)
        if match is None:
            problems.append(f"{source}:{number}:1: expected 'MM:SS /command', found {stripped[:40]!r}")
            continue
        t = int(match[1]) * 60 + int(match[2])
        if commands and t < commands[-1][0]:
            problems.append(f"{source}:{number}:1: time {match[1]}:{match[2]} is earlier than the line before")
        commands.append((t, match[3]))
    if len(problems) > MAX_PROBLEMS:
        problems[MAX_PROBLEMS:] = [f"{source}: and {len(problems) - MAX_PROBLEMS} more lines like these"]
    if problems:
        raise ScriptError("\n".join(problems))
    return commands

