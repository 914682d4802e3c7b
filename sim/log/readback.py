"""Reading a recording back: a stream of lines, each checked, in bounded memory whatever the file.

The header must be whole and usable (`sim.log.headers`); after it, events are read one line at a
time, each checked for its shape (`sim.log.shapes`), its number and its time, until the end of
the file or the first line that is not a good event. What is read is the *intact prefix*; what is
left out is said in `problems`, in one of two ways:

- a **torn** last line (no newline at the end of the file) is what a session killed while
  writing leaves: the recording is the session as far as it went;
- **damage** is anything else: a line that is not an event, an event out of order, a line longer
  than any event, an event after the drill ended. `cut_at` names the line, and no command treats
  such a recording as whole;
- a recording **too long** to read (more than `MAX_EVENTS` events, or `MAX_EVENT_BYTES` of them)
  is read as far as the limit, and `cut_at` names the first line left out.

Memory is bounded whatever the file: at most `MAX_EVENTS` events and `MAX_EVENT_BYTES` of event
lines are kept, a line is read at most `LINE_LIMIT` bytes at a time, and what follows the
readable part is only counted, never held. That bounds the time of every reader too.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from sim.log.eventlog import Entry
from sim.log.events import CommandIssued, DrillEnded, InjectApplied, InjectRefused, from_record, to_json, to_record
from sim.log.headers import header_problem
from sim.log.shapes import record_problem

HEADER_LIMIT = 64 * 1024  # a header is a few hundred bytes; a longer first line is not one
LINE_LIMIT = 64 * 1024  # an event line is a few hundred bytes, a long status update a few thousand
# A shipped drill logs under 200 events; a command every 3 seconds for 90 minutes, under 4,000.
# Reading stops at five times that, or at this many bytes of events (with a note): what the
# readers build from 8 MiB of events (findings, report, debrief) stays well under 200 MB.
MAX_EVENTS = 20_000
MAX_EVENT_BYTES = 8 * 1024 * 1024


class RecordingError(ValueError):
    """The file cannot be read as a recording at all (missing, empty, no usable header)."""


@dataclass(frozen=True)
class Recording:
    path: Path
    header: dict[str, Any]
    entries: list[Entry]
    complete: bool  # the drill ended and every line was intact
    problems: list[str] = field(default_factory=list)
    cut_at: int | None = None  # the first line left out (the header is line 1), other than a torn last line
    too_long: bool = False  # cut at `MAX_EVENTS` or `MAX_EVENT_BYTES`; else cut by damage

    @property
    def lines(self) -> list[str]:
        """The event lines as recorded (no newline): what a replay compares. The reader checked
        that each line is exactly the log's own form of its event, so they are made again here
        rather than kept."""
        return [to_json(to_record(e.seq, e.t, e.event)) for e in self.entries]

    @property
    def damaged(self) -> bool:
        return self.cut_at is not None and not self.too_long

    @property
    def scenario_id(self) -> str:
        return self.header["scenario"]

    @property
    def seed(self) -> int:
        return self.header["seed"]

    @property
    def driver(self) -> str:
        return self.header.get("driver") or "unknown"

    @property
    def trainee(self) -> str | None:
        return self.header.get("trainee")

    @property
    def scenario_path(self) -> str | None:
        return self.header.get("scenario_path")

    def commands(self) -> list[tuple[int, str]]:
        """The IC's commands with their sim times: all a replay needs besides scenario and seed."""
        return [(e.t, e.event.text) for e in self.entries if isinstance(e.event, CommandIssued)]

    def script(self) -> list[tuple[int, str | dict[str, Any]]]:
        """The IC's commands and the facilitator's requests (`inject_applied`, `inject_refused`)
        with their sim times, in the order they reached the engine: what a replay plays back."""
        return [
            (e.t, e.event.text if isinstance(e.event, CommandIssued) else e.event.request)
            for e in self.entries
            if isinstance(e.event, (CommandIssued, InjectApplied, InjectRefused))
        ]


def read_recording(path: str | os.PathLike, *, max_events: int | None = None, max_bytes: int | None = None) -> Recording:
    """The intact prefix of the recording at ``path``; raises RecordingError when there is no usable header.

    Plain logs written by `icdrill run --log` read too (without the scenario path, driver and trainee).
    The limits are `MAX_EVENTS` and `MAX_EVENT_BYTES` unless given.
    """
    path = Path(path)
    max_events = MAX_EVENTS if max_events is None else max_events
    max_bytes = MAX_EVENT_BYTES if max_bytes is None else max_bytes
    try:
        with open(path, "rb") as file:
            header = read_header(file.readline(HEADER_LIMIT), path)
            return _events(file, path, header, max_events, max_bytes)
    except IsADirectoryError:
        raise RecordingError(f"{path} is a folder, not a recording") from None
    except FileNotFoundError:
        raise RecordingError(f"no recording at {path}") from None
    except OSError as err:
        raise RecordingError(f"cannot read {path}: {err.strerror or err}") from None


