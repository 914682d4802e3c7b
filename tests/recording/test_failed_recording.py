"""A recording that fails (a full disk, a file size limit) leaves no empty file behind, and the
drill goes on: at its start, at its first event, or later (then the part written stays)."""

from __future__ import annotations

import errno
import json
import os
import resource
import signal
import subprocess
import sys

import pytest

from sim.engine import Engine
from sim.log.recording import Recorder, read_recording, recording_header

from .helpers import ROOT, loaded


@pytest.fixture
def header():
    engine = Engine(loaded("tiny"), 0)
    return recording_header(engine.log.header, scenario_path="x.yaml", driver="player", trainee="t")


def full_disk_after(monkeypatch, syncs: int) -> None:
    """fsync succeeds ``syncs`` times, then the disk is full."""
    real, left = os.fsync, [syncs]

    def fsync(fd):
        if left[0] <= 0:
            raise OSError(errno.ENOSPC, "No space left on device")
        left[0] -= 1
        real(fd)

    monkeypatch.setattr(os, "fsync", fsync)


def test_a_header_that_cannot_be_written_raises_and_leaves_no_file(tmp_path, header, monkeypatch):
    full_disk_after(monkeypatch, 0)
    path = tmp_path / "r.jsonl"
    with pytest.raises(OSError, match="No space left on device") as caught:
        Recorder(path, header)
    assert caught.value.errno == errno.ENOSPC
    assert list(tmp_path.iterdir()) == []


def test_a_first_event_that_cannot_be_written_leaves_no_file(tmp_path, header, monkeypatch):
    path = tmp_path / "r.jsonl"
    full_disk_after(monkeypatch, 1)  # the header only
    engine = Engine(loaded("tiny"), 0)
    recorder = Recorder(path, header).attach(engine.log)
    engine.advance(600)  # the drill goes on
    assert recorder.closed and recorder.removed and recorder.written == 0
    assert recorder.error == f"cannot write the recording {path}: No space left on device"
    assert not path.exists()


def test_a_later_failure_keeps_what_was_written(tmp_path, header, monkeypatch):
    path = tmp_path / "r.jsonl"
    full_disk_after(monkeypatch, 3)  # the header, the folder's entry, the opening events: in line
    engine = Engine(loaded("tiny"), 0)
    recorder = Recorder(path, header).attach(engine.log)
    engine.advance(120)
    kept = recorder.written
    assert kept == len(engine.log) > 3  # the step's events, fsynced together
    engine.advance(1200)  # the next step's fsync fails, in the background; the drill goes on
    recorder.close()  # the failure is known at the next step or the close at the latest
    assert recorder.error and "No space left" in recorder.error and not recorder.removed
    # The failed step's lines were written but not synced: they may be on disk too.
    assert [e.seq for e in read_recording(path).entries][:kept] == list(range(kept))


def run_with_file_size_limit(data_dir, limit: int | None) -> subprocess.CompletedProcess:
    """`icdrill run` in a process that may write files of at most ``limit`` bytes (as on a full disk)."""

    def limited():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG instead
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    env = {**os.environ, "ICDRILL_DATA_DIR": str(data_dir), "PYTHONDONTWRITEBYTECODE": "1"}
    return subprocess.run(
        [sys.executable, "-m", "tui.cli", "run", str(ROOT / "tests" / "fixtures" / "tiny.yaml"), "--json"],
        cwd=ROOT, env=env, capture_output=True, text=True, preexec_fn=limited if limit is not None else None, timeout=120,
    )


@pytest.mark.parametrize("when", ["at its start", "at its first event"])
def test_runs_on_a_full_disk_leave_no_empty_recordings(tmp_path, when):
    """A file size limit stands in for a full disk; each of three runs plays and warns, none
    leaves a recording (its header alone, or part of it, is no recording)."""
    data_dir = tmp_path / "data"
    limit = 0
    if when == "at its first event":  # room for the header, not for a line more
        first = json.loads(run_with_file_size_limit(tmp_path / "free", None).stdout)["recording"]
        limit = len(open(first, "rb").readline()) + 20
    for _ in range(3):
        done = run_with_file_size_limit(data_dir, limit)
        assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
        assert json.loads(done.stdout)["recording"] is None
        said = "cannot record this session (File too large)" if when == "at its start" else "the session was not recorded"
        assert said in done.stderr, done.stderr
    assert list((data_dir / "recordings").iterdir()) == []
