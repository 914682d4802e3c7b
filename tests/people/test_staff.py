"""Staffing the incident: reachability, pager fatigue, escalation, ownership, broadcast asks,
questions to the IC and hands-on work.

Each test shows a mechanic moving the outcome the way the source article says. Timings are
checked against tests/people/fixtures/staff.yaml: the fault starts (and is detected) at 1m in
api, owned by core but listed under app in the catalog; db has no catalog entry. ann (app) is
awake with a 1m mean acknowledgement, ben (core primary) is asleep, cal and cat (data primary and
secondary) are on a plane and without connectivity, meg manages data. Behaviour defaults:
task_ack 40s, broadcast_pickup 0.3, broadcast_delay 6m, question_wait 3m, owner_lookup 3m,
hands_on_factor 1.5, asleep_factor 3, fatigue_slowdown 0.3, fatigue_miss 0.1; escalation timeout
5m, policy_after 15m.
"""

from __future__ import annotations

import dataclasses
import statistics
from pathlib import Path

import pytest

from sim.log import events as ev
from sim.engine import Engine
from sim.scenario import load_scenario

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "staff.yaml"
DETECTED = 60
SEEDS = range(10)
END = 3600


@pytest.fixture(scope="module")
def staff():
    return load_scenario(FIXTURE)


def with_behaviour(loaded, **changes):
    scenario = loaded.scenario
    behaviour = scenario.behaviour.model_copy(update=changes)
    return dataclasses.replace(loaded, scenario=scenario.model_copy(update={"behaviour": behaviour}))


def with_person(loaded, pid, **changes):
    scenario = loaded.scenario
    people = dict(scenario.people)
    people[pid] = people[pid].model_copy(update=changes)
    return dataclasses.replace(loaded, scenario=scenario.model_copy(update={"people": people}))


def with_noise(loaded, alert, noise):
    scenario = loaded.scenario
    alerts = [a.model_copy(update={"noise": noise}) if a.id == alert else a for a in scenario.alerts]
    return dataclasses.replace(loaded, scenario=scenario.model_copy(update={"alerts": alerts}))


def kinds(engine, *types):
    return [(e.t, e.event) for e in engine.log.entries if isinstance(e.event, types)]


def when(engine, predicate):
    """Time of the first event that satisfies `predicate`, or None."""
    return next((e.t for e in engine.log.entries if predicate(e.event)), None)


def acked_at(engine, person):
    return when(engine, lambda e: isinstance(e, ev.PageAcknowledged) and e.person == person)


def until(engine, condition, limit=END, step=5):
    while not condition():
        assert engine.now < limit, "condition never met"
        engine.advance(engine.now + step)


def started(loaded, seed, *commands):
    """Detected, with `commands` submitted at 61 s."""
    engine = Engine(loaded, seed)
    engine.advance(DETECTED + 1)
    for text in commands:
        assert engine.submit(text), engine.view.rejections
    return engine


def with_ann(loaded, seed):
    """ann paged at 61 s and acknowledged."""
    engine = started(loaded, seed, "/page app")
    until(engine, lambda: engine.view.people["ann"].status == "available")
    return engine


# --- delegation: named versus broadcast -------------------------------------------------------------


def test_a_named_assignment_is_acknowledged_sooner_than_a_broadcast_ask(staff):
    named, picked, unanswered = [], [], 0
    for seed in SEEDS:
        engine = with_ann(staff, seed)
        asked = engine.now
        engine.submit("/assign ann investigate web")
        until(engine, lambda: kinds(engine, ev.TaskAcknowledged))
        (t, _), = kinds(engine, ev.TaskAcknowledged)
        named.append(t - asked)

        engine = with_ann(staff, seed)
        asked = engine.now
        engine.submit("/ask investigate web")
        engine.advance(END)
        assigned = kinds(engine, ev.TaskAssigned)
        if assigned:
            (t, task), = assigned
            assert task.via == "broadcast" and task.person == "ann" and task.timebox is None
            assert kinds(engine, ev.TaskAcknowledged) == [(t, ev.TaskAcknowledged(task.task, "ann"))]
            picked.append(t - asked)
            assert not kinds(engine, ev.BroadcastUnanswered)
        else:
            assert kinds(engine, ev.BroadcastUnanswered) == [(asked + 2 * 360, ev.BroadcastUnanswered("investigate", "web"))]
            unanswered += 1
    assert all(20 <= d <= 60 for d in named), named  # task_ack 40s: uniform 20..60 s
    assert picked and unanswered >= 3, (picked, unanswered)  # the bystander effect: most asks die
    assert statistics.mean(named) * 3 < statistics.mean(picked), (named, picked)


