"""Recordings: a session's event log on disk, written as it is played and read back tolerantly.

A recording is JSONL. The first line is the log header of `sim.log.eventlog.header`, extended with what a
replay needs (`recording_header`); every following line is one event, exactly the bytes of
`EventLog.lines()`. The lines of one engine step (an `advance` or a `submit`, which end with
`EventLog.settle`) are written together as the step returns, before the player is shown what it
brought: a process killed at any moment loses at most the step it was in (never an event the
player saw), and `read_recording` gives back the intact prefix (`sim.log.readback`: in bounded
memory, saying what was left out). The header and the first step are fsynced in line (a
recording that cannot be made durable is known at once); later steps are fsynced by a thread of
their own (`sim.log.syncer`), one fsync per step or fewer, so a game's tick never waits for the
disk; `close` waits for the last one. A failed fsync stops the recording at the next step.

No wall clock here: the date a session was played belongs to the progress history (`tui/`).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sim.log.events import to_json, to_record
from sim.log.eventlog import Entry, EventLog
from sim.log.headers import RECORDING_FORMAT
from sim.log.readback import HEADER_LIMIT, MAX_EVENTS, Recording, RecordingError, read_recording
from sim.log.syncer import Syncer

DRIVERS = ("player", "script", "expert", "novice", "idle")
__all__ = [
    "DRIVERS", "HEADER_LIMIT", "MAX_EVENTS", "RECORDING_FORMAT", "Recorder", "Recording", "RecordingError",
    "read_recording", "recording_header",
]


def recording_header(
    base: dict[str, Any],
    *,
    scenario_path: str | os.PathLike,
    driver: str,
    trainee: str,
    sources: dict[str, str] | None = None,
    cohort: str | None = None,
) -> dict[str, Any]:
    """The log header (`sim.log.eventlog.header`) plus the scenario file, how the IC was driven and who played.

    ``driver`` is a bot's name, "player" (the TUI) or "script" (a command script). ``sources``
    are the hashes of the scenario file and its org file one by one (`sim.play.provenance`),
    so that a replay can say which of the two changed. ``cohort`` names the game day the session
    belongs to; without one the header has no such key, as before cohorts existed.
    """
    return {
        **base,
        "recording": RECORDING_FORMAT,
        "scenario_path": os.path.abspath(scenario_path),
        **(sources or {}),
        "driver": driver,
        "trainee": trainee,
        **({"cohort": cohort} if cohort is not None else {}),
    }


class Recorder:
    """Writes a log to ``path`` as it grows: the header at once, then each step's event lines,
    written together when the log settles (`EventLog.settle`), on `flush` and on `close`, and
    fsynced (in the background after the first step: see the module's docstring).

    Attach it to an `EventLog` with `attach` (events already in the log are written at once, so
    it can be attached after the engine has emitted its opening events). A failed write (disk full,
    file removed) never reaches the drill: recording stops and `error` says why. A file that could
    not be given its header raises OSError here, and one left without a single event is removed:
    a failed recording leaves no empty file behind (what was written of a longer one stays).
    ``on_written(entry)`` is called for each event once its line is written.
    """

    def __init__(
        self,
        path: str | os.PathLike,
        header: dict[str, Any],
        *,
        exclusive: bool = True,
        sync: bool = True,
        on_written: Callable[[Entry], None] | None = None,
    ) -> None:
        self.path = Path(path)
        self.sync = sync
        self.on_written = on_written
        self.error: str | None = None
        self._errno: int | None = None  # of the failed write, and its words
        self._why = ""
        self.written = 0  # event lines on disk
        self._pending: list[tuple[Entry, str]] = []  # heard since the last flush, not yet written
        self.removed = False  # the recording failed before its first event, and its file is gone
        # Exclusive by default: a recording is never overwritten by the next session.
        self._file = open(self.path, "xb" if exclusive else "wb", buffering=0)  # noqa: SIM115 - closed in close()
        self._syncer: Syncer | None = None  # fsyncs after the first event line: see _write
        if not self._write(to_json(header)):
            raise OSError(self._errno, self._why)
        self._sync_directory()

    def attach(self, log: EventLog) -> Recorder:
        for entry in log.entries:
            self(entry)
        self.flush()
        log.subscribe(self, settled=self.flush)
        return self

    def __call__(self, entry: Entry) -> None:
        if self._file is None:
            return
        heard = self.written + len(self._pending)
        if entry.seq != heard:
            self.flush()  # what came in order is kept
            self._fail(f"event {entry.seq} arrived after {heard} events: the log skipped or repeated one")
            return
        self._pending.append((entry, to_json(to_record(entry.seq, entry.t, entry.event))))

    def flush(self) -> None:
        """Write and fsync the lines heard since the last flush, in one go."""
        if self._file is None or not self._pending:
            return
        pending, self._pending = self._pending, []
        if self._write("\n".join(line for _, line in pending)):
            self.written += len(pending)
            if self.sync and self._syncer is None:
                self._syncer = Syncer(self._file.fileno())
            if self.on_written is not None:
                for entry, _ in pending:
                    self.on_written(entry)

    @property
    def closed(self) -> bool:
        return self._file is None

    def close(self) -> None:
        self.flush()
        if self._file is not None and self._stop_syncer():
            self._file.close()
            self._file = None

    def _stop_syncer(self) -> bool:
        """Wait for the background fsyncs; False (and the recording failed) if one of them did."""
        syncer, self._syncer = self._syncer, None
        error = syncer.finish() if syncer is not None else None
        if error is not None:
            self._errno, self._why = error.errno, error.strerror or str(error)
            self._fail(f"cannot write the recording {self.path}: {self._why}")
            return False
        return True

    def __enter__(self) -> Recorder:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _write(self, lines: str) -> bool:
        data = (lines + "\n").encode("ascii")  # to_json escapes everything beyond ASCII
        try:
            view = memoryview(data)
            while view:
                view = view[self._file.write(view) :]
            if self._syncer is not None and self._syncer.error is not None:
                raise self._syncer.error  # an earlier step's fsync failed: the disk is full or gone
            if self.sync and self._syncer is not None:
                self._syncer.request()  # the lines are in the kernel: a killed process keeps them
            elif self.sync:
                # The header and the first step are synced here: a recording that cannot be made
                # durable at all is known at once, and removed (see _fail).
                os.fsync(self._file.fileno())
        except (OSError, ValueError) as err:  # ValueError: the file was closed under us
            self._errno, self._why = getattr(err, "errno", None), getattr(err, "strerror", None) or str(err)
            self._fail(f"cannot write the recording {self.path}: {self._why}")
            return False
        return True

    def _fail(self, reason: str) -> None:
        self.error = reason
        if self._syncer is not None:  # it must be done with the file before the file is closed
            self._syncer.finish()
            self._syncer = None
        try:
            self._file.close()
        except OSError:
            pass
        self._file = None
        if self.written == 0:  # a header alone (or part of one) is no recording: leave nothing behind
            try:
                self.path.unlink()
                self.removed = True
            except OSError:
                pass

    def _sync_directory(self) -> None:
        """Make the new file's directory entry durable too (POSIX; a no-op where unsupported)."""
        if not self.sync or not hasattr(os, "O_DIRECTORY"):
            return
        try:
            fd = os.open(self.path.parent, os.O_RDONLY | os.O_DIRECTORY)
        except OSError:
            return
        try:
            os.fsync(fd)
        except OSError:
            pass
        finally:
            os.close(fd)
