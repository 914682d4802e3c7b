"""The recording is written and fsynced once per engine step (`advance`, `submit`), not per event,
and when a step returns, every event it brought is on disk: what the player is shown next."""

from __future__ import annotations

import os

from sim.engine import Engine
from sim.log.recording import Recorder, read_recording, recording_header
from sim.play.bots import BOTS

from .helpers import loaded


def test_every_step_is_on_disk_when_it_returns_with_one_fsync(tmp_path, monkeypatch):
    engine = Engine(loaded("payments-db-saturation"), 0)
    header = recording_header(engine.log.header, scenario_path="x.yaml", driver="expert", trainee="t")
    path = tmp_path / "r.jsonl"
    recorder = Recorder(path, header).attach(engine.log)
    real, syncs = os.fsync, []
    monkeypatch.setattr(os, "fsync", lambda fd: (syncs.append(fd), real(fd)))
    bot, steps = BOTS["expert"](), 0
    while not engine.ended:
        engine.advance(engine.now + 15)
        steps += 1
        assert len(read_recording(path).entries) == recorder.written == len(engine.log)
        for text in bot.decide(engine.view):
            if engine.ended:
                break
            engine.submit(text)
            steps += 1
            assert len(read_recording(path).entries) == recorder.written == len(engine.log)
    assert len(syncs) <= steps < len(engine.log)  # at most one fsync a step, fewer than one an event
    recorder.close()
    assert read_recording(path).complete


def test_events_outside_a_step_are_written_on_flush_and_on_close(tmp_path):
    engine = Engine(loaded("tiny"), 0)
    header = recording_header(engine.log.header, scenario_path="x.yaml", driver="player", trainee="t")
    path = tmp_path / "r.jsonl"
    recorder = Recorder(path, header).attach(engine.log)
    opening = len(engine.log)
    assert recorder.written == opening  # attach writes what the log already holds
    engine.end("abandoned")  # not inside advance or submit: heard, not yet written
    assert recorder.written == opening
    recorder.close()
    assert len(read_recording(path).entries) == len(engine.log) > opening
