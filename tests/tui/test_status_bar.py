"""The header line is a pure function of the view: checked without running the app."""

from __future__ import annotations

from pathlib import Path

from sim.engine import Engine
from sim.scenario import load_scenario
from tui.widgets.status_bar import status_line

TINY = Path(__file__).resolve().parent.parent / "fixtures" / "tiny.yaml"


def test_status_line_counts_down_to_the_update_and_then_says_how_late_it_is():
    engine = Engine(load_scenario(TINY), 0)
    engine.advance(90)
    assert "you are paged: /ack" in status_line(engine.view, 1, False).plain
    engine.submit("/ack")
    engine.submit("/declare sev2")
    line = status_line(engine.view, 5, False).plain
    assert line.startswith("T+01:30  ▶ 5x")
    assert "Sev2" in line and "next update in 5m" in line  # the first update is due 5 min after declaring
    engine.advance(90 + 7 * 60)
    assert "update LATE by 2m" in status_line(engine.view, 5, False).plain
    assert "PAUSED" in status_line(engine.view, 5, True).plain