def test_the_task_acknowledgement_follows_the_behaviour_setting(staff):
    slow = with_behaviour(staff, task_ack=600)
    engine = with_ann(slow, 0)
    asked = engine.now
    engine.submit("/assign ann investigate web")
    until(engine, lambda: kinds(engine, ev.TaskAcknowledged))
    (t, _), = kinds(engine, ev.TaskAcknowledged)
    assert 300 <= t - asked <= 900


def test_a_broadcast_is_picked_up_by_the_owning_team_first(staff):
    always = with_behaviour(staff, broadcast_pickup=1.0)
    engine = started(always, 0, "/page app", "/page core")
    until(engine, lambda: {engine.view.people[p].status for p in ("ann", "ben")} == {"available"})
    engine.submit("/ask investigate api")  # api belongs to core: ben, though ann sorts first
    until(engine, lambda: kinds(engine, ev.TaskAssigned))
    (_, task), = kinds(engine, ev.TaskAssigned)
    assert (task.person, task.via) == ("ben", "broadcast")


def test_a_broadcast_for_a_fix_skips_people_without_access(staff):
    always = with_behaviour(staff, broadcast_pickup=1.0)
    engine = with_ann(always, 0)
    engine.submit("/ask restart api")  # only core may restart api; ann is app
    engine.advance(END)
    assert not kinds(engine, ev.TaskAssigned)
    assert len(kinds(engine, ev.BroadcastUnanswered)) == 1


# --- reachability and pager fatigue -------------------------------------------------------------------


def test_asleep_people_acknowledge_slower(staff):
    awake = with_person(staff, "ben", reachability="awake")
    ratios = []
    for seed in SEEDS:
        delays = []
        for loaded in (staff, awake):
            engine = started(loaded, seed, "/page core")
            until(engine, lambda: acked_at(engine, "ben") is not None)
            delays.append(acked_at(engine, "ben") - (DETECTED + 1))
        asleep_delay, awake_delay = delays
        assert asleep_delay > awake_delay, (seed, delays)
        ratios.append(asleep_delay / awake_delay)
    assert statistics.mean(ratios) > 2.5, ratios  # asleep_factor 3 (the 15 s floor trims a little)


def test_unreachable_people_never_acknowledge_and_the_miss_is_hidden(staff):
    engine = started(staff, 0, "/page data")
    engine.advance(END)
    assert kinds(engine, ev.PageMissed)[:2] == [
        (61, ev.PageMissed("cal", "on-a-plane")),
        (61 + 900, ev.PageMissed("cat", "no-connectivity")),
    ]
    assert acked_at(engine, "cal") is None and acked_at(engine, "cat") is None
    assert not ev.PageMissed.public
    assert engine.view.people["cal"].status == "paged"  # the IC sees only silence


def test_noisy_alerts_slow_acknowledgements_and_cause_missed_pages(staff):
    noisy = with_noise(staff, "search-latency", 0.2)
    page_at = 20 * 60
    quiet_delays, noisy_delays, missed, slowed = [], [], 0, 0
    for seed in SEEDS:
        delays = []
        for loaded in (staff, noisy):
            engine = Engine(loaded, seed)
            engine.advance(page_at)
            engine.submit("/page app")
            engine.advance(page_at + 1200)
            t = acked_at(engine, "ann")
            delays.append(None if t is None else t - page_at)
        quiet, loud = delays
        noise = [t for t, a in kinds(engine, ev.AlertFired) if a.alert == "search-latency" and t <= page_at]
        assert quiet is not None
        quiet_delays.append(quiet)
        if loud is None:
            assert kinds(engine, ev.PageMissed)[0] == (page_at, ev.PageMissed("ann", "fatigue"))
            missed += 1
            continue
        noisy_delays.append(loud)
        assert loud >= quiet  # the same draw, scaled by 1 + 0.3 per noisy alert
        slowed += loud > quiet and len(noise) > 0
    assert missed >= 1 and slowed >= 3, (missed, slowed)
    assert statistics.mean(noisy_delays) > 1.5 * statistics.mean(quiet_delays), (quiet_delays, noisy_delays)


