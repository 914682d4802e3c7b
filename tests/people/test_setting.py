"""The setting: the hour, the day and the traffic that people's sleep and words, and the Head of
Sales' pace, follow. Without a setting, everything is as it was (the golden logs hold that).

Timings are those of tests/people/fixtures/stakeholders.yaml: detection at 1m, bob's
ack_latency 1m, asleep_factor 3, the Head of Sales pushing from 4m every 6m.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from sim.engine import Engine
from sim.engine.people.questions import _QUESTIONS
from sim.log import events as ev
from sim.reading.briefing import briefing
from sim.scenario import load_scenario
from sim.scenario.model import Setting

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "stakeholders.yaml"
DETECTED = 60
NIGHT = Setting(time="03:14", day="sunday")


@pytest.fixture(scope="module")
def room():
    return load_scenario(FIXTURE)


def variant(loaded, setting=None, behaviour=None, people=None, keep_sales=False):
    scenario = loaded.scenario
    update = {"setting": setting}
    held = {"managers": [], "executive": None}
    if not keep_sales:
        held["head_of_sales"] = None
    update["stakeholders"] = scenario.stakeholders.model_copy(update=held)
    if behaviour:
        update["behaviour"] = scenario.behaviour.model_copy(update=behaviour)
    if people:
        changed = dict(scenario.people)
        for pid, fields in people.items():
            changed[pid] = changed[pid].model_copy(update=fields)
        update["people"] = changed
    return dataclasses.replace(loaded, scenario=scenario.model_copy(update=update))


def kinds(engine, *types):
    return [(e.t, e.event) for e in engine.log.entries if isinstance(e.event, types)]


def asleep(engine):
    return [e.person for _, e in kinds(engine, ev.PersonAsleep)]


def ack_delay(loaded, seed, person="bob"):
    engine = Engine(loaded, seed)
    engine.advance(DETECTED + 1)
    assert engine.submit(f"/page {person}")
    paged = engine.now
    while not any(e.person == person for _, e in kinds(engine, ev.PageAcknowledged)):
        engine.advance(engine.now + 10)
    return next(t for t, e in kinds(engine, ev.PageAcknowledged) if e.person == person) - paged, engine


# --- sleep --------------------------------------------------------------------------------------


def test_at_night_some_people_sleep_and_answer_asleep_factor_times_slower(room):
    slept = []
    for seed in range(20):
        by_day, _ = ack_delay(variant(room), seed)
        at_night, engine = ack_delay(variant(room, NIGHT), seed)
        if "bob" in asleep(engine):
            slept.append(seed)
            # The same draw of the same stream, three times slower (to the second).
            assert abs(at_night - by_day * 3) <= 3
        else:
            assert at_night == by_day
    assert 0 < len(slept) < 20  # a chance, not a rule: on-call or not


def test_nobody_sleeps_by_day_or_without_a_setting(room):
    for setting in (None, Setting(time="12:00"), Setting(traffic="low")):
        assert asleep(Engine(variant(room, setting), seed=1)) == []


def test_whoever_the_scenario_says_is_awake_stays_awake_at_night(room):
    everyone = variant(room, NIGHT.model_copy(update={"asleep_chance": 1.0}), people={"bob": {"reachability": "awake"}})
    engine = Engine(everyone, seed=0)
    sleepers = asleep(engine)
    assert "bob" not in sleepers
    assert {"ann", "cy", "mia", "mo"} <= set(sleepers)  # left out: the night decides
    assert not engine.view.inbox  # hidden truth: the IC hears of it only as slowness


def test_the_head_of_sales_is_woken_by_the_account(room):
    engine = Engine(variant(room, NIGHT.model_copy(update={"asleep_chance": 1.0}), keep_sales=True), seed=0)
    assert "sal" not in asleep(engine)


# --- words --------------------------------------------------------------------------------------


def fix_question(loaded, seed):
    engine = Engine(loaded, seed)
    engine.advance(DETECTED + 1)
    engine.submit("/ack")
    engine.submit("/declare sev1")
    engine.submit("/page bob")
    while engine.view.people["bob"].status != "available":
        engine.advance(engine.now + 10)
    assert engine.submit("/assign bob restart payments-db 10m")
    while not kinds(engine, ev.QuestionAsked):
        engine.advance(engine.now + 10)
    return kinds(engine, ev.QuestionAsked)[0][1].text


def test_the_fix_question_follows_the_traffic(room):
    always = {"question_chance": 1.0}
    stock = [t.format(action="restart", service="payments-db") for t in _QUESTIONS["fix"]]
    asked_at_peak = 0
    for seed in range(8):
        today = fix_question(variant(room, behaviour=always), seed)
        night = fix_question(variant(room, NIGHT, behaviour=always), seed)
        peak = fix_question(variant(room, Setting(traffic="peak"), behaviour=always), seed)
        assert today in stock
        assert peak == today  # the stock words assume a busy day
        assert "peak" not in night
        if today == stock[0]:  # "OK to do it now, at peak traffic?"; the same draw picks its night twin
            asked_at_peak += 1
            assert night.startswith("Before I restart payments-db: traffic is low at 03:")
    assert asked_at_peak


def test_the_briefing_opens_with_the_setting(room):
    engine = Engine(variant(room, Setting(time="03:14", day="sunday", traffic="low")), seed=0)
    assert briefing(engine.view.catalog).startswith("Sunday, 03:14 (night), low traffic\n\n")
    assert briefing(Engine(variant(room), seed=0).view.catalog) == room.scenario.scenario.briefing


# --- the Head of Sales' pace --------------------------------------------------------------------


def pushes(loaded, until=40 * 60):
    engine = Engine(loaded, seed=0)
    engine.advance(DETECTED + 1)
    engine.submit("/ack")
    engine.submit("/declare sev1")
    engine.advance(until)
    return [e for _, e in kinds(engine, ev.SalesPushed)]


def test_at_peak_sales_pushes_more_often_than_on_a_quiet_night(room):
    peak = pushes(variant(room, Setting(traffic="peak"), keep_sales=True))
    normal = pushes(variant(room, keep_sales=True))
    night = pushes(variant(room, NIGHT, keep_sales=True))
    assert len(peak) > len(normal) > len(night) > 0
    assert "peak traffic" in peak[0].text
    assert "middle of the night" in night[0].text
    assert normal[0].text == "Globex just called: checkout is failing for them. Shouldn't this be a Sev0?"
