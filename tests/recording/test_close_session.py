"""Closing a played session (`tui.store.session.close_session`): scored, recording closed, in the history."""

from __future__ import annotations

from sim.engine import Engine
from sim.log.recording import read_recording
from sim.play.bots import BOTS
from sim.play.drill import drive
from sim.reading.outcome import outcome
from sim.reading.scoring import score
from tui.store.history import History
from tui.store.recorder import SessionRecording
from tui.store.session import close_session

from .helpers import loaded


def played(*, record: bool):
    """The expert's drill on tiny, seed 2, recorded for ann when `record`."""
    scenario = loaded("tiny")
    engine = Engine(scenario, 2)
    recording = SessionRecording(engine, scenario, "expert", "ann", print) if record else None
    drive(engine, BOTS["expert"]())
    return scenario, engine, recording


def test_an_unrecorded_session_is_scored_and_nothing_is_written(tmp_path, monkeypatch):
    monkeypatch.setenv("ICDRILL_DATA_DIR", str(tmp_path))
    scenario, engine, _ = played(record=False)
    closed = close_session(scenario, engine.log.entries)
    assert closed.card == score(scenario.scenario, engine.log.entries)
    assert closed.outcome == outcome(engine.log.entries)
    assert (closed.recorded, closed.recording, closed.warnings) == (False, None, ())
    assert list(tmp_path.iterdir()) == []


def test_a_recorded_session_is_closed_and_added_to_the_history_with_its_score(tmp_path, monkeypatch):
    monkeypatch.setenv("ICDRILL_DATA_DIR", str(tmp_path))
    scenario, engine, recording = played(record=True)
    closed = close_session(scenario, engine.log.entries, recording, played_at="2026-01-02T03:04:05")
    assert closed.recorded and closed.recording == recording.path and closed.warnings == ()
    assert recording.closed and read_recording(closed.recording).complete
    (row,) = History(tmp_path / "history.sqlite").sessions("ann")
    assert (row.played_at, row.driver, row.seed, row.recording) == ("2026-01-02T03:04:05", "expert", 2, str(recording.path))
    assert row.overall == closed.card.overall and row.resolved == closed.outcome.resolved
    assert row.dimensions == {d.name: d.score for d in closed.card.dimensions}


def test_a_history_that_cannot_be_written_is_a_warning(tmp_path, monkeypatch):
    monkeypatch.setenv("ICDRILL_DATA_DIR", str(tmp_path))
    scenario, engine, recording = played(record=True)
    (tmp_path / "history.sqlite").write_text("this is not a database")
    closed = close_session(scenario, engine.log.entries, recording)
    assert closed.card.overall == score(scenario.scenario, engine.log.entries).overall
    assert closed.recording == recording.path and read_recording(closed.recording).complete
    (warning,) = closed.warnings
    assert "history.sqlite" in warning
    assert warning.endswith(f"the session is not in the progress history (add it later: icdrill history --add {recording.path})")