# --- escalation ------------------------------------------------------------------------------------------


def test_an_unacknowledged_page_escalates_by_policy_after_the_policy_timeout(staff):
    engine = started(staff, 1, "/page data")
    engine.advance(END)
    assert kinds(engine, ev.Escalated) == [
        (61 + 900, ev.Escalated("data", "cat", "policy")),
        (61 + 1800, ev.Escalated("data", "meg", "policy")),
    ]
    assert (61 + 1800, ev.Paged("meg", "policy")) in kinds(engine, ev.Paged)
    assert acked_at(engine, "meg") > 61 + 1800  # the (reachable) manager answers for sure, at her own pace
    assert engine.view.people["meg"].status == "available"


def test_an_ic_who_escalates_at_the_timeout_gets_someone_sooner(staff):
    by_policy = started(staff, 1, "/page data")
    by_policy.advance(END)
    by_ic = started(staff, 1, "/page data")
    by_ic.advance(61 + 300)
    assert by_ic.submit("/escalate data")
    by_ic.advance(61 + 600)
    assert by_ic.submit("/escalate data")
    by_ic.advance(END)
    assert kinds(by_ic, ev.Escalated) == [(361, ev.Escalated("data", "cat", "ic")), (661, ev.Escalated("data", "meg", "ic"))]
    # Same seed, same draw for meg: escalating on time saves exactly the policy's extra wait.
    assert acked_at(by_policy, "meg") - acked_at(by_ic, "meg") == (61 + 1800) - 661


def test_an_ic_escalation_restarts_the_policy_clock(staff):
    engine = started(staff, 1, "/page data")
    engine.advance(361)
    assert engine.submit("/escalate data")
    engine.advance(END)
    assert kinds(engine, ev.Escalated) == [(361, ev.Escalated("data", "cat", "ic")), (361 + 900, ev.Escalated("data", "meg", "policy"))]


def test_reachability_holds_on_the_escalation_path_too(staff):
    # Issue 10: the manager at the end of the path answers for sure, unless she cannot be reached.
    awake = started(staff, 0, "/page data", "/escalate data", "/escalate data")
    awake.advance(END)
    assert acked_at(awake, "meg") is not None
    away = with_person(staff, "meg", reachability="on-a-plane")
    for commands in (("/page data", "/escalate data", "/escalate data"), ("/page meg",)):
        engine = started(away, 0, *commands)
        engine.advance(END)
        assert acked_at(engine, "meg") is None, commands
        assert ("meg", "on-a-plane") in [(m.person, m.reason) for _, m in kinds(engine, ev.PageMissed)]
    # Asleep, she answers an escalation as slowly as a direct page: the same draw, times asleep_factor.
    asleep = with_person(staff, "meg", reachability="asleep")
    slow = started(asleep, 0, "/page data", "/escalate data", "/escalate data")
    slow.advance(END)
    paged = 61
    factor = staff.scenario.behaviour.asleep_factor
    assert acked_at(slow, "meg") - paged == pytest.approx(factor * (acked_at(awake, "meg") - paged), abs=factor + 15)


def test_escalating_a_person_means_their_team(staff):
    engine = started(staff, 0, "/page cal", "/escalate cal")
    assert kinds(engine, ev.Escalated) == [(61, ev.Escalated("data", "cat", "ic"))]
    assert engine.view.people["cat"].status == "paged"


def test_an_acknowledged_page_is_not_escalated_by_policy(staff):
    engine = started(staff, 0, "/page app")
    engine.advance(END)
    assert not kinds(engine, ev.Escalated)


# --- ownership ---------------------------------------------------------------------------------------------


