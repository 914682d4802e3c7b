"""Durations as scenario authors write them ("90s", "10m", "1h30m") and as the log shows them."""

from __future__ import annotations

import re

# The one grammar of a duration: "0", or h, m and s parts, each at most once and in that order.
# The loader parses with it and the JSON Schema ships it as the `pattern` editors check, so it
# is written so that Python's re and JSON Schema's ECMA-262 read it alike: [0-9] rather than \d,
# which in Python also takes other scripts' digits, and `$(?!\n)` because Python's `$` also
# matches before a final newline (and the jsonschema package checks patterns with Python's re).
# The lookahead demands a digit, so the empty text is not a duration.
DURATION_PATTERN = r"^(?:0|(?=[0-9])(?:([0-9]+)h)?(?:([0-9]+)m)?(?:([0-9]+)s)?)$(?!\n)"
_DURATION = re.compile(DURATION_PATTERN)


def parse_duration(text: str) -> int:
    """Seconds in a duration such as ``"2m30s"``; raises ValueError with a readable reason.

    >>> parse_duration("1h2m3s")
    3723
    >>> parse_duration("10s1h")
    Traceback (most recent call last):
    ...
    ValueError: '10s1h' is not a duration; write it like 90s, 10m or 1h30m
    """
    if text.startswith("-"):
        raise ValueError(f"negative time {text!r}: times count forward from the start of the drill")
    found = _DURATION.match(text)
    if found is None:
        raise ValueError(f"{text!r} is not a duration; write it like 90s, 10m or 1h30m")
    hours, minutes, seconds = (int(part or 0) for part in found.groups())
    return hours * 3600 + minutes * 60 + seconds


def format_clock(seconds: float) -> str:
    """Sim time as the debrief shows it: ``T+MM:SS`` (hours roll into minutes)."""
    whole = int(seconds)
    return f"T+{whole // 60:02d}:{whole % 60:02d}"


def format_duration(seconds: float) -> str:
    """A compact duration for messages: ``4m30s``, ``10m``, ``45s``."""
    whole = int(round(seconds))
    minutes, secs = divmod(whole, 60)
    if minutes and secs:
        return f"{minutes}m{secs:02d}s"
    return f"{minutes}m" if minutes else f"{secs}s"
