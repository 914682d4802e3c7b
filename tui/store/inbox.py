"""A live session's inbox: how a facilitator's inject reaches a game played in another process.

The facilitator's console (`icdrill watch`) and the game it steers share nothing but the data
folder, so an inject travels as a file: one JSON line per request, appended to the inbox beside
the session's recording (`<recording>.inbox`). The game reads the lines it has not read yet at
each tick (`InboxReader.take`) and hands each request to its engine, which logs it at the
session's current sim time; from then on the recording carries it and a replay reproduces it
without the inbox.

A request is one of:
    {"inject": "<id of one of the scenario's optional injects>"}
    {"say": {"from": "<person id>", "text": "<message>"}}

This module only moves requests; whether one makes sense for the scenario is the engine's to
say, and the console asks it before sending (so a bad inject is refused to the facilitator, not
dropped silently in the game).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

SUFFIX = ".inbox"
MAX_LINE = 16_384  # bytes: a request is small; a longer line is not one of ours


def inbox_path(recording: Path) -> Path:
    """Where the inbox of the session recorded at `recording` lives."""
    return recording.with_name(recording.name + SUFFIX)


def send(recording: Path, request: dict[str, Any]) -> None:
    """Append `request` to the session's inbox in one write (O_APPEND: two senders never interleave).

    Raises OSError when the data folder cannot be written; the caller says so to the facilitator.
    """
    line = (json.dumps(request, ensure_ascii=False, sort_keys=True) + "\n").encode("utf-8")
    if len(line) > MAX_LINE:
        raise ValueError(f"an inject request is at most {MAX_LINE} bytes, not {len(line)}")
    fd = os.open(inbox_path(recording), os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        os.write(fd, line)
    finally:
        os.close(fd)


class InboxReader:
    """Reads a session's inbox from where it last stopped; only whole lines are taken."""

    def __init__(self, recording: Path) -> None:
        self.path = inbox_path(recording)
        self.offset = 0

    def take(self) -> list[dict[str, Any]]:
        """The requests appended since the last call, oldest first. A line that is not a JSON
        object is skipped (it cannot be a request); a missing inbox means nothing was sent."""
        try:
            with self.path.open("rb") as f:
                f.seek(self.offset)
                data = f.read()
        except FileNotFoundError:
            return []
        end = data.rfind(b"\n") + 1  # a line still being written waits for the next call
        self.offset += end
        requests = []
        for raw in data[:end].splitlines():
            try:
                request = json.loads(raw) if len(raw) <= MAX_LINE else None
            except ValueError:
                continue
            if isinstance(request, dict):
                requests.append(request)
        return requests
