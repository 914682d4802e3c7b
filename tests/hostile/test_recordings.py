"""Hostile recordings: each malformed shape ends in one clear line and its exit code, no traceback,
no control byte; a damaged one is named by its line, and `replay` never calls it a success.

Every case starts from one real recording (an expert's session recorded by `icdrill run`) and
breaks one thing, as a file passed around by hand, by a buggy tool or by someone probing could.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass

import pytest

from .harness import assert_no_control_bytes, assert_refused, icdrill


@dataclass(frozen=True)
class Recorded:
    header: dict
    events: list[str]  # the event lines as recorded

    def line_of(self, kind: str) -> int:
        """The index in `events` of the first event of ``kind``."""
        return next(i for i, line in enumerate(self.events) if f'"kind":"{kind}"' in line)


@pytest.fixture(scope="module")
def recorded(tmp_path_factory) -> Recorded:
    data = tmp_path_factory.mktemp("data")
    done = icdrill("run", "--trainee", "ann", data_dir=data)
    assert done.code == 0, done.err
    lines = (data / "recordings" / "payments-db-saturation-0-1.jsonl").read_text().splitlines()
    return Recorded(json.loads(lines[0]), lines[1:])


def dump(record) -> str:
    return json.dumps(record, separators=(",", ":"))


def header(**fields) -> Callable[[Recorded], bytes]:
    """The recording with header fields changed."""
    return lambda r: "\n".join([dump({**r.header, **fields})] + r.events).encode() + b"\n"


def event(kind: str, **fields) -> Callable[[Recorded], bytes]:
    """The recording with fields of its first event of ``kind`` changed."""

    def make(r: Recorded) -> bytes:
        events = list(r.events)
        i = r.line_of(kind)
        events[i] = dump({**json.loads(events[i]), **fields})
        return "\n".join([dump(r.header)] + events).encode() + b"\n"

    return make


def line(number: int, text: str) -> Callable[[Recorded], bytes]:
    """The recording with its line ``number`` (the header is line 1) replaced by ``text``."""

    def make(r: Recorded) -> bytes:
        lines = [dump(r.header)] + list(r.events)
        lines[number - 1] = text
        return "\n".join(lines).encode() + b"\n"

    return make


def raw(data: bytes) -> Callable[[Recorded], bytes]:
    return lambda r: data


def header_only(r: Recorded) -> bytes:
    return (dump(r.header) + "\n").encode()


def windows_line_ends(r: Recorded) -> bytes:
    return "\r\n".join([dump(r.header)] + r.events).encode() + b"\r\n"


def after_the_end(r: Recorded) -> bytes:
    extra = dump({"seq": len(r.events), "t": 99999, "kind": "impact_observed", "impact": 0.5})
    return "\n".join([dump(r.header)] + r.events + [extra]).encode() + b"\n"


def sev99(r: Recorded) -> bytes:
    events = list(r.events)
    i = r.line_of("severity_set")
    events[i] = events[i].replace('"severity":"Sev1"', '"severity":"Sev99"')
    return "\n".join([dump(r.header)] + events).encode() + b"\n"


def giant(r: Recorded) -> bytes:
    """More events than icdrill reads from one recording: 20,000 and then 5,000 more."""
    t = json.loads(r.events[-2])["t"]
    filler = [dump({"seq": seq, "t": t, "kind": "impact_observed", "impact": 0.25}) for seq in range(len(r.events) - 1, 25_000)]
    return "\n".join([dump(r.header)] + r.events[:-1] + filler).encode() + b"\n"


DEEP = "[" * 30_000 + "]" * 30_000
CASES = [
    # (name, make the file, command, exit code, what the one line says)
    ("empty file", raw(b""), "score", 2, "is empty"),
    ("binary junk", raw(b"\x89PNG\r\n\x1a\n\x00\x00\x1b[2J"), "score", 2, "its first line is not JSON"),
    ("header only, replayed", header_only, "replay", 2, "holds no events to replay"),
    ("header only, scored", header_only, "score", 2, "holds no events to work with"),
    ("header nested 30,000 deep", raw((DEEP + "\n").encode()), "replay", 2, "nested too deep"),
    ("header line of 100 KB", raw(b'{"kind":"header","x":"' + b"a" * 100_000 + b'"}\n'), "score", 2, "not a whole header line"),
    ("scenario_path a number", header(scenario_path=5), "replay", 2, "no valid 'scenario_path': must be a file path, not 5"),
    ("scenario_path with NUL", header(scenario_path="/tmp/a\x00b"), "score", 2, "no valid 'scenario_path'"),
    ("scenario_path with escapes", header(scenario_path="/tmp/\x1b]0;PWNED\x07x"), "replay", 2, "no valid 'scenario_path'"),
    ("seed -5", header(seed=-5), "score", 2, "no valid 'seed': must be a whole number from 0 to 9223372036854775807"),
    ("seed 2**63", header(seed=2**63), "replay", 2, "no valid 'seed'"),
    ("seed as text", header(seed="7"), "report", 2, "no valid 'seed'"),
    ("format true", header(format=True), "score", 2, "format True, expected 1"),
    ("scenario a path", header(scenario="../../../etc/passwd"), "replay", 2, "no valid 'scenario': must be a scenario id"),
    ("scenario_hash a list", header(scenario_hash=["00"]), "score", 2, "no valid 'scenario_hash'"),
    ("trainee a list", header(trainee=["ann"]), "score", 2, "no valid 'trainee'"),
    ("cohort a number", header(cohort=1), "history --add", 2, "no valid 'cohort': must be text"),
    ("driver an object", header(driver={"bot": "expert"}), "report", 2, "no valid 'driver'"),
    ("versions a list", header(versions=[1, 2]), "replay", 2, "no valid 'versions'"),
    ("first event nested 30,000 deep", line(2, DEEP), "score", 2, "line 2: not JSON the log writes (nested too deep)"),
    ("damage in the middle, replayed", line(40, "garbage"), "replay", 2, "line 40: not a whole JSON event (damaged)"),
    ("damage in the middle, scored", line(40, "garbage"), "score", 0, "line 40: not a whole JSON event (damaged)"),
    ("command text a number", event("command_issued", text=5), "replay", 2, "field 'text' of a command_issued event must be text"),
    ("impact NaN", event("impact_changed", impact=float("nan")), "replay", 2, "must be a finite number, not nan"),
    ("findings not a list", event("task_reported", findings="fine"), "report", 0, "must be a list of texts"),
    ("time true", event("phase_changed", t=True), "replay", 2, "its t must be a whole number"),
    ("a number 5,000 digits long", line(30, '{"seq":28,"t":' + "9" * 5000 + "}"), "replay", 2, "thousands of digits"),
    ("an event line of 100 KB", line(30, '{"seq":28,"t":0,"kind":"' + "x" * 100_000 + '"}'), "replay", 2, "a line longer than any event"),
    ("an event after the drill ended", after_the_end, "replay", 2, "an event after the drill ended"),
    ("Windows line ends", windows_line_ends, "score", 2, "line 2: an event not in the form the log writes"),
    ("a severity the scenario has no rung for", sev99, "score", 2, "its events do not make a drill this version can read"),
    ("25,000 events", giant, "replay", 2, "line 20002: the recording goes on past 20000 events"),
    ("added to the history, trainee a list", header(trainee=["ann"]), "history --add", 2, "no valid 'trainee'"),
]


@pytest.mark.parametrize("make, command, code, says", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_a_hostile_recording_is_refused_in_one_line(recorded, tmp_path, make, command, code, says):
    path = tmp_path / "hostile.jsonl"
    path.write_bytes(make(recorded))
    result = icdrill(*command.split(), str(path), data_dir=tmp_path / "data")
    assert_refused(result, code=code, says=says)


def test_replay_of_a_damaged_recording_says_what_it_compared(recorded, tmp_path):
    path = tmp_path / "damaged.jsonl"
    path.write_bytes(line(40, "garbage")(recorded))
    result = icdrill("replay", str(path), data_dir=tmp_path / "data")
    assert result.code == 2
    assert "the recording is damaged at line 40: it is read as far as the 38 events before it" in result.out
    assert "not finished" not in result.out and "same log as far as it was read: yes (38 events)" in result.out
    assert result.out.rstrip().splitlines()[-1].startswith("not confirmed: the recording is damaged from line 40")
    assert_no_control_bytes(result)


def test_the_cases_cover_what_the_issue_names():
    names = " ".join(c[0] for c in CASES)
    for shape in ("header only", "scenario_path a number", "nested 30,000 deep", "seed -5", "seed 2**63", "damage in the middle"):
        assert shape in names
    assert len(CASES) >= 15
