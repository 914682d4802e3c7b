"""What the debrief's charts are drawn from agrees with what was scored: the impact curve is the
outcome's, the marks are the calls in the log, and a wait the chart marks late is the one the
cadence deducted for, at the time it fell due."""

from __future__ import annotations

from pathlib import Path

from sim.play.drill import play
from sim.reading.report import render_report
from sim.reading.scoring import score
from sim.reading.scoring.facts import gather
from sim.reading.scoring.outcome import run_curve
from sim.scenario import load_scenario
from sim.scenario import locate as catalog
from tui.debrief_data import debrief_data

TINY = Path(__file__).resolve().parent.parent / "fixtures" / "tiny.yaml"
SCRIPT = [  # the first update far too late, the closing one in time
    (61, "/ack"),
    (70, "/declare sev1"),
    (75, "/page bob"),
    (200, "/assign bob restart db 5m"),
    (700, "/update ok"),  # says nothing a stakeholder can use: it does not stop the clock
    (1000, "/update half of customers affected; Bob restarting db; next update in 10m"),
    (1100, "/mitigated"),
    (1150, "/update no customers affected; db restarted; final update"),
    (1200, "/resolve"),
]


def played():
    loaded = load_scenario(str(TINY))
    engine = play(loaded, 0, script=SCRIPT)
    assert not engine.view.rejections and engine.ended
    return loaded.scenario, engine.log.entries


def test_the_marks_are_the_page_the_calls_mitigation_and_resolution_at_their_times():
    scenario, entries = played()
    data = debrief_data(scenario, entries)
    assert [(m.symbol, m.t, m.label) for m in data.marks] == [
        ("P", 60, "you were paged"),
        ("1", 70, "declared Sev1"),
        ("M", 1100, "you called it mitigated"),
        ("R", 1200, "resolved"),
    ]
    run, _ = run_curve(gather(scenario, entries))
    assert data.impact == run.points and data.end == 1200


def test_the_late_wait_is_the_one_the_cadence_deducted_for():
    scenario, entries = played()
    data = debrief_data(scenario, entries)
    first, closing = data.gaps
    assert (first.start, first.end, first.first, first.late) == (60, 1000, True, True)
    assert (closing.start, closing.end, closing.late) == (1000, 1150, False)
    cadence = score(scenario, entries).dimension("cadence")
    (late,) = [f for f in cadence.deductions if "late" in f.text]
    assert late.t == first.start + first.allowed  # falls due where the chart draws the interval
    assert [(q.t, q.text) for q in data.silent] == [(700, "ok")]


def test_the_timeline_is_the_reports_told_to_the_player():
    scenario, entries = played()
    data = debrief_data(scenario, entries)
    report = render_report(scenario, entries)
    rows = [line for line in report.splitlines() if line.startswith("| T+")]
    assert len(rows) == len(data.timeline)
    assert (60, "You were paged (alert web-errors).") in data.timeline
    assert "| T+01:00 | The IC was paged (alert web-errors). |" in rows


def test_a_wait_is_held_to_the_due_in_force_when_the_update_came_not_one_that_moved_on():
    """payments-db-saturation: due every 10 min while investigating, then every 30 once the cause
    is identified; the update 33m45s after the last is late for the 30-minute due, as scored."""
    loaded = load_scenario(catalog.resolve("payments-db-saturation"))
    script = [
        (187, "/declare sev2"),
        (202, "/page payments"),
        (300, "/assign dana investigate payments-db 10m"),
        (330, "/update checkout errors for some customers; Dana investigating payments-db; next update in 15m"),
        (690, "/assign dana restart payments-api 5m"),
        (2355, "/update no customers affected now; payments-api restarted by Dana; next update in 30m"),
    ]
    engine = play(loaded, 0, script=script)
    entries = engine.log.entries
    long_wait = debrief_data(loaded.scenario, entries).gaps[1]
    assert (long_wait.start, long_wait.end, long_wait.allowed, long_wait.late) == (330, 2355, 1800, True)
    (late,) = [f for f in score(loaded.scenario, entries).dimension("cadence").deductions if " late " in f.text]
    assert late.t == long_wait.start + long_wait.allowed and "every 30 min" in late.text