def test_a_stale_catalog_points_to_the_wrong_team_and_owner_finds_the_right_one(staff):
    engine = with_ann(staff, 0)
    assert engine.view.owners == {"api": "app", "db": None, "search": "app", "web": "app"}
    # Following the catalog paged app, who cannot touch api.
    assert not engine.submit("/assign ann restart api")
    assert "no access to change api" in engine.view.rejections[-1][2]
    looked = engine.now
    assert engine.submit("/owner api")
    engine.advance(looked + 179)
    assert engine.view.owners["api"] == "app"
    engine.advance(looked + 181)
    assert kinds(engine, ev.OwnerLookupStarted, ev.OwnerFound) == [
        (looked, ev.OwnerLookupStarted("api")),
        (looked + 180, ev.OwnerFound("api", "core")),
    ]
    assert engine.view.owners["api"] == "core"
    assert engine.view.inbox[-1].text == "api is owned by core."


def test_owner_fills_a_missing_catalog_entry(staff):
    engine = started(staff, 0, "/owner db")
    engine.advance(61 + 181)
    assert engine.view.owners["db"] == "data"


# --- questions and hands-on work -------------------------------------------------------------------------


def test_a_heads_down_ic_leaves_questions_queued(staff):
    curious = with_behaviour(staff, question_chance=1.0)
    engine = with_ann(curious, 2)
    engine.submit("/assign ann investigate web 10m")
    start = engine.now
    assert engine.submit("/handson investigate api")
    assert engine.incident.heads_down_until == start + 180  # api's 2m investigation x hands_on_factor 1.5
    assert kinds(engine, ev.HeadsDown) == [(start, ev.HeadsDown("investigate", "api", start + 180))]
    inbox = len(engine.view.inbox)
    until(engine, lambda: kinds(engine, ev.QuestionAsked), limit=start + 179)
    (_, question), = kinds(engine, ev.QuestionAsked)
    assert question.person == "ann" and "web" in question.text
    assert len(engine.view.inbox) == inbox  # nothing reaches the IC while heads-down
    assert [m.event for m in engine.view.held][-1] == question
    assert not engine.submit("/dm ann yes, go ahead")
    assert "heads-down" in engine.view.rejections[-1][2]
    engine.advance(start + 181)
    (t, report), = [(t, r) for t, r in kinds(engine, ev.TaskReported) if r.person == "ic"]
    assert t == start + 180 and report.suggests == "restart api"
    (t, heads_up), = kinds(engine, ev.HeadsUp)
    assert t == start + 180 and engine.incident.heads_down_until is None
    held = [m.event for m in engine.view.inbox[inbox:]]
    assert heads_up.held == len(held) - 1 >= 2  # "on it", the question (and not your own report)
    assert held[-1] == report and question in held and not engine.view.held
    assert engine.submit("/dm ann yes, go ahead")  # still open: the answer lands now
    assert kinds(engine, ev.QuestionAnswered) == [(engine.now, ev.QuestionAnswered(question.question, "ann", "yes, go ahead"))]


def test_unanswered_questions_cost_time(staff):
    curious = with_behaviour(staff, question_chance=1.0)
    reported, answered_after = [], None
    for answer in (True, False):
        engine = with_ann(curious, 3)
        engine.submit("/assign ann investigate web 10m")
        until(engine, lambda: kinds(engine, ev.QuestionAsked))
        if answer:
            answered_after = engine.now - kinds(engine, ev.QuestionAsked)[0][0]
            assert engine.submit("/dm ann only web itself, thanks")
        until(engine, lambda: kinds(engine, ev.TaskReported))
        reported.append(kinds(engine, ev.TaskReported)[0][0])
        closed = kinds(engine, ev.QuestionAnswered, ev.QuestionLapsed)
        asked_at = kinds(engine, ev.QuestionAsked)[0][0]
        if answer:
            assert [type(e) for _, e in closed] == [ev.QuestionAnswered]
        else:
            assert closed == [(asked_at + 180, ev.QuestionLapsed(1, "ann"))]
        assert not engine.view.questions
    # Same seed: the lapsed question cost the whole question_wait, the answered one only the
    # seconds it took the IC to answer.
    assert reported[1] - reported[0] == 180 - answered_after


