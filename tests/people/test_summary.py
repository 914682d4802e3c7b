"""The room summary counts what the log shows, and tells the expert's drill from the novice's."""

from pathlib import Path

from sim.play.drill import play
from sim.scenario import load_scenario
from sim.reading.summary import room_summary

SALE_DAY = Path(__file__).resolve().parents[2] / "scenarios" / "sale-day-meltdown.yaml"


def test_expert_and_novice_rooms_differ_the_way_the_article_says():
    loaded = load_scenario(SALE_DAY)
    expert = room_summary(play(loaded, 0, "expert").log.entries)
    novice = room_summary(play(loaded, 0, "novice").log.entries)
    assert expert["dead-end minutes"] == 0 < novice["dead-end minutes"]
    assert expert["responder minutes lost to the executive"] == 0 < novice["responder minutes lost to the executive"]
    assert expert["tasks with a time-box"] > 0 == novice["tasks with a time-box"]
    assert novice["severity calls"].endswith("Sev0") and "Sev0" not in expert["severity calls"]
    assert expert["roles filled"] == "comms-lead, scribe" and novice["roles filled"] in ("none", "comms-lead")


def test_an_empty_log_counts_nothing():
    summary = room_summary([])
    assert summary["severity calls"] == "none" and summary["status updates"] == 0
