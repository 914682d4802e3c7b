"""The small rules the dimensions share: reading what an update says, severity accuracy, late
credit, and the no-response baseline and the floor the outcome is measured between."""

import pytest

from sim.play.drill import play
from sim.reading.outcome import outcome
from sim.play.script import parse_script
from sim.reading.scoring.statement import read
from sim.reading.scoring.card import LATE_FLOOR, late_credit
from sim.reading.scoring.outcome import baseline, floor
from sim.reading.scoring.severity import accuracy

from .helpers import run, scenario


@pytest.mark.parametrize(
    "text",
    [
        "Impact: 25% of customers affected (checkout). Actions: Dana on restart payments-api. Next update: in 10 min.",
        ("[Sev1, identified] Impact: 25% of customers affected. Current actions: Priya on restart payments-api. "
        "Next update by T+28:02 (in 10 min)."),
        "IMPACT - checkout failing for a quarter of customers. ACTIONS - rolling back search. NEXT UPDATE at 14:30.",
        "About 30% of users are unable to pay. We are restarting payments-api. We will update again in 15 minutes.",
        "Impact: none since mitigation. Actions: restart payments-api applied. Resolved: no further updates.",
    ],
)
def test_complete_updates_state_all_three_parts(text):
    said = read(text)
    assert said.impact is not None and said.actions is not None and said.next_update is not None, said


@pytest.mark.parametrize(
    "text,missing",
    [
        ("Impact: 25% of customers affected. Actions: investigating.", ["next update"]),
        ("Impact: 25% of customers affected. Next update: in 10 min.", ["actions"]),
        ("Actions: Dana on restart payments-api. Next update: in 10 min.", ["impact"]),
        ("Impact: 25% of customers affected. Actions: assessing. Next update soon.", ["next update"]),
        ("All good now.", ["impact", "actions", "next update"]),
    ],
)
def test_an_update_missing_a_part_is_read_as_missing_it(text, missing):
    said = read(text)
    found = {"impact": said.impact, "actions": said.actions, "next update": said.next_update}
    assert [p for p, value in found.items() if value is None] == missing, said


@pytest.mark.parametrize("text", ["impact; actions; next update in 10 min", "Impact: ... Actions: ... Next update: TBD", "ok", "update"])
def test_headings_without_content_say_nothing(text):
    assert not read(text).says_something


@pytest.mark.parametrize(
    "text,when",
    [
        ("Next update: 10 min", "in 10 min"),
        ("next update in 10 minutes", "in 10 minutes"),
        ("Next update at T+20", "at T+20"),
        ("next update at 14:30", "at 14:30"),
        ("next update at resolution", "at resolution"),
        ("Resolved; no further updates.", "final"),
    ],
)
def test_the_next_update_is_understood_as_people_write_it(text, when):
    assert read(text).next_update == when


@pytest.mark.parametrize(
    "text,claim",
    [
        ("Impact: no customers affected, it was a blip", "none"),
        ("Impact: none since mitigation", "none"),
        ("all clear, nobody is affected", "none"),
        ("Impact: 0% of customers", "share"),
        ("Impact: checkout failing for EU shoppers", "some"),
    ],
)
def test_impact_claims_are_read_for_what_they_say(text, claim):
    assert read(text).impact == claim


def test_under_calls_cost_twice_what_over_calls_do():
    assert accuracy(0) == 1.0
    assert accuracy(1) == pytest.approx(0.8) and accuracy(-1) == pytest.approx(0.6)
    assert accuracy(2) == pytest.approx(0.6) and accuracy(-2) == pytest.approx(0.2)
    assert accuracy(-3) == 0.0
    assert 1 - accuracy(-1) == pytest.approx(2 * (1 - accuracy(1)))


def test_late_beats_never():
    assert late_credit(0, 600) == 1.0 and late_credit(-5, 600) == 1.0
    assert late_credit(300, 600) == pytest.approx(0.5)
    assert late_credit(10_000, 600) == LATE_FLOOR > 0


@pytest.mark.parametrize("name", ["payments-db-saturation", "search-deploy-and-cache", "sale-day-meltdown"])
def test_no_response_baseline_is_what_the_idle_ic_gets(name):
    """The baseline is computed from the scenario alone; the engine with nobody acting agrees."""
    loaded = scenario(name)
    for seed in (0, 1):
        idle = outcome(play(loaded, seed, "idle").log.entries)
        assert baseline(loaded.scenario).impact_minutes == pytest.approx(idle.customer_impact_minutes, abs=0.01)


@pytest.mark.parametrize("name", ["payments-db-saturation", "search-deploy-and-cache", "sale-day-meltdown"])
def test_the_floor_is_below_any_real_run(name):
    best = floor(scenario(name).scenario).impact_minutes
    for seed in range(3):
        entries, _ = run(name, seed, "expert")
        assert best < outcome(entries).customer_impact_minutes


def test_a_fix_guessed_at_the_first_second_cannot_beat_the_floor():
    """'At best' is a true bound: the IC fixing it by hand the moment the fault starts, with no
    investigation at all, still does not reach it."""
    loaded = scenario("payments-db-saturation")
    fault = loaded.scenario.faults[0]
    script = parse_script(f"{fault.at // 60:02d}:01 /ack\n{fault.at // 60:02d}:01 /handson restart payments-api\n")
    guessed = outcome(play(loaded, 0, script=script).log.entries)
    best = floor(loaded.scenario)
    assert best.impact_minutes < guessed.customer_impact_minutes
    assert best.mitigated_at < guessed.time_to_mitigate + fault.at