def test_time_pulled_away_does_not_count_as_waiting_for_an_answer(staff):
    curious = with_behaviour(staff, question_chance=1.0)
    engine = with_ann(curious, 3)
    engine.submit("/assign ann investigate web 10m")
    until(engine, lambda: kinds(engine, ev.QuestionAsked), step=1)
    (asked_at, _), = kinds(engine, ev.QuestionAsked)
    engine.people.detour(engine.people.by_id["ann"], 300)  # as a manager's dead end would
    engine.advance(END)
    (lapsed_at, _), = kinds(engine, ev.QuestionLapsed)
    assert lapsed_at == asked_at + 180 + 300  # 3m of waiting at the desk, plus the 5m away


def test_a_dm_without_an_open_question_is_a_plain_message(staff):
    engine = with_ann(staff, 0)
    before = len(engine.log.entries)
    assert engine.submit("/dm ann thanks for joining")
    assert [type(e.event) for e in engine.log.entries[before:]] == [ev.CommandIssued]


def test_hands_on_fixes_apply_whatever_the_ics_team(staff):
    engine = started(staff, 0, "/handson restart api")
    engine.advance(61 + 181)
    assert kinds(engine, ev.FaultFixed) == [(61 + 180, ev.FaultFixed("leak", "api", "ic"))]
    assert engine.view.health["api"] == "ok"
    assert engine.view.inbox[-1].sender == "You"


def test_back_stops_hands_on_work_with_no_result(staff):
    engine = started(staff, 0, "/handson restart api")
    engine.advance(121)
    assert engine.submit("/back")
    assert kinds(engine, ev.HeadsUp) == [(121, ev.HeadsUp(0))]
    assert engine.incident.heads_down_until is None and engine.view.heads_down_until is None
    engine.advance(END)
    assert not kinds(engine, ev.FaultFixed) and not kinds(engine, ev.TaskReported)


# --- refusals -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "script, reason",
    [
        (["/owner apii"], "no service called 'apii'; did you mean api?"),
        (["/owner api", "/owner api"], "already looking up who owns api; the answer comes at T+03:00"),
        (["/owner api", "+200", "/owner api"], "you already found the owner: api is owned by core"),
        (["@", "/escalate data"], "nobody on data has been paged yet; page them first (/page data)"),
        (["@", "/escalate dta"], "no person or team 'dta'; did you mean data?"),
        (["@", "/escalate zzz"], "nobody called 'zzz' in the directory"),
        (["@", "/page app", "+200", "/escalate app"], "Ann Lee (app) already acknowledged; no need to escalate"),
        (["@", "/page data", "/escalate data", "/escalate data", "/escalate data"],
         "the escalation path of data is exhausted (Cal Hart, Cat Wong, Meg Shaw paged)"),
        (["/ask investigate web"], "there is no incident yet: nothing has been detected"),
        (["@", "/ask investigate web"], "nobody is in the incident yet to hear it; page someone first"),
        (["@", "/page app", "+200", "/ask investigate wbe"], "no service called 'wbe'; did you mean web?"),
        (["@", "/page app", "+200", "/ask investigate web", "/ask investigate web"],
         "you already asked for 'investigate web'; nobody has picked it up yet"),
        (["/handson investigate api"], "there is no incident yet: nothing has been detected"),
        (["@", "/handson investigate apu"], "no service called 'apu'; did you mean api?"),
        (["@", "/back"], "you are not heads-down; /handson ACTION SERVICE does a task yourself"),
        (["@", "/handson investigate api", "/page app"], "you are heads-down until T+04:01; /back to stop"),
        (["@", "/dm zed hello"], "nobody called 'zed' in the directory"),
    ],
)
def test_staffing_commands_refuse_with_reasons(staff, script, reason):
    """'@' waits for detection, '+N' advances N seconds."""
    engine = Engine(staff, seed=0)
    for step in script:
        if step == "@":
            engine.advance(DETECTED + 1)
        elif step.startswith("+"):
            engine.advance(engine.now + int(step[1:]))
        else:
            engine.submit(step)
    last = engine.log.entries[-1].event
    assert isinstance(last, ev.CommandRejected), last
    assert reason in last.reason, last.reason
