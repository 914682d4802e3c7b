"""Command scripts: timed IC commands that a drill, a test or a replay plays back.

One command per line, ``MM:SS /command`` (minutes may exceed 59); blank lines and lines that
start with ``#`` are skipped.

>>> parse_script("00:30 /ack\\n# staff it\\n12:05 /page payments\\n")
[(30, '/ack'), (725, '/page payments')]
"""

from __future__ import annotations

import re

_LINE = re.compile(r"^(?:T\+)?(\d+):([0-5]\d)\s+(/.*)$")


class ScriptError(ValueError):
    pass


def parse_script(text: str, source: str = "<script>") -> list[tuple[int, str]]:
    commands: list[tuple[int, str]] = []
    problems: list[str] = []
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
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
    if problems:
        raise ScriptError("\n".join(problems))
    return commands

