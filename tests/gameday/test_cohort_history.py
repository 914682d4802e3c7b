"""The history's game day and level: read from the recording header, an older history file
migrated in place, and the comparison's choice of each trainee's latest session per scenario and level."""

from __future__ import annotations

import sqlite3
from types import SimpleNamespace

from tui.cli.cohort import Progress
from tui.store.cohort import compare, median
from tui.store.history import SCHEMA_VERSION, History, Session, session_from

# The sessions table as schema 1 made it (icdrill before game days).
SCHEMA_1 = """
CREATE TABLE sessions (
    id INTEGER PRIMARY KEY AUTOINCREMENT, trainee TEXT NOT NULL, scenario TEXT NOT NULL, played_at TEXT NOT NULL,
    seed INTEGER NOT NULL, driver TEXT NOT NULL, resolved INTEGER NOT NULL, overall REAL,
    dimensions TEXT NOT NULL DEFAULT '{}', recording TEXT
);
CREATE INDEX sessions_by_trainee ON sessions (trainee, played_at, id);
PRAGMA user_version = 1;
"""


def row(trainee, played_at, overall, *, scenario="tiny", cohort="day1", level=None, **dims):
    return Session(trainee, scenario, played_at, 0, "player", True, overall, dims, None, cohort, level)


def test_an_older_history_is_read_as_it_is_then_migrated_when_written(tmp_path):
    path = tmp_path / "history.sqlite"
    con = sqlite3.connect(path)
    con.executescript(SCHEMA_1)
    con.execute(
        "INSERT INTO sessions (trainee, scenario, played_at, seed, driver, resolved, overall, dimensions, recording)"
        " VALUES ('ann', 'tiny', '2025-03-01T10:00:00', 3, 'player', 1, 61.5, '{\"delegation\": 40}', NULL)"
    )
    con.commit()
    con.close()
    history = History(path)
    (old,) = history.sessions()
    assert (old.trainee, old.overall, old.dimensions, old.cohort, old.level) == ("ann", 61.5, {"delegation": 40.0}, None, None)
    assert history.cohorts() == {} and history.sessions(cohort="day1") == []
    history.add(row("bob", "2025-03-02T10:00:00", 70, level="hard"))
    assert sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 2
    ann, bob = history.sessions()
    assert (ann.trainee, ann.seed, ann.cohort, ann.level) == ("ann", 3, None, None)
    assert (bob.cohort, bob.level) == ("day1", "hard")
    assert history.cohorts() == {"day1": 1}
    assert [s.trainee for s in history.sessions(cohort="day1")] == ["bob"]
    assert [s.trainee for s in history.sessions("ann")] == ["ann"]


def test_the_row_takes_cohort_and_level_from_the_recording_header():
    card = SimpleNamespace(overall=50.0, dimensions=[SimpleNamespace(name="delegation", score=40.0)])
    header = {"scenario": "tiny", "seed": 1, "driver": "player", "trainee": "ann", "cohort": "day1", "level": "hard"}
    made = session_from(header, True, card, None, "2025-03-01T10:00:00")
    assert (made.cohort, made.level) == ("day1", "hard")
    plain = session_from({"scenario": "tiny", "seed": 1}, True, card, None, "2025-03-01T10:00:00")
    assert (plain.cohort, plain.level) == (None, None)


def test_each_trainee_is_compared_on_their_latest_session_per_scenario_and_level():
    sessions = [
        row("bob", "2025-03-01T09:00:00", 90, delegation=90),
        row("ann", "2025-03-01T09:05:00", 40, delegation=10),
        row("Ann", "2025-03-01T09:06:00", 55),  # another trainee: names are compared as given
        row("ann", "2025-03-01T10:00:00", 60, delegation=30),  # ann's latest of tiny: compared
        row("ann", "2025-03-01T11:00:00", 80, level="hard"),
        row("cy", "2025-03-01T11:30:00", 20, scenario="big"),
    ]
    comparison = compare("day1", sessions, ["delegation", "cadence"])
    assert comparison.dimensions == ("delegation", "cadence")
    assert comparison.trainees == ["Ann", "ann", "bob", "cy"]  # by name, case aside
    assert [g.title for g in comparison.groups] == ["big", "tiny", "tiny (level hard)"]
    tiny = comparison.groups[1]
    assert [(s.trainee, s.overall) for s in tiny.rows] == [("Ann", 55), ("ann", 60), ("bob", 90)]
    assert median(tiny, "overall") == 60
    assert median(tiny, "delegation") == 60  # of ann's 30 and bob's 90: Ann has no score on it
    assert median(tiny, "cadence") is None
    assert len(comparison.sessions) == 6  # every session keeps its report


def test_progress_is_said_only_once_the_export_takes_more_than_a_moment(capsys):
    now = [0.0]
    progress = Progress("day1", clock=lambda: now[0])
    for done, at in ((1, 0.2), (2, 0.9), (3, 1.1), (4, 1.5), (5, 2.2), (6, 2.3)):
        now[0] = at
        progress(done, 6)
    assert capsys.readouterr().err.splitlines() == [
        "icdrill: exporting game day day1: 3 of 6 reports",
        "icdrill: exporting game day day1: 5 of 6 reports",
        "icdrill: exporting game day day1: 6 of 6 reports",
    ]


def test_the_page_and_the_index_escape_the_days_name_and_the_level():
    from tui.store.cohort import Report
    from tui.store.cohort_html import render_page
    from tui.store.cohort_markdown import render_index

    sessions = [row("a&b", "2025-03-01T09:00:00", 50, cohort="<i>day</i>", level='"><b>hard\x1b[2J', delegation=40)]
    comparison = compare("<i>day</i>", sessions, ["delegation"])
    reports = [Report(sessions[0], None, "the recording <gone>")]
    page = render_page(comparison, reports)
    for raw in ("<i>", "<b>", "\x1b", "<gone>", "a&b"):
        assert raw not in page
    assert "&lt;i&gt;day&lt;/i&gt;" in page and "&quot;&gt;&lt;b&gt;hard\\x1b[2J" in page and "a&amp;b" in page
    index = render_index(comparison, reports)
    assert "<i>" not in index and "\\<i\\>day\\</i\\>" in index and "\x1b" not in index
