"""The progress history: sessions per trainee in the order played, and the trend of the overall score."""

from __future__ import annotations

import sqlite3

import pytest

from tui.cli.progress import format_progress
from tui.store.history import History, HistoryError, Session


def session(trainee, played_at, overall, **dims):
    return Session(trainee, "tiny", played_at, 0, "player", True, overall, dims, None)


def test_sessions_come_back_in_the_order_played(tmp_path):
    history = History(tmp_path / "h.sqlite")
    history.add(session("ann", "2025-03-02T09:00:00", 70, delegation=60))
    history.add(session("bob", "2025-03-01T09:00:00", 40))
    history.add(session("ann", "2025-03-01T10:00:00", 50, delegation=40))
    history.add(session("ann", "2025-03-03T08:00:00", 65, delegation=80))
    assert [s.played_at[:10] for s in history.sessions("ann")] == ["2025-03-01", "2025-03-02", "2025-03-03"]
    assert [s.trainee for s in history.sessions()] == ["bob", "ann", "ann", "ann"]
    assert history.sessions("ann")[0].dimensions == {"delegation": 40.0}


def test_the_table_and_the_trend(tmp_path):
    rows = [
        session("ann", "2025-03-01T10:00:00", 50, delegation=40, cadence=55),
        session("ann", "2025-03-02T09:00:00", 71.6, delegation=60, cadence=90),
        session("ann", "2025-03-03T08:00:00", 65, delegation=80),
    ]
    text = format_progress(rows, ["delegation", "cadence"])
    lines = text.splitlines()
    assert lines[0] == "ann: 3 sessions"
    assert lines[1].split() == ["date", "scenario", "seed", "IC", "resolved", "overall", "delegation", "cadence"]
    assert lines[3].split() == ["2025-03-01", "10:00", "tiny", "0", "player", "yes", "50", "40", "55"]
    assert lines[5].split()[-2:] == ["80", "-"]  # a dimension the session has no score for
    assert lines[-1] == "trend: overall 50 -> 65 (first -> latest, +15); best 72 on 2025-03-02 (tiny)"


def test_unscored_sessions(tmp_path):
    text = format_progress([session("ann", "2025-03-01T10:00:00", None)])
    assert "trend: no scored sessions yet" in text


def test_a_newer_schema_or_a_broken_file_is_an_error(tmp_path):
    path = tmp_path / "h.sqlite"
    con = sqlite3.connect(path)
    con.execute("PRAGMA user_version = 99")
    con.close()
    with pytest.raises(HistoryError, match="newer icdrill"):
        History(path).sessions()
    broken = tmp_path / "b.sqlite"
    broken.write_bytes(b"\x00" * 2048)
    with pytest.raises(HistoryError, match="cannot"):
        History(broken).add(session("ann", "2025-03-01T10:00:00", 1))


def test_the_table_names_the_level_and_the_game_day_when_there_are_some():
    from dataclasses import replace

    rows = [
        session("ann", "2025-03-01T10:00:00", 50),
        replace(session("ann", "2025-03-02T09:00:00", 90), level="hard", cohort="day1"),
    ]
    lines = format_progress(rows).splitlines()
    assert lines[1].split() == ["date", "scenario", "seed", "IC", "resolved", "game", "day", "overall"]
    assert lines[3].split() == ["2025-03-01", "10:00", "tiny", "0", "player", "yes", "-", "50"]
    assert lines[4].split() == ["2025-03-02", "09:00", "tiny", "(hard)", "0", "player", "yes", "day1", "90"]
    assert lines[-1].endswith("best 90 on 2025-03-02 (tiny (hard))")
    assert "game day" not in format_progress(rows[:1])  # nobody's game day: no column for it
