"""Reading a recording back as a checked stream: every header field and event field checked, damage
told apart from a torn end, and a file of any size read in bounded memory (up to the limits)."""

from __future__ import annotations

import json

import pytest

from sim.log import readback
from sim.log.recording import RecordingError, read_recording

from .helpers import record


@pytest.fixture(scope="module")
def expert(tmp_path_factory):
    path = tmp_path_factory.mktemp("rec") / "expert.jsonl"
    record(path, "payments-db-saturation", 0, bot="expert", trainee="ann")
    return path


def lines_of(path) -> list[str]:
    return path.read_text(encoding="ascii").splitlines()


def write(tmp_path, lines, name="x.jsonl"):
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="ascii")
    return path


def with_header(expert, tmp_path, **fields):
    lines = lines_of(expert)
    header = {**json.loads(lines[0]), **fields}
    return write(tmp_path, [json.dumps(header, separators=(",", ":"))] + lines[1:])


@pytest.mark.parametrize(
    "fields, message",
    [
        ({"seed": -5}, "no valid 'seed': must be a whole number from 0 to 9223372036854775807"),
        ({"seed": 2**63}, "no valid 'seed'"),
        ({"seed": 1.5}, "no valid 'seed'"),
        ({"scenario_path": 5}, "no valid 'scenario_path': must be a file path, not 5"),
        ({"scenario_path": "/tmp/a\x00b"}, "no valid 'scenario_path'"),
        ({"scenario": "../../etc/passwd"}, "no valid 'scenario': must be a scenario id"),
        ({"scenario": 7}, "no valid 'scenario'"),
        ({"scenario_hash": ["ab"]}, "no valid 'scenario_hash'"),
        ({"trainee": ["ann"]}, "no valid 'trainee'"),
        ({"driver": {"bot": "expert"}}, "no valid 'driver'"),
        ({"versions": [1]}, "no valid 'versions'"),
        ({"versions": {"simpy": 4}}, "no valid 'versions'"),
        ({"recording": 2}, "no valid 'recording': this version reads recording format 1, not 2"),
        ({"format": True}, "format True, expected 1"),
        ({"org_hash": 5}, "no valid 'org_hash'"),
    ],
)
def test_every_header_field_is_checked(expert, tmp_path, fields, message):
    with pytest.raises(RecordingError, match="its header has|format") as caught:
        read_recording(with_header(expert, tmp_path, **fields))
    assert message in str(caught.value)


def test_optional_header_fields_may_be_null(expert, tmp_path):
    rec = read_recording(with_header(expert, tmp_path, trainee=None, driver=None, scenario_path=None))
    assert rec.complete and rec.trainee is None and rec.driver == "unknown" and rec.scenario_path is None


@pytest.mark.parametrize(
    "first, message",
    [
        (b"[" * 30_000 + b"]" * 30_000 + b"\n", "nested too deep"),
        (b'{"kind":"header","format":1,"seed":' + b"9" * 5000 + b"}\n", "thousands of digits"),
        (b"\xff\xfe{}\n", "not UTF-8"),
    ],
)
def test_a_header_line_no_json_reader_should_take(tmp_path, first, message):
    path = tmp_path / "x.jsonl"
    path.write_bytes(first)
    with pytest.raises(RecordingError, match=message):
        read_recording(path)


def edited(expert, tmp_path, index: int, change) -> readback.Recording:
    lines = lines_of(expert)
    lines[index] = change(lines[index])
    return read_recording(write(tmp_path, lines))


@pytest.mark.parametrize(
    "kind, field, value, message",
    [
        ("command_issued", "text", 5, "field 'text' of a command_issued event must be text, not 5"),
        ("impact_changed", "impact", "high", "field 'impact' of an impact_changed event must be a finite number"),
        ("impact_changed", "severity", None, "field 'severity' of an impact_changed event must be text"),
        ("severity_set", "previous", 3, "field 'previous' of a severity_set event must be text or null"),
        ("task_assigned", "timebox", True, "field 'timebox' of a task_assigned event must be a whole number"),
        ("task_assigned", "task", 2**60, "a whole number from -9007199254740992 to 9007199254740992"),
        ("task_reported", "findings", "all fine", "field 'findings' of a task_reported event must be a list of texts"),
        ("task_reported", "findings", [1], "must be a list of texts"),
        ("person_listed", "name", {"first": "dana"}, "field 'name' of a person_listed event must be text"),
        ("drill_started", "time_limit", 5400.0, "field 'time_limit' of a drill_started event must be a whole number"),
    ],
)
def test_every_event_field_is_checked(expert, tmp_path, kind, field, value, message):
    lines = lines_of(expert)
    index = next(i for i, line in enumerate(lines) if f'"kind":"{kind}"' in line)
    record_ = json.loads(lines[index])
    record_[field] = value
    rec = edited(expert, tmp_path, index, lambda _: json.dumps(record_, separators=(",", ":")))
    assert len(rec.entries) == index - 1 and rec.damaged and rec.cut_at == index + 1
    assert rec.problems[0].startswith(f"line {index + 1}: an event of the wrong shape: ") and message in rec.problems[0]


