"""Recordings: a session's event log on disk, written as it is played and read back tolerantly.

A recording is JSONL. The first line is the log header of `sim.log.eventlog.header`, extended with what a
replay needs (`recording_header`); every following line is one event, exactly the bytes of
`EventLog.lines()`. Each line is written, flushed and fsynced as the event is appended, so a
process killed at any moment loses at most the line it was writing, and `read_recording` gives
back the intact prefix.

No wall clock here: the date a session was played belongs to the progress history (`tui/`).
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sim.log.events import CommandIssued, DrillEnded, from_record, to_json, to_record
from sim.log.eventlog import Entry, EventLog

RECORDING_FORMAT = 1
HEADER_LIMIT = 64 * 1024  # a header is a few hundred bytes; a longer first line is not one
DRIVERS = ("player", "script", "expert", "novice", "idle")


class RecordingError(ValueError):
    """The file cannot be read as a recording at all (missing, empty, no header)."""


def recording_header(base: dict[str, Any], *, scenario_path: str | os.PathLike, driver: str, trainee: str) -> dict[str, Any]:
    """The log header (`sim.log.eventlog.header`) plus the scenario file, how the IC was driven and who played.

    ``driver`` is a bot's name, "player" (the TUI) or "script" (a command script).
    """
    return {
        **base,
        "recording": RECORDING_FORMAT,
        "scenario_path": os.path.abspath(scenario_path),
        "driver": driver,
        "trainee": trainee,
    }


class Recorder:
    """Writes a log to ``path`` as it grows: the header at once, then one fsynced line per event.

    Attach it to an `EventLog` with `attach` (events already in the log are written first, so it
    can be attached after the engine has emitted its opening events). A failed write (disk full,
    file removed) never reaches the drill: recording stops and `error` says why.
    ``on_written(entry)`` is called after each event line is on disk.
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
        self.written = 0  # event lines on disk
        # Exclusive by default: a recording is never overwritten by the next session.
        self._file = open(self.path, "xb" if exclusive else "wb", buffering=0)  # noqa: SIM115 - closed in close()
        self._sync_directory()
        self._write(to_json(header))

    def attach(self, log: EventLog) -> Recorder:
        for entry in log.entries:
            self(entry)
        log.subscribe(self)
        return self

    def __call__(self, entry: Entry) -> None:
        if self._file is None:
            return
        if entry.seq != self.written:
            self._fail(f"event {entry.seq} arrived after {self.written} events: the log skipped or repeated one")
            return
        if self._write(to_json(to_record(entry.seq, entry.t, entry.event))):
            self.written += 1
            if self.on_written is not None:
                self.on_written(entry)

    @property
    def closed(self) -> bool:
        return self._file is None

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None

    def __enter__(self) -> Recorder:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _write(self, line: str) -> bool:
        data = (line + "\n").encode("ascii")  # to_json escapes everything beyond ASCII
        try:
            view = memoryview(data)
            while view:
                view = view[self._file.write(view) :]
            if self.sync:
                os.fsync(self._file.fileno())
        except (OSError, ValueError) as err:  # ValueError: the file was closed under us
            self._fail(f"cannot write the recording {self.path}: {getattr(err, 'strerror', None) or err}")
            return False
        return True

    def _fail(self, reason: str) -> None:
        self.error = reason
        try:
            self._file.close()
        except OSError:
            pass
        self._file = None

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


@dataclass(frozen=True)
class Recording:
    path: Path
    header: dict[str, Any]
    entries: list[Entry]
    lines: list[str]  # the event lines as recorded (no newline): what a replay compares
    complete: bool  # the drill ended and every line was intact
    problems: list[str] = field(default_factory=list)

    @property
    def scenario_id(self) -> str:
        return self.header["scenario"]

    @property
    def seed(self) -> int:
        return self.header["seed"]

    @property
    def driver(self) -> str:
        return self.header.get("driver", "unknown")

    @property
    def trainee(self) -> str | None:
        return self.header.get("trainee")

    @property
    def scenario_path(self) -> str | None:
        return self.header.get("scenario_path")

    def commands(self) -> list[tuple[int, str]]:
        """The IC's commands with their sim times: all a replay needs besides scenario and seed."""
        return [(e.t, e.event.text) for e in self.entries if isinstance(e.event, CommandIssued)]


