"""The recording on disk: written line by line as the log grows, read back as its intact prefix."""

from __future__ import annotations

import json
import random

import pytest

from sim.log.events import CommandIssued
from sim.log.recording import Recorder, RecordingError, read_recording, recording_header

from .helpers import loaded, record


@pytest.fixture(scope="module")
def expert(tmp_path_factory):
    path = tmp_path_factory.mktemp("rec") / "expert.jsonl"
    engine = record(path, "payments-db-saturation", 0, bot="expert", trainee="ann")
    return path, engine


def test_the_file_is_the_header_then_exactly_the_log_lines(expert):
    path, engine = expert
    lines = path.read_text(encoding="ascii").splitlines()
    assert lines[1:] == engine.log.lines()[1:]
    header = json.loads(lines[0])
    base = json.loads(engine.log.lines()[0])
    assert {k: header[k] for k in base} == base  # sim.log.eventlog.header, extended, not changed
    assert header["scenario_path"] == str(loaded("payments-db-saturation").path.absolute())
    assert (header["driver"], header["trainee"], header["recording"]) == ("expert", "ann", 1)


def test_read_back_whole(expert):
    path, engine = expert
    rec = read_recording(path)
    assert rec.complete and rec.problems == []
    assert rec.entries == engine.log.entries
    assert rec.lines == engine.log.lines()[1:]
    assert (rec.scenario_id, rec.seed, rec.driver, rec.trainee) == ("payments-db-saturation", 0, "expert", "ann")
    assert rec.commands() == [(e.t, e.event.text) for e in engine.log.entries if isinstance(e.event, CommandIssued)]


def test_every_cut_of_the_file_reads_as_a_prefix(expert, tmp_path):
    """Cut the file where a kill could leave it: a torn header is an error, anything after it the
    intact prefix. Every byte of the header, the first events and the last ones; around every
    line end; and 150 cuts at random."""
    path, engine = expert
    data = path.read_bytes()
    header_end = data.index(b"\n") + 1
    ends = {i for i, b in enumerate(data) if b == ord("\n")}
    first_events = sorted(ends)[3]
    sizes = set(range(0, first_events + 2)) | set(range(len(data) - 300, len(data) + 1))
    sizes |= {i + d for i in ends for d in (-1, 0, 1, 2)} | set(random.Random(7).sample(range(len(data)), 150))
    cut = tmp_path / "cut.jsonl"
    for size in sorted(s for s in sizes if 0 <= s <= len(data)):
        cut.write_bytes(data[:size])
        if size < header_end:
            with pytest.raises(RecordingError):
                read_recording(cut)
            continue
        rec = read_recording(cut)
        whole_lines = sum(1 for i in ends if i < size) - 1  # event lines ending within the cut
        assert len(rec.entries) == whole_lines
        assert rec.lines == engine.log.lines()[1 : 1 + whole_lines]
        torn = size - 1 not in ends
        assert bool(rec.problems) == torn
        if torn:
            assert "incomplete" in rec.problems[0]
        assert rec.complete == (size == len(data))


def test_a_damaged_line_ends_the_readable_part(expert, tmp_path):
    path, _ = expert
    lines = path.read_bytes().split(b"\n")
    lines[10] = lines[10][:20] + b"\xff garbage" + lines[10][30:]
    bad = tmp_path / "bad.jsonl"
    bad.write_bytes(b"\n".join(lines))
    rec = read_recording(bad)
    assert len(rec.entries) == 9 and not rec.complete
    assert rec.problems[0].startswith("line 11: not a whole JSON event")
    assert "line(s) after it are left out" in rec.problems[0]


@pytest.mark.parametrize(
    "change, problem",
    [
        (lambda r: {**r, "seq": 99}, "event number 99 where 5 was due"),
        (lambda r: {**r, "t": -1}, "goes back before"),
        (lambda r: {**r, "kind": "teleported"}, "unknown shape"),
        (lambda r: {"extra": 1, **r}, "not in the form the log writes"),
        (lambda r: [r], "not an event record"),
    ],
)
def test_an_edited_event_is_caught(expert, tmp_path, change, problem):
    path, _ = expert
    lines = path.read_text().splitlines()
    lines[6] = json.dumps(change(json.loads(lines[6])), separators=(",", ":"))
    bad = tmp_path / "edited.jsonl"
    bad.write_text("\n".join(lines) + "\n")
    rec = read_recording(bad)
    assert len(rec.entries) == 5
    assert problem in rec.problems[0]


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "is empty"),
        (b'{"kind":"header","format":1', "not a whole header line"),
        (b"# icdrill\nhello\n", "first line is not JSON"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "first line is not JSON"),
        (b'{"seq":0,"t":0,"kind":"drill_started"}\n', "not a log header"),
        (b'{"kind":"header","format":7,"scenario":"x","scenario_hash":"y","seed":0}\n', "format 7"),
        (b'{"kind":"header","format":1,"scenario":"x","seed":0}\n', "no valid 'scenario_hash'"),
        (b'{"kind":"header","format":1,"scenario":"x","scenario_hash":"y","seed":true}\n', "no valid 'seed'"),
    ],
)
def test_not_a_recording(tmp_path, content, message):
    path = tmp_path / "x.jsonl"
    path.write_bytes(content)
    with pytest.raises(RecordingError, match=message.replace("(", r"\(").replace(")", r"\)")):
        read_recording(path)


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(RecordingError, match="no recording at"):
        read_recording(tmp_path / "nope.jsonl")
    with pytest.raises(RecordingError, match="is a folder"):
        read_recording(tmp_path)


def test_a_plain_run_log_reads_too(tmp_path):
    from sim.play.drill import play

    engine = play(loaded("tiny"), 2, "novice")
    path = tmp_path / "drill.jsonl"
    path.write_text(engine.log.to_jsonl())
    rec = read_recording(path)
    assert rec.complete and rec.entries == engine.log.entries
    assert rec.driver == "unknown" and rec.trainee is None and rec.scenario_path is None


def test_the_recorder_never_overwrites_and_never_raises_into_the_drill(tmp_path):
    from sim.engine import Engine

    engine = Engine(loaded("tiny"), 0)
    header = recording_header(engine.log.header, scenario_path="x.yaml", driver="player", trainee="t")
    path = tmp_path / "r.jsonl"
    Recorder(path, header).close()
    with pytest.raises(FileExistsError):
        Recorder(path, header)
    recorder = Recorder(path, header, exclusive=False).attach(engine.log)
    real = recorder._file

    class FullDisk:
        def write(self, data):
            raise OSError(28, "No space left on device")

        def fileno(self):
            return real.fileno()

        def close(self):
            real.close()

    recorder._file = FullDisk()
    engine.advance(600)  # events keep coming; none raises
    assert recorder.error == f"cannot write the recording {path}: No space left on device"
    assert recorder.closed
