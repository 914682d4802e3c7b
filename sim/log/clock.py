"""Durations as scenario authors write them ("90s", "10m", "1h30m") and as the log shows them."""

from __future__ import annotations

import re

_PART = re.compile(r"(\d+)([hms])")
_WHOLE = re.compile(r"^(?:\d+[hms])+$")
_UNIT_SECONDS = {"h": 3600, "m": 60, "s": 1}

DURATION_PATTERN = r"^(0|(\d+h)?(\d+m)?(\d+s)?)$"


def parse_duration(text: str) -> int:
    """Seconds in a duration such as ``"2m30s"``; raises ValueError with a readable reason.

    >>> parse_duration("1h2m3s")
    3723
    """
    text = text.strip()
    if text == "0":
        return 0
    if text.startswith("-"):
        raise ValueError(f"negative time {text!r}: times count forward from the start of the drill")
    if not _WHOLE.match(text):
        raise ValueError(f"{text!r} is not a duration; write it like 90s, 10m or 1h30m")
    return sum(int(n) * _UNIT_SECONDS[unit] for n, unit in _PART.findall(text))


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