def _events(file: BinaryIO, path: Path, header: dict[str, Any], max_events: int, max_bytes: int) -> Recording:
    entries: list[Entry] = []
    number = 1  # the header's line
    ended = False
    size = 0  # bytes of the event lines read
    while raw := file.readline(LINE_LIMIT + 1):
        number += 1
        whole = raw.endswith(b"\n")
        size += len(raw)
        too_long = len(entries) >= max_events or size > max_bytes
        if not whole and len(raw) <= LINE_LIMIT:
            problem = (
                f"line {number}: the last line is incomplete ({len(raw)} bytes, no newline; "
                "the session was probably stopped while writing it); it is left out"
            )
            return Recording(path, header, entries, False, [problem])
        if not whole:
            reason = f"a line longer than any event (over {LINE_LIMIT} bytes; damaged)"
        elif too_long:
            more = f"{max_events} events" if len(entries) >= max_events else f"{max_bytes // (1024 * 1024)} MiB of events"
            reason = f"the recording goes on past {more}, more than icdrill reads from one recording"
        elif ended:
            reason = "an event after the drill ended (damaged or edited)"
        else:
            reason = read_event(raw[:-1], len(entries), entries[-1].t if entries else 0)
        if isinstance(reason, str):
            left = _lines_left(file, inside_a_line=not whole)
            after = f"; it and the {left} line(s) after it are left out" if left else "; it is left out"
            problems = [f"line {number}: {reason}{after}"]
            return Recording(path, header, entries, False, problems, cut_at=number, too_long=too_long and whole)
        entries.append(reason)
        ended = isinstance(reason.event, DrillEnded)
    return Recording(path, header, entries, ended)


def _lines_left(file: BinaryIO, inside_a_line: bool) -> int:
    """The lines after the current one, counted a block at a time (a huge file is never held)."""
    newlines, last = 0, b"\n"
    while block := file.read(1 << 20):
        newlines += block.count(b"\n")
        last = block[-1:]
    starts = newlines + (last != b"\n")
    return max(0, starts - 1) if inside_a_line else starts


def read_header(first: bytes, path: Path) -> dict[str, Any]:
    """The header of the first line `first` (with its newline); raises RecordingError when it is not usable."""
    what = f"{path} is not an icdrill recording"
    if not first:
        raise RecordingError(f"{path} is empty: not an icdrill recording (was the session stopped before it began?)")
    if not first.endswith(b"\n"):
        raise RecordingError(f"{what}: its first line is not a whole header line")
    header = _json(first)
    if isinstance(header, str):
        raise RecordingError(f"{what}: its first line is {header}")
    if not isinstance(header, dict) or header.get("kind") != "header":
        raise RecordingError(f"{what}: its first line is not a log header")
    if type(header.get("format")) is not int or header["format"] != 1:
        raise RecordingError(f"{what} of a format this version reads (format {_short(header.get('format'))}, expected 1)")
    problem = header_problem(header)
    if problem is not None:
        raise RecordingError(f"{what}: its header has {problem}")
    return header


def _json(data: bytes) -> Any:
    """The JSON value of one line, or (a str) why it has none."""
    try:
        return json.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        return "not JSON (not UTF-8 text)"
    except RecursionError:
        return "not JSON the log writes (nested too deep)"
    except json.JSONDecodeError:
        return "not JSON"
    except ValueError:  # a number of thousands of digits, which Python declines to convert
        return "not JSON the log writes (a number thousands of digits long)"


def read_event(chunk: bytes, seq: int, after: int) -> Entry | str:
    """The entry of one line (without its newline) due as event `seq` at or after time `after`,
    or why the line cannot be one. `sim.log.follow` reads a growing recording with it too."""
    if not chunk.isascii():
        return "not a whole JSON event (damaged)"
    record = _json(chunk)
    if isinstance(record, str):
        return "not a whole JSON event (damaged)" if record == "not JSON" else record
    if not isinstance(record, dict):
        return "not an event record"
    problem = record_problem(record)
    if problem is not None:
        return f"an event of the wrong shape: {problem}"
    try:
        got_seq, t, event = from_record(record)
    except (KeyError, TypeError):
        return f"an event of unknown shape (kind {_short(str(record.get('kind'))[:40])})"
    if got_seq != seq:
        return f"event number {got_seq!r} where {seq} was due"
    if t < after:
        return f"time {t!r} goes back before the event above"
    if to_json(to_record(seq, t, event)) != chunk.decode("ascii"):
        return "an event not in the form the log writes (edited by hand?)"
    return Entry(seq, t, event)


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."
