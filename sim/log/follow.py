"""Following a recording as it grows: each call reads only what was appended since the last one.

A game writes its recording a step at a time (`sim.log.recording`); the facilitator's console
(`icdrill watch`) looks at dozens of them every second, so it cannot read each file whole at each
look as `read_recording` does. `Follower.poll` reads on from where it stopped, takes whole lines
only (a step still being written waits for the next poll) and checks each exactly as
`sim.log.readback` does, with the same functions. It stops for good at the end of the drill, at
the first line that is not a good event (`problem` says why) and at `readback`'s limits.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from sim.log.eventlog import Entry
from sim.log.events import DrillEnded
from sim.log.readback import HEADER_LIMIT, LINE_LIMIT, MAX_EVENT_BYTES, MAX_EVENTS, RecordingError, read_event, read_header

READ_AT_ONCE = 1 << 20  # bytes read per poll at most: a long recording is caught up over a few polls


class Follower:
    """The recording at `path`, read on at each `poll`: `header` (None until its line is whole),
    `entries` so far, `ended` once the drill ended, `problem` once it cannot be read on."""

    def __init__(self, path: str | os.PathLike) -> None:
        self.path = Path(path)
        self.header: dict[str, Any] | None = None
        self.entries: list[Entry] = []
        self.ended = False
        self.problem: str | None = None
        self._offset = 0  # bytes of whole lines taken so far

    @property
    def done(self) -> bool:
        """Nothing more will be read: the drill ended, or the file cannot be read on."""
        return self.ended or self.problem is not None

    def poll(self) -> list[Entry]:
        """The entries appended since the last poll (none once `done`)."""
        if self.done:
            return []
        try:
            with open(self.path, "rb") as file:
                if self.header is None and not self._read_header(file):
                    return []
                file.seek(self._offset)
                data = file.read(READ_AT_ONCE)
        except OSError as err:
            self.problem = f"cannot read {self.path}: {err.strerror or err}"
            return []
        return self._take(data)

    def _read_header(self, file) -> bool:
        first = file.readline(HEADER_LIMIT)
        if not first.endswith(b"\n") and len(first) < HEADER_LIMIT:
            return False  # not written whole yet
        try:
            self.header = read_header(first, self.path)
        except RecordingError as err:
            self.problem = str(err)
            return False
        self._offset = len(first)
        return True

    def _take(self, data: bytes) -> list[Entry]:
        new: list[Entry] = []
        start = 0
        while not self.done and (end := data.find(b"\n", start)) != -1:
            if len(self.entries) >= MAX_EVENTS or self._offset + end > MAX_EVENT_BYTES + HEADER_LIMIT:
                self.problem = f"the recording goes on past what icdrill reads from one recording ({MAX_EVENTS} events)"
                break
            after = self.entries[-1].t if self.entries else 0
            entry = read_event(data[start:end], len(self.entries), after)
            if isinstance(entry, str):
                self.problem = f"event {len(self.entries)}: {entry}"
                break
            self.entries.append(entry)
            new.append(entry)
            self.ended = isinstance(entry.event, DrillEnded)
            start = end + 1
        self._offset += start
        if not self.done and start == 0 and len(data) > LINE_LIMIT:
            self.problem = f"a line longer than any event (over {LINE_LIMIT} bytes; damaged)"
        return new