@pytest.mark.parametrize(
    "line, message",
    [
        ("[" * 30_000 + "]" * 30_000, "nested too deep"),
        ('{"seq":5,"t":' + "9" * 5000 + "}", "thousands of digits"),
        ('{"seq":5,"t":NaN,"kind":"impact_observed","impact":0.1}', "its t must be a whole number"),
        ('{"seq":5,"t":60,"kind":"impact_observed","impact":Infinity}', "must be a finite number, not inf"),
        ('{"seq":5,"t":true,"kind":"impact_observed","impact":0.1}', "its t must be a whole number"),
        ('{"seq":5,"t":60,"kind":["impact_observed"],"impact":0.1}', "unknown shape"),
    ],
)
def test_damage_in_the_middle_is_named_by_its_line(expert, tmp_path, line, message):
    rec = edited(expert, tmp_path, 6, lambda _: line)
    total = len(lines_of(expert))
    assert len(rec.entries) == 5 and not rec.complete
    assert rec.damaged and rec.cut_at == 7 and not rec.too_long
    assert rec.problems == [rec.problems[0]] and rec.problems[0].startswith("line 7: ")
    assert message in rec.problems[0]
    assert rec.problems[0].endswith(f"it and the {total - 7} line(s) after it are left out")


def test_a_torn_last_line_is_not_damage(expert, tmp_path):
    data = expert.read_bytes()
    path = tmp_path / "torn.jsonl"
    path.write_bytes(data[:-10])
    rec = read_recording(path)
    assert not rec.complete and not rec.damaged and rec.cut_at is None
    assert "the last line is incomplete" in rec.problems[0]


def test_an_event_after_the_drill_ended_is_damage(expert, tmp_path):
    lines = lines_of(expert)
    extra = json.dumps({"seq": len(lines) - 1, "t": 99999, "kind": "impact_observed", "impact": 0.5}, separators=(",", ":"))
    rec = read_recording(write(tmp_path, lines + [extra]))
    assert rec.damaged and rec.cut_at == len(lines) + 1 and not rec.complete
    assert "an event after the drill ended" in rec.problems[0] and rec.problems[0].endswith("; it is left out")


def test_a_line_longer_than_any_event(expert, tmp_path, monkeypatch):
    monkeypatch.setattr(readback, "LINE_LIMIT", 1000)
    lines = lines_of(expert)
    lines[8] = lines[8][:-2] + "x" * 5000 + lines[8][-2:]
    rec = read_recording(write(tmp_path, lines))
    assert len(rec.entries) == 7 and rec.damaged and rec.cut_at == 9
    assert "a line longer than any event (over 1000 bytes" in rec.problems[0]
    assert rec.problems[0].endswith(f"it and the {len(lines) - 9} line(s) after it are left out")


def test_too_many_events_are_left_out_and_not_held(expert, tmp_path):
    """A small copy of the giant recording: the reader keeps the limit's worth, counts the rest."""
    rec = read_recording(expert, max_events=40)
    total = len(lines_of(expert)) - 1
    assert len(rec.entries) == 40 and rec.too_long and not rec.damaged and rec.cut_at == 42
    assert not rec.complete
    assert rec.problems == [
        f"line 42: the recording goes on past 40 events, more than icdrill reads from one recording; "
        f"it and the {total - 41} line(s) after it are left out"
    ]
    assert rec.lines == lines_of(expert)[1:41]


def test_too_many_bytes_of_events(expert, tmp_path):
    limit = 2 * 1024 * 1024
    lines = lines_of(expert)
    header, events = lines[0], lines[1:-1]
    padded = [header]
    seq = 0
    while sum(len(x) + 1 for x in padded[1:]) <= limit + 1000:
        padded.append(json.dumps({"seq": seq, "t": 0, "kind": "status_update", "text": "y" * 900}, separators=(",", ":")))
        seq += 1
    rec = read_recording(write(tmp_path, padded), max_bytes=limit)
    assert rec.too_long and "goes on past 2 MiB of events" in rec.problems[0]
    assert sum(len(x) + 1 for x in rec.lines) <= limit < sum(len(x) + 1 for x in padded[1 : len(rec.entries) + 2])
    assert events  # the expert's own events were whole


def test_the_lines_are_the_file_lines(expert):
    rec = read_recording(expert)
    assert rec.complete and rec.lines == lines_of(expert)[1:] and rec.cut_at is None
