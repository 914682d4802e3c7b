"""The room around the incident: managers, the Head of Sales, the executive swoop.

Each test shows a mechanic moving the outcome the way the source article says: an unredirected
manager costs dead-end minutes and a redirected one none; late updates bring questions and a
harder push for Sev0; qualifying with evidence quiets the push; granting a swoop delays the fix.
Timings are checked against tests/people/fixtures/stakeholders.yaml: the fault starts (and is detected)
at 1m; the manager mo joins at 3m and DMs with his theory at 6m (10m dead end, status_after
2m); the Head of Sales pushes from 4m every 6m; the executive swoops at 8m (pulls 2 for 15m,
grabs after 5m). Sev1 cadence: first update 5m after declaring, then every 10m.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from sim.log import events as ev
from sim.engine import Engine
from sim.scenario import load_scenario
from sim.scenario.model import Manager

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "stakeholders.yaml"
DETECTED = 60
DECLARED = 61
KEEP = object()


@pytest.fixture(scope="module")
def room():
    return load_scenario(FIXTURE)


def variant(loaded, managers=KEEP, head_of_sales=KEEP, executive=KEEP):
    """The room scenario with some stakeholders replaced or removed (None / [])."""
    current = loaded.scenario.stakeholders
    update = {}
    for key, value in (("managers", managers), ("head_of_sales", head_of_sales), ("executive", executive)):
        if value is not KEEP:
            update[key] = value
    scenario = loaded.scenario.model_copy(update={"stakeholders": current.model_copy(update=update)})
    return dataclasses.replace(loaded, scenario=scenario)


def only_manager(loaded, **changes):
    manager = loaded.scenario.stakeholders.managers[0].model_copy(update=changes)
    return variant(loaded, managers=[manager], head_of_sales=None, executive=None)


def kinds(engine, *types):
    return [(e.t, e.event) for e in engine.log.entries if isinstance(e.event, types)]


def times(engine, *types):
    return [t for t, _ in kinds(engine, *types)]


def until(engine, condition, limit=3600, step=5):
    while not condition():
        assert engine.now < limit, "condition never came true"
        engine.advance(engine.now + step)


def declare(engine, severity="sev1"):
    engine.advance(DECLARED)
    assert engine.submit("/ack")
    assert engine.submit(f"/declare {severity}")


def staff(engine, *people):
    for person in people:
        assert engine.submit(f"/page {person}")
    until(engine, lambda: all(engine.view.people[p].status == "available" for p in people))


def keep_cadence(engine, end):
    """Post a status update whenever one is nearly due, up to sim time `end`."""
    while engine.now < end:
        due = engine.view.next_update_due()
        if due is not None and engine.now + 30 >= due:
            assert engine.submit("/update checkout degraded for 30% of customers; data team investigating")
        engine.advance(engine.now + 5)


def bob_investigates(engine):
    declare(engine)
    staff(engine, "bob")
    assert engine.submit("/assign bob investigate payments-db")


def report_time(engine, person="bob"):
    until(engine, lambda: any(e.person == person for _, e in kinds(engine, ev.TaskReported)))
    return next(t for t, e in kinds(engine, ev.TaskReported) if e.person == person)


# --- managers ------------------------------------------------------------------------------------


def test_manager_joins_at_joins_at_but_never_before_detection(room):
    engine = Engine(only_manager(room), seed=1)
    engine.advance(20 * 60)
    assert kinds(engine, ev.ManagerJoined) == [(180, ev.ManagerJoined("mo"))]

    early = Engine(only_manager(room, joins_at=0), seed=1)
    early.advance(20 * 60)
    assert kinds(early, ev.ManagerJoined) == [(DETECTED, ev.ManagerJoined("mo"))]
    assert early.view.managers == ["mo"]
    assert any(m.sender == "Mo Reyes" and "Joined" in m.text for m in early.view.inbox)


def test_an_unredirected_manager_costs_dead_end_minutes_and_a_redirected_one_none(room):
    unredirected = Engine(only_manager(room), seed=7)
    bob_investigates(unredirected)
    late_report = report_time(unredirected)

    redirected = Engine(only_manager(room), seed=7)
    bob_investigates(redirected)
    redirected.advance(181)  # mo has joined; his theory is due at 6m
    assert redirected.submit("/redirect mo")
    early_report = report_time(redirected)

    assert kinds(unredirected, ev.ManagerTheory) == [(360, ev.ManagerTheory("mo", "bob", "cache"))]
    assert kinds(unredirected, ev.DeadEndStarted) == [(360, ev.DeadEndStarted("bob", "cache", "mo"))]
    assert kinds(unredirected, ev.DeadEndEnded) == [(960, ev.DeadEndEnded("bob", 600))]
    assert late_report - early_report == 600  # the whole dead end, on the same seed

    assert kinds(redirected, ev.ManagerRedirected) == [(181, ev.ManagerRedirected("mo"))]
    assert not kinds(redirected, ev.ManagerTheory, ev.DeadEndStarted, ev.DeadEndEnded)
    redirected.advance(30 * 60)
    assert not kinds(redirected, ev.ManagerTheory)


def test_a_redirect_after_the_dm_recalls_the_engineer_at_once(room):
    reference = Engine(only_manager(room), seed=7)
    bob_investigates(reference)
    reference.advance(181)
    reference.submit("/redirect mo")
    clean = report_time(reference)

    engine = Engine(only_manager(room), seed=7)
    bob_investigates(engine)
    engine.advance(360 + 90)
    assert engine.submit("/redirect Mo")  # by first name
    assert kinds(engine, ev.DeadEndEnded) == [(450, ev.DeadEndEnded("bob", 90))]
    assert report_time(engine) - clean == 90
    engine.advance(20 * 60)
    assert len(kinds(engine, ev.DeadEndEnded)) == 1  # the timer does not end it a second time


def test_an_available_engineer_is_taken_away_for_the_dead_end_and_comes_back(room):
    engine = Engine(only_manager(room), seed=3)
    declare(engine)
    staff(engine, "bob")
    engine.advance(361)
    assert kinds(engine, ev.ManagerTheory) == [(360, ev.ManagerTheory("mo", "bob", "cache"))]
    assert engine.people.by_id["bob"].status == "away"
    assert "switching" in engine.view.inbox[-1].text
    engine.advance(400)
    assert engine.submit("/redirect mo")
    assert engine.people.by_id["bob"].status == "available"
    assert engine.submit("/assign bob investigate payments-db")


def test_the_theory_waits_until_someone_is_in_the_incident_then_retries_each_minute(room):
    engine = Engine(only_manager(room), seed=5)
    declare(engine)
    engine.advance(9 * 60)
    assert not kinds(engine, ev.ManagerTheory)  # nobody to DM yet
    staff(engine, "bob")
    acked = times(engine, ev.PageAcknowledged)[-1]
    engine.advance(acked + 61)
    (t, theory), = kinds(engine, ev.ManagerTheory)
    assert theory.person == "bob"
    assert (t - 360) % 60 == 0 and acked <= t < acked + 60


def test_the_theory_goes_to_the_named_engineer_else_to_the_managers_team_first(room):
    engine = Engine(only_manager(room), seed=2)
    declare(engine)
    staff(engine, "ann", "cy")  # ann is shop, cy is data (mo's team)
    assert engine.submit("/assign ann investigate checkout")
    engine.advance(361)
    assert [e.person for _, e in kinds(engine, ev.ManagerTheory)] == ["cy"]  # team before any working person

    named = Engine(only_manager(room, engineer="ann"), seed=2)
    declare(named)
    staff(named, "ann", "cy")
    named.advance(361)
    assert [e.person for _, e in kinds(named, ev.ManagerTheory)] == ["ann"]


def test_authority_lent_stops_theories_from_every_manager_and_the_lenders_questions(room):
    mo = room.scenario.stakeholders.managers[0]
    mia = Manager(person="mia", joins_at="2m")
    engine = Engine(variant(room, managers=[mo, mia], head_of_sales=None, executive=None), seed=4)
    bob_investigates(engine)
    engine.advance(200)
    assert engine.submit("/authority mia")
    engine.advance(30 * 60)
    assert kinds(engine, ev.AuthorityLent) == [(200, ev.AuthorityLent("mia"))]
    assert not kinds(engine, ev.ManagerTheory, ev.DeadEndStarted)
    asked = {e.manager for _, e in kinds(engine, ev.ManagerAskedStatus)}
    assert asked == {"mo"}  # no updates were posted: mo still asks, mia does not


def test_authority_after_the_dm_brings_the_engineer_back(room):
    engine = Engine(only_manager(room), seed=7)
    bob_investigates(engine)
    engine.advance(400)
    assert engine.submit("/authority mo")
    assert kinds(engine, ev.DeadEndEnded) == [(400, ev.DeadEndEnded("bob", 40))]


def test_a_late_ic_is_asked_for_status_and_an_on_cadence_ic_is_not(room):
    late = Engine(only_manager(room, theory=None), seed=1)
    declare(late)
    late.advance(30 * 60)
    asks = kinds(late, ev.ManagerAskedStatus)
    # first update due at 61 + 5m = 361; asked once late by more than 2m, then every 5 min at most
    assert asks[0] == (482, ev.ManagerAskedStatus("mo", 121))
    assert [t for t, _ in asks] == [482, 782, 1082, 1382, 1682]
    assert sum("Any update?" in m.text for m in late.view.inbox) == len(asks)

    on_cadence = Engine(only_manager(room, theory=None), seed=1)
    declare(on_cadence)
    keep_cadence(on_cadence, 30 * 60)
    assert len(kinds(on_cadence, ev.StatusUpdate)) >= 3
    assert not kinds(on_cadence, ev.ManagerAskedStatus)


def test_a_manager_waits_for_status_until_the_update_is_late_beyond_status_after(room):
    engine = Engine(only_manager(room, theory=None, status_after=600), seed=1)
    declare(engine)
    engine.advance(361 + 600)
    assert not kinds(engine, ev.ManagerAskedStatus)
    engine.advance(361 + 600 + 2)
    assert kinds(engine, ev.ManagerAskedStatus) == [(962, ev.ManagerAskedStatus("mo", 601))]


# --- the Head of Sales -------------------------------------------------------------------------


def only_sales(loaded):
    return variant(loaded, managers=[], executive=None)


def test_the_head_of_sales_pushes_harder_without_updates(room):
    silent = Engine(only_sales(room), seed=1)
    declare(silent)
    silent.advance(40 * 60)
    pushes = kinds(silent, ev.SalesPushed)
    # every 6m, halved to 3m once the first update is late (after 361)
    assert [t for t, _ in pushes][:4] == [240, 420, 600, 780]
    assert [e.pressure for _, e in pushes][:3] == [1, 2, 3]
    assert all("Globex" in e.text for _, e in pushes)
    assert pushes[1][1].text == "Globex says checkout is unusable. This is a Sev0!"

    informed = Engine(only_sales(room), seed=1)
    declare(informed)
    keep_cadence(informed, 40 * 60)
    informed_pushes = times(informed, ev.SalesPushed)
    assert informed_pushes[:3] == [240, 600, 960]
    assert len(pushes) > len(informed_pushes)


def test_qualifying_with_evidence_resets_the_pressure_and_pauses_the_pushes(room):
    engine = Engine(only_sales(room), seed=1)
    declare(engine)
    engine.advance(421)
    assert engine.view.sales_pressure == 2
    assert engine.submit("/qualify")
    (_, qualified), = kinds(engine, ev.SalesQualified)
    assert qualified.person == "sal"
    assert "30%" in qualified.evidence and "checkout degraded" in qualified.evidence
    assert "Sev1" in qualified.evidence and "Sev0 is 50%+" in qualified.evidence
    assert "pool-exhausted" not in qualified.evidence and "payments-db" not in qualified.evidence
    assert engine.view.sales_pressure == 0
    engine.advance(30 * 60)
    after = kinds(engine, ev.SalesPushed)[2:]
    assert after[0][0] == 421 + 3 * 360  # quiet for three periods
    assert after[0][1].pressure == 1  # and the pressure starts over

    unanswered = Engine(only_sales(room), seed=1)
    declare(unanswered)
    unanswered.advance(30 * 60)
    assert len(kinds(unanswered, ev.SalesPushed)) > len(kinds(engine, ev.SalesPushed))


def test_setting_the_top_severity_satisfies_the_head_of_sales(room):
    engine = Engine(only_sales(room), seed=1)
    declare(engine)
    engine.advance(241)
    assert engine.submit("/sev sev0")
    engine.advance(40 * 60)
    assert times(engine, ev.SalesPushed) == [240]

    declared_top = Engine(only_sales(room), seed=1)
    declare(declared_top, "sev0")
    declared_top.advance(40 * 60)
    assert not kinds(declared_top, ev.SalesPushed)


def test_the_head_of_sales_waits_for_detection_and_stops_once_mitigated(room):
    late_fault = room.scenario.faults[0].model_copy(update={"at": 600})
    scenario = only_sales(room).scenario.model_copy(update={"faults": [late_fault]})
    engine = Engine(dataclasses.replace(room, scenario=scenario), seed=1)
    engine.advance(601)
    assert times(engine, ev.SalesPushed) == [600]

    fixed = Engine(only_sales(room), seed=1)
    declare(fixed)
    staff(fixed, "bob")
    assert fixed.submit("/assign bob restart payments-db")
    until(fixed, lambda: fixed.view.observed_impact == 0)
    assert fixed.submit("/mitigated")
    mitigated_at = fixed.now
    fixed.advance(40 * 60)
    assert all(t <= mitigated_at for t in times(fixed, ev.SalesPushed))


# --- the executive -----------------------------------------------------------------------------


def only_executive(loaded):
    return variant(loaded, managers=[], head_of_sales=None)


def fix_time(loaded, answer, seed=11):
    """Bob investigates, then restarts what he found; the executive swoops meanwhile."""
    engine = Engine(loaded, seed)
    declare(engine)
    staff(engine, "bob", "cy")
    assert engine.submit("/assign bob investigate payments-db")
    engine.advance(481)
    assert engine.view.executive_request == ("eve", "customer-list")
    assert engine.submit(answer)
    report_time(engine)
    assert engine.submit("/assign bob restart payments-db")
    until(engine, lambda: engine.world.impact == 0)
    return engine, times(engine, ev.FaultFixed)[0]


def test_granting_the_swoop_delays_the_fix_and_declining_costs_nothing(room):
    granted, granted_fix = fix_time(only_executive(room), "/grant")
    declined, declined_fix = fix_time(only_executive(room), "/decline")
    assert kinds(granted, ev.ExecutiveAnswered) == [(481, ev.ExecutiveAnswered("eve", "granted"))]
    # working first, then available, by id: bob (investigating) then cy
    assert kinds(granted, ev.PulledOff) == [(481, ev.PulledOff("bob", "eve", 900)), (481, ev.PulledOff("cy", "eve", 900))]
    assert kinds(declined, ev.ExecutiveAnswered) == [(481, ev.ExecutiveAnswered("eve", "declined"))]
    assert not kinds(declined, ev.PulledOff)
    assert granted_fix - declined_fix >= 900 - 5  # the fix waits out the swoop (less one polling step)
    assert granted.view.executive_request is None and declined.view.executive_request is None


def test_a_grant_made_before_anyone_is_in_pulls_whoever_joins_while_the_request_is_worked(room):
    engine = Engine(only_executive(room), seed=11)
    declare(engine)
    engine.advance(481)
    assert engine.submit("/grant")
    assert not kinds(engine, ev.PulledOff)
    staff(engine, "bob")
    engine.advance(481 + 900 + 300)
    (t, pulled), = kinds(engine, ev.PulledOff)  # one joined, one pulled; nobody after the window
    assert pulled == ev.PulledOff("bob", "eve", 900) and 481 < t < 481 + 900 and (t - 481) % 60 == 0

    late = Engine(only_executive(room), seed=11)
    declare(late)
    late.advance(481)
    late.submit("/grant")
    late.advance(481 + 900)
    staff(late, "bob")
    late.advance(40 * 60)
    assert not kinds(late, ev.PulledOff)  # the list is done: people joining afterwards stay on the fix


def test_an_unanswered_executive_grabs_a_working_engineer_and_the_request_stays_open(room):
    engine = Engine(only_executive(room), seed=11)
    declare(engine)
    staff(engine, "bob", "cy")
    engine.advance(481)
    assert engine.submit("/assign bob investigate payments-db")  # busy until well after 13m
    engine.advance(480 + 300 + 1)
    assert kinds(engine, ev.PulledOff) == [(780, ev.PulledOff("bob", "eve", 900))]
    assert engine.view.executive_request == ("eve", "customer-list")
    engine.advance(30 * 60)
    assert len(kinds(engine, ev.PulledOff)) == 1  # one grab, not one per minute
    assert engine.submit("/decline")


def test_the_executive_grabs_only_a_working_engineer_and_waits_for_one(room):
    engine = Engine(only_executive(room), seed=11)
    declare(engine)
    staff(engine, "cy")  # available, not working
    engine.advance(900)
    assert not kinds(engine, ev.PulledOff)
    assert engine.submit("/assign cy investigate payments-db")
    engine.advance(1000)
    (t, pulled), = kinds(engine, ev.PulledOff)
    assert pulled.person == "cy" and 900 <= t < 960 and (t - 780) % 60 == 0


# --- refusals ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "script, reason",
    [
        (["/redirect mo"], "there is no incident yet"),
        (["@", "/redirect mo"], "Mo Reyes is not a manager in the incident channel"),
        (["@", ">181", "/redirect mia"], "Mia Cho is not a manager in the incident channel"),
        (["@", ">181", "/redirect sal"], "Sal Gupta is not a manager in the incident channel"),
        (["@", ">181", "/redirect moo"], "did you mean mo?"),
        (["@", ">181", "/redirect mo", "/redirect mo"], "you already asked Mo Reyes to bring requests through you"),
        (["@", ">181", "/authority mo", "/redirect mo"], "Mo Reyes has already lent you their authority; requests"),
        (["@", ">181", "/authority mo", "/authority mo"], "Mo Reyes has already lent you their authority"),
        (["@", "/authority mo"], "not a manager in the incident channel"),
        (["/qualify"], "there is no incident yet"),
        (["@", "/qualify"], "nobody is pushing for a higher severity right now"),
        (["@", ">241", "/qualify", "/qualify"], "nobody is pushing for a higher severity right now"),
        (["@", "/grant"], "no executive request is waiting for an answer"),
        (["@", "/decline"], "no executive request is waiting for an answer"),
        (["@", ">481", "/grant", "/decline"], "no executive request is waiting for an answer"),
        (["@", ">481", "/decline", "/grant"], "no executive request is waiting for an answer"),
    ],
)
def test_room_commands_that_cannot_be_done_are_refused_with_a_reason(room, script, reason):
    """'@' declares after detection; '>t' advances to sim time t."""
    engine = Engine(room, seed=2)
    for step in script:
        if step == "@":
            declare(engine)
        elif step.startswith(">"):
            engine.advance(int(step[1:]))
        else:
            engine.submit(step)
    last = engine.log.entries[-1].event
    assert isinstance(last, ev.CommandRejected), last
    assert reason in last.reason
    assert "cache" not in last.reason and "pool-exhausted" not in last.reason


def test_the_whole_room_is_deterministic(room):
    def run():
        engine = Engine(room, seed=9)
        bob_investigates(engine)
        engine.advance(20 * 60)
        engine.submit("/grant")
        engine.advance(40 * 60)
        return engine.log.lines()

    first, second = run(), run()
    assert first == second
    assert {'"kind":"manager_theory"', '"kind":"sales_pushed"', '"kind":"pulled_off"'} <= {
        line.split(",")[2] for line in first[1:]
    }