_REQUIRED = {"scenario": str, "scenario_hash": str, "seed": int}


def read_recording(path: str | os.PathLike) -> Recording:
    """The intact prefix of the recording at ``path``; raises RecordingError when there is no header.

    A torn last line (no newline, or not a whole event) is dropped; a damaged line further up
    ends the readable part there. Either way `problems` says what was left out. Plain logs written
    by `icdrill run --log` read too (without the scenario path, driver and trainee).
    """
    path = Path(path)
    try:
        with open(path, "rb") as file:
            first = file.readline(HEADER_LIMIT)
            header = _header(first, path)
            rest = file.read()
    except IsADirectoryError:
        raise RecordingError(f"{path} is a folder, not a recording") from None
    except FileNotFoundError:
        raise RecordingError(f"no recording at {path}") from None
    except OSError as err:
        raise RecordingError(f"cannot read {path}: {err.strerror or err}") from None

    entries: list[Entry] = []
    lines: list[str] = []
    problems: list[str] = []
    chunks = rest.split(b"\n")
    torn = chunks.pop()  # after the last newline: empty when the file ends cleanly
    for number, chunk in enumerate(chunks, start=2):
        reason = _read_event(chunk, len(entries), entries[-1].t if entries else 0)
        if isinstance(reason, str):
            left = len(chunks) - (number - 2) - 1 + (1 if torn else 0)
            after = f"; it and the {left} line(s) after it are left out" if left else "; it is left out"
            problems.append(f"line {number}: {reason}{after}")
            break
        entry, line = reason
        entries.append(entry)
        lines.append(line)
    else:
        if torn:
            number = len(chunks) + 2
            problems.append(
                f"line {number}: the last line is incomplete ({len(torn)} bytes, no newline; "
                "the session was probably stopped while writing it); it is left out"
            )
    ended = any(isinstance(e.event, DrillEnded) for e in entries)
    return Recording(path, header, entries, lines, ended and not problems, problems)


def _header(first: bytes, path: Path) -> dict[str, Any]:
    what = f"{path} is not an icdrill recording"
    if not first:
        raise RecordingError(f"{path} is empty: not an icdrill recording (was the session stopped before it began?)")
    if not first.endswith(b"\n"):
        raise RecordingError(f"{what}: its first line is not a whole header line")
    try:
        header = json.loads(first.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise RecordingError(f"{what}: its first line is not JSON") from None
    if not isinstance(header, dict) or header.get("kind") != "header":
        raise RecordingError(f"{what}: its first line is not a log header")
    if header.get("format") != 1:
        raise RecordingError(f"{what} of a format this version reads (format {header.get('format')!r}, expected 1)")
    for key, kind in _REQUIRED.items():
        if not isinstance(header.get(key), kind) or isinstance(header.get(key), bool):
            raise RecordingError(f"{what}: its header has no valid '{key}'")
    return header


def _read_event(chunk: bytes, seq: int, after: int) -> tuple[Entry, str] | str:
    """The entry of one line, or why the line cannot be one."""
    try:
        line = chunk.decode("ascii")
        record = json.loads(line)
    except (UnicodeDecodeError, json.JSONDecodeError):
        return "not a whole JSON event (damaged)"
    if not isinstance(record, dict):
        return "not an event record"
    try:
        got_seq, t, event = from_record(record)
    except (KeyError, TypeError):
        return f"an event of unknown shape (kind {str(record.get('kind'))[:40]!r})"
    if got_seq != seq:
        return f"event number {got_seq!r} where {seq} was due"
    if not isinstance(t, int) or t < after:
        return f"time {t!r} goes back before the event above"
    if to_json(to_record(seq, t, event)) != line:
        return "an event not in the form the log writes (edited by hand?)"
    return Entry(seq, t, event), line
