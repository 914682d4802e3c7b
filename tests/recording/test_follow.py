"""`sim.log.follow.Follower` reads a growing recording as `read_recording` would read it whole,
a poll at a time: whole lines only, the same checks, and it stops at damage or the end."""

from __future__ import annotations

from sim.engine import Engine
from sim.log.follow import Follower
from sim.log.readback import read_recording
from sim.play.bots import BOTS
from sim.play.drill import drive


def lines_of(tiny) -> list[bytes]:
    engine = drive(Engine(tiny, 1), BOTS["expert"]())
    return [(line + "\n").encode() for line in engine.log.lines()]  # the header, then the events


def test_it_reads_on_by_whole_lines_to_the_same_entries_as_a_whole_read(tiny, tmp_path):
    lines = lines_of(tiny)
    path = tmp_path / "rec.jsonl"
    path.write_bytes(lines[0][:10])  # the header half written
    follower = Follower(path)
    assert follower.poll() == [] and follower.header is None and not follower.done
    path.write_bytes(lines[0] + lines[1] + lines[2][:5])  # a torn line waits
    assert len(follower.poll()) == 1
    with path.open("ab") as f:
        f.write(lines[2][5:] + b"".join(lines[3:]))
    follower.poll()
    assert follower.entries == read_recording(path).entries and follower.ended and follower.problem is None
    assert follower.poll() == []


def test_a_damaged_line_stops_it_with_the_reason(tiny, tmp_path):
    lines = lines_of(tiny)
    path = tmp_path / "rec.jsonl"
    path.write_bytes(lines[0] + lines[1] + b'{"seq": 7}\n' + lines[2])
    follower = Follower(path)
    assert len(follower.poll()) == 1
    assert follower.done and "event 1" in follower.problem
    assert follower.poll() == []


def test_a_file_that_is_not_a_recording_is_a_problem(tmp_path):
    path = tmp_path / "rec.jsonl"
    path.write_bytes(b"hello\n")
    follower = Follower(path)
    assert follower.poll() == [] and "not an icdrill recording" in follower.problem
