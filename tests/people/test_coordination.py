"""Coordination: roles, the Comms Lead's cadence, the Scribe's timeline, the Tech Lead's relay
(the telephone game) and source evidence, and a disagreement between two experts.

Each test shows a mechanic moving the outcome the way the source article says. Timings follow
tests/people/fixtures/coordination.yaml: the bad deploy of payments-api starts (and is detected)
at 1m; everyone acknowledges a page within about 15 s to 1 min; an investigation of payments-api
takes 3m and a rollback 3m (payments team); Dana (failover payments-db) and Luis (rollback
payments-api) start to disagree at 4m once both are in; a poll takes 1m. Sev0 cadence: the first
update 5m after declaring, then every 10m.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from sim.log import events as ev
from sim.engine import Engine
from sim.scenario import load_scenario

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "coordination.yaml"
DECLARED = 65
FIRST_UPDATE = 300
CADENCE = 600  # Sev0 while investigating or identified
REPORT = [
    "payments-api: 5xx rate at 38% since 10:02.",
    "The errors began with deploy 412.",
    "Best next step: rollback payments-api.",
]
CONFLICT = "rollback-or-failover"


@pytest.fixture(scope="module")
def coordination():
    return load_scenario(FIXTURE)


def variant(loaded, **behaviour):
    scenario = loaded.scenario
    changed = scenario.model_copy(update={"behaviour": scenario.behaviour.model_copy(update=behaviour)})
    return dataclasses.replace(loaded, scenario=changed)


def kinds(engine, *types):
    return [(e.t, e.event) for e in engine.log.entries if isinstance(e.event, types)]


def until(engine, condition, limit=3600, step=5):
    while not condition():
        assert engine.now < limit and not engine.ended, f"condition not met by {engine.now}"
        engine.advance(engine.now + step)


def declared(loaded, seed, page=()):
    """Detected at 1m; the IC acknowledges, declares Sev0 and pages these people, who answer."""
    engine = Engine(loaded, seed)
    engine.advance(DECLARED)
    assert engine.submit("/ack") and engine.submit("/declare sev0")
    for person in page:
        assert engine.submit(f"/page {person}")
    until(engine, lambda: all(engine.people.by_id[p].status == "available" for p in page))
    return engine


def ok(engine, *commands):
    for command in commands:
        assert engine.submit(command), engine.view.rejections[-1]


def rejected(engine, command):
    assert not engine.submit(command)
    return engine.view.rejections[-1][2]


# --- roles ----------------------------------------------------------------------------------------


def test_a_role_holder_does_the_role_not_tasks_until_released(coordination):
    engine = declared(coordination, seed=1, page=["ann"])
    ok(engine, "/role ann comms-lead")
    assert kinds(engine, ev.RoleAssigned) == [(engine.now, ev.RoleAssigned("ann", "comms-lead"))]
    assert engine.view.roles == {"comms-lead": "ann"} and engine.view.people["ann"].status == "role"
    assert engine.roles.held_by("comms-lead") == "ann" and engine.roles.held_by("scribe") == "ic"
    assert rejected(engine, "/assign ann investigate checkout") == "Ann Lee holds comms-lead; /unrole comms-lead first"
    assert rejected(engine, "/page ann") == "Ann Lee is already in the incident"
    ok(engine, "/unrole comms-lead")
    assert kinds(engine, ev.RoleReleased) == [(engine.now, ev.RoleReleased("ann", "comms-lead"))]
    assert engine.view.roles == {} and engine.view.people["ann"].status == "available"
    assert engine.roles.held_by("comms-lead") == "ic"
    ok(engine, "/assign ann investigate checkout")


@pytest.mark.parametrize(
    "script, reason",
    [
        (["/role ann scribe"], "there is no incident yet: nothing has been detected"),
        (["@", "/role zed scribe"], "nobody called 'zed' in the directory"),
        (["@", "/role dana scribe"], "Dana Reyes is not in the incident; page them first (/page dana)"),
        (["@", "/page dana", "/role dana scribe"], "Dana Reyes has not acknowledged the page yet"),
        (["@", "/page luis", "~luis", "/assign luis investigate fraud", "/role luis scribe"],
         "Luis Ortega is busy: investigate fraud; give the role to someone free"),
        (["@", "/page ann", "~ann", "/role ann comms-lead", "/role ann scribe"],
         "Ann Lee already holds comms-lead; one role each (/unrole comms-lead first)"),
        (["@", "/page ann", "~ann", "/role ann comms-lead", "/role ann comms-lead"], "Ann Lee already holds comms-lead"),
        (["@", "/page ann", "/page sam", "~ann", "~sam", "/role ann comms-lead", "/role sam comms-lead"],
         "comms-lead is held by Ann Lee; /unrole comms-lead first"),
        (["@", "/unrole scribe"], "nobody holds scribe; you hold it already"),
        (["@", "/unrole boss"], "'boss' is not a role (roles: deputy, tech-lead, comms-lead, scribe"),
        (["@", "/decide luis"], "there is no open disagreement to decide"),
        (["@", "/page dana", "/page luis", "/page ann", "~ann", "!", "/decide ann"],
         "Ann Lee has made no proposal to decide on; the proposals are Dana: failover payments-db and Luis: rollback payments-api"),
        (["@", "/page dana", "/page luis", "!", "/decide zed"], "nobody called 'zed' in the directory"),
        (["@", "/poll"], "there is no open disagreement to poll on"),
        (["@", "/page dana", "/page luis", "!", "/poll", "/poll"], "a poll is already running; it settles at T+"),
        (["@", "/page ann", "~ann", "/evidence ann"], "Ann Lee has reported nothing yet; there is no evidence to ask for"),
        (["@", "/evidence zed"], "nobody called 'zed' in the directory"),
        (["@", "/page luis", "~luis", "/assign luis investigate fraud", "+luis", "/evidence luis", "/evidence luis"],
         "you already asked Luis Ortega for the evidence behind that report; it is on its way"),
        (["/note something smells"], "there is no incident yet: nothing to note"),
    ],
)
def test_coordination_commands_that_cannot_be_done_say_why(coordination, script, reason):
    """'@' declares at 65 s, '~name' waits for an acknowledgement, '!' for the disagreement,
    '+name' for that person's report."""
    engine = Engine(coordination, seed=2)
    for step in script:
        if step == "@":
            engine.advance(DECLARED)
            ok(engine, "/ack", "/declare sev0")
        elif step.startswith("~"):
            until(engine, lambda: engine.people.by_id[step[1:]].status == "available")
        elif step == "!":
            until(engine, lambda: engine.conflicts.open)
        elif step.startswith("+"):
            until(engine, lambda: step[1:] in engine.roles.last_report)
        else:
            engine.submit(step)
    last = engine.log.entries[-1].event
    assert isinstance(last, ev.CommandRejected), last
    assert last.text == script[-1] and last.reason.startswith(reason), last.reason


# --- the Comms Lead -------------------------------------------------------------------------------


def late_gaps(engine, grace=120):
    """Stretches where the next status update was more than `grace` seconds overdue."""
    posted = [DECLARED] + [t for t, _ in kinds(engine, ev.StatusUpdate)] + [engine.now]
    allowed = [FIRST_UPDATE] + [CADENCE] * (len(posted) - 2)
    return [(a, b) for (a, b, due) in zip(posted, posted[1:], allowed) if b - a > due + grace]


@pytest.mark.parametrize("seed", [3, 4, 5])
def test_a_comms_lead_keeps_the_cadence_the_ic_would_miss(coordination, seed):
    busy = declared(coordination, seed, page=["ann"])
    busy.advance(45 * 60)
    assert not kinds(busy, ev.StatusUpdate) and late_gaps(busy)  # the IC is busy and never posts

    helped = declared(coordination, seed, page=["ann"])
    ok(helped, "/role ann comms-lead")
    helped.advance(45 * 60)
    updates = kinds(helped, ev.StatusUpdate)
    assert len(updates) >= 4 and late_gaps(helped) == []
    gaps = [b - a for a, b in zip([DECLARED] + [t for t, _ in updates], [t for t, _ in updates])]
    assert FIRST_UPDATE <= gaps[0] <= FIRST_UPDATE + 90  # on cadence, with some lag
    assert all(CADENCE <= gap <= CADENCE + 90 for gap in gaps[1:])
    for t, update in updates:  # impact, current actions, and when the next update comes
        assert re.fullmatch(r"\[Sev0, \w+\] Impact: \d+% of customers affected.*\. Current actions: .+\. "
                            r"Next update by T\+\d\d:\d\d \(in 10 min\)\.", update.text), update.text
        due = int(update.text.split("T+")[1][:2]) * 60 + int(update.text.split("T+")[1][3:5])
        assert due == t + CADENCE


def test_the_comms_lead_names_current_actions_from_the_view(coordination):
    engine = declared(coordination, seed=6, page=["ann", "luis"])
    ok(engine, "/role ann comms-lead")
    engine.advance(DECLARED + FIRST_UPDATE - 30)
    ok(engine, "/assign luis investigate fraud 10m")
    until(engine, lambda: kinds(engine, ev.StatusUpdate))
    (_, update), = kinds(engine, ev.StatusUpdate)
    assert "Impact: 50% of customers affected (checkout)." in update.text
    assert "Current actions: Luis Ortega on investigate fraud." in update.text


def test_the_comms_lead_sometimes_asks_first_and_posts_regardless(coordination):
    asked = updates = 0
    for seed in range(8):
        engine = declared(coordination, seed, page=["ann"])
        ok(engine, "/role ann comms-lead")
        engine.advance(45 * 60)
        posted = [t for t, _ in kinds(engine, ev.StatusUpdate)]
        updates += len(posted)
        for t, question in kinds(engine, ev.QuestionAsked):
            assert question.person == "ann" and question.text.endswith("?")
            asked += 1
            nxt = min(p for p in posted if p >= t)  # the update follows within the lag, unanswered
            assert nxt - t <= 90
            assert (nxt, ev.QuestionLapsed(question.question, "ann")) in kinds(engine, ev.QuestionLapsed)
        assert [q.question for _, q in kinds(engine, ev.QuestionAsked)] == list(range(1, 1 + len(kinds(engine, ev.QuestionAsked))))
    assert 0.05 <= asked / updates <= 0.4, (asked, updates)


def test_answering_the_comms_leads_question_sends_the_update_at_once(coordination):
    answered = 0
    for seed in range(8):
        engine = declared(coordination, seed, page=["ann"])
        ok(engine, "/role ann comms-lead")
        while engine.now < 45 * 60:
            engine.advance(engine.now + 5)
            if engine.view.questions:
                (question, (person, _)), = engine.view.questions.items()
                posted = len(kinds(engine, ev.StatusUpdate))
                ok(engine, "/dm ann Yes, name them.")
                assert kinds(engine, ev.QuestionAnswered)[-1] == (engine.now, ev.QuestionAnswered(question, "ann", "Yes, name them."))
                engine.advance(engine.now + 1)
                assert len(kinds(engine, ev.StatusUpdate)) == posted + 1 and kinds(engine, ev.StatusUpdate)[-1][0] == engine.now - 1
                answered += 1
        assert not kinds(engine, ev.QuestionLapsed)
    assert answered >= 2


def test_a_released_comms_lead_stops_posting(coordination):
    engine = declared(coordination, seed=7, page=["ann"])
    ok(engine, "/role ann comms-lead")
    until(engine, lambda: kinds(engine, ev.StatusUpdate))
    ok(engine, "/unrole comms-lead")
    released = engine.now
    engine.advance(45 * 60)
    assert [t for t, _ in kinds(engine, ev.StatusUpdate) if t > released] == []


# --- the Scribe -----------------------------------------------------------------------------------

KEY_MOMENTS = (ev.SeveritySet, ev.PhaseChanged, ev.Escalated, ev.TaskReported, ev.ConflictDecided,
               ev.ConflictRaised, ev.StatusUpdate, ev.EvidenceShared)


def scribe_run(loaded, seed, scribe):
    engine = declared(loaded, seed, page=["sam", "priya"])
    if scribe:
        ok(engine, "/role sam scribe")
    ok(engine, "/assign priya rollback payments-api 10m")
    until(engine, lambda: kinds(engine, ev.FaultFixed))
    engine.advance(engine.now + 20)
    ok(engine, "/update Checkout recovering after a rollback of payments-api. Next update in 10 min.", "/sev sev2",
       "/note Rollback of deploy 412 fixed checkout", "/mitigated")
    engine.advance(engine.now + 60)
    return engine


def test_a_scribe_captures_the_key_moments_the_ic_would_lose(coordination):
    engine = scribe_run(coordination, seed=8, scribe=True)
    took_role = kinds(engine, ev.RoleAssigned)[0][0]
    moments = [(t, e) for t, e in kinds(engine, *KEY_MOMENTS)
               if t >= took_role and not (isinstance(e, ev.TaskReported) and e.action == "investigate")]
    notes = [(t, n) for t, n in kinds(engine, ev.TimelineNote) if n.by == "sam"]
    assert len(moments) == 4 and len(notes) == len(moments)  # the fix, the update, the severity, mitigated
    texts = [n.text for _, n in notes]
    assert "Fix reported by Priya Raman (rollback payments-api): Did rollback on payments-api." in texts
    assert "Status update posted: \u201cCheckout recovering after a rollback of payments-api. Next update in 10 min.\u201d" in texts
    assert "The IC changed the severity from Sev0 to Sev2." in texts
    assert "The IC marked the incident mitigated; monitoring." in texts
    for (t, moment), (noted, _) in zip(moments, sorted(notes, key=lambda n: n[0])):
        assert 10 <= noted - t <= 40
    assert (engine.now - 60, ev.TimelineNote("ic", "Rollback of deploy 412 fixed checkout")) in kinds(engine, ev.TimelineNote)
    assert [n for _, n, _ in engine.view.notes].count("sam") == 4

    alone = scribe_run(coordination, seed=8, scribe=False)
    assert [n.by for _, n in kinds(alone, ev.TimelineNote)] == ["ic"]  # only what the IC pinned


def test_a_scribe_notes_a_decided_disagreement_and_stops_when_released(coordination):
    engine = declared(coordination, seed=9, page=["sam", "dana", "luis"])
    ok(engine, "/role sam scribe")
    until(engine, lambda: engine.conflicts.open)
    ok(engine, "/decide luis")
    engine.advance(engine.now + 45)
    texts = [n.text for _, n in kinds(engine, ev.TimelineNote)]
    assert texts == [
        "Disagreement (rollback-or-failover): Dana: failover payments-db (replica lag is 0 s) vs Luis: rollback payments-api (errors began with deploy 412).",
        "The IC settled the disagreement rollback-or-failover: going with Luis Ortega's proposal.",
    ]
    ok(engine, "/update All hands on the rollback.", "/unrole scribe")  # released before writing it up
    engine.advance(engine.now + 60)
    assert len(kinds(engine, ev.TimelineNote)) == 2


# --- the Tech Lead: relays, the telephone game, source evidence ---------------------------------


def relayed_report(loaded, seed, lead=True):
    engine = declared(loaded, seed, page=["tara", "luis"])
    if lead:
        ok(engine, "/role tara tech-lead")
    ok(engine, "/assign luis investigate payments-api 10m")
    until(engine, lambda: kinds(engine, ev.TaskReported))
    return engine


def test_without_a_tech_lead_reports_come_straight_and_whole(coordination):
    engine = relayed_report(coordination, seed=10, lead=False)
    (_, report), = kinds(engine, ev.TaskReported)
    assert report.relayed_by is None and report.findings == REPORT and report.suggests == "rollback payments-api"
    assert not kinds(engine, ev.ReportDistorted)


def test_relayed_reports_sometimes_lose_or_change_a_detail_and_evidence_returns_the_original(coordination):
    changes = []
    for seed in range(12):
        engine = relayed_report(coordination, seed)
        (t, report), = kinds(engine, ev.TaskReported)
        assert report.relayed_by == "tara" and report.person == "luis"
        assert engine.view.inbox[-1].sender == "Tara Singh (relaying Luis Ortega)"
        distorted = kinds(engine, ev.ReportDistorted)
        if distorted:
            (when, change), = distorted
            assert when == t and change.task == report.task and change.relayed_by == "tara"
            assert not change.public  # the IC cannot tell a distorted relay from a faithful one
            changes.append(change.change)
            if change.change.startswith("dropped evidence line"):
                assert len(report.findings) == 2 and report.suggests == "rollback payments-api"
            elif change.change.startswith("dropped suggestion"):
                assert report.suggests is None and report.findings == REPORT[:2]
            else:
                other = change.change.split(" -> ")[1]
                assert other in ("checkout", "fraud", "payments-db")  # a neighbour in the graph
                assert report.suggests == f"rollback {other}" and report.findings[2] == f"Best next step: rollback {other}."
        else:
            assert report.findings == REPORT and report.suggests == "rollback payments-api"
        ok(engine, "/evidence luis")
        assert kinds(engine, ev.EvidenceRequested) == [(engine.now, ev.EvidenceRequested(report.task, "luis"))]
        asked = engine.now
        until(engine, lambda: kinds(engine, ev.EvidenceShared))
        (shared_at, shared), = kinds(engine, ev.EvidenceShared)
        assert 50 <= shared_at - asked <= 75
        assert shared == ev.EvidenceShared(report.task, "luis", REPORT, "rollback payments-api")
    assert 3 <= len(changes) <= 9, changes  # sometimes, not always
    assert len({c.split(" ")[0] + c.split(" ")[1] for c in changes}) >= 2  # more than one way to go wrong


def test_the_tech_lead_assigns_the_suggested_fix_from_the_undistorted_report(coordination):
    always = variant(coordination, relay_distortion=1.0)
    for seed in range(4):
        engine = relayed_report(always, seed)
        reported_at = engine.now
        assert kinds(engine, ev.ReportDistorted)  # whatever the IC heard
        until(engine, lambda: kinds(engine, ev.FaultFixed), limit=20 * 60)
        (assigned_at, task), = [(t, a) for t, a in kinds(engine, ev.TaskAssigned) if a.via == "tech-lead"]
        assert 45 <= assigned_at - reported_at <= 80
        # the Tech Lead went by Luis's own words, and gave the fix to Luis, who found it and can do it
        assert (task.person, task.action, task.service, task.timebox) == ("luis", "rollback", "payments-api", 600)
        assert kinds(engine, ev.FaultFixed)[0][1].by == "luis"
        assert [c.text for _, c in kinds(engine, ev.CommandIssued)][-1] == "/assign luis investigate payments-api 10m"


def test_without_a_tech_lead_nobody_acts_on_the_report_until_the_ic_does(coordination):
    engine = relayed_report(coordination, seed=0, lead=False)
    engine.advance(20 * 60)
    assert [a.via for _, a in kinds(engine, ev.TaskAssigned)] == ["named"] and not kinds(engine, ev.FaultFixed)


def test_a_relayed_pointer_can_move_to_a_neighbour(coordination):
    always = variant(coordination, relay_distortion=1.0)
    moved = set()
    for seed in range(6):
        engine = declared(always, seed, page=["tara", "priya"])
        ok(engine, "/role tara tech-lead", "/assign priya investigate checkout 10m")
        until(engine, lambda: kinds(engine, ev.TaskReported))
        (_, report), = kinds(engine, ev.TaskReported)
        (_, change), = kinds(engine, ev.ReportDistorted)
        assert change.change == f"changed pointer payments-api -> {report.points_to}"
        assert report.findings == [f"checkout is degraded because its calls to {report.points_to} are failing."]
        moved.add(report.points_to)
        assert not [a for _, a in kinds(engine, ev.TaskAssigned) if a.via == "tech-lead"]  # nothing to act on
    assert moved == {"fraud", "payments-db"}  # never checkout itself


def test_the_tech_lead_gives_the_fix_to_its_finder_first(coordination):
    engine = declared(coordination, seed=20, page=["tara", "luis", "priya"])
    ok(engine, "/role tara tech-lead", "/assign priya investigate payments-api 10m")
    until(engine, lambda: [a for _, a in kinds(engine, ev.TaskAssigned) if a.via == "tech-lead"], limit=20 * 60)
    task = [a for _, a in kinds(engine, ev.TaskAssigned) if a.via == "tech-lead"][0]
    assert not [a for _, a in kinds(engine, ev.TaskAssigned) if a.person == "luis"]  # Luis was free too, and first by id
    assert (task.person, task.action, task.service) == ("priya", "rollback", "payments-api")


def test_the_tech_lead_gives_the_fix_to_someone_able_when_its_finder_cannot(coordination):
    engine = declared(coordination, seed=11, page=["tara", "dana", "priya"])
    ok(engine, "/role tara tech-lead", "/assign dana investigate payments-api 10m")
    until(engine, lambda: [a for _, a in kinds(engine, ev.TaskAssigned) if a.via == "tech-lead"], limit=20 * 60)
    task = [a for _, a in kinds(engine, ev.TaskAssigned) if a.via == "tech-lead"][0]
    assert (task.person, task.action, task.service) == ("priya", "rollback", "payments-api")  # Dana has no access


# --- a disagreement -------------------------------------------------------------------------------


def argued(loaded, seed, decide=None, page=("dana", "luis")):
    """Both experts at work when they start to disagree; `decide` settles it one minute in."""
    engine = declared(loaded, seed, page=page)
    ok(engine, "/assign luis rollback payments-api 10m", "/assign dana investigate payments-db 10m")
    until(engine, lambda: engine.conflicts.open)
    raised = engine.now
    if decide:
        engine.advance(raised + 60)
        ok(engine, decide)
    engine.advance(30 * 60)
    return engine, raised


@pytest.mark.parametrize("seed", [12, 13])
def test_an_undecided_disagreement_stalls_the_work_and_a_decided_one_does_not(coordination, seed):
    stalled, raised = argued(coordination, seed)
    (t, conflict), = kinds(stalled, ev.ConflictRaised)
    assert t == 240 and conflict == ev.ConflictRaised(CONFLICT, [
        "Dana: failover payments-db (replica lag is 0 s)",
        "Luis: rollback payments-api (errors began with deploy 412)",
    ])
    assert not kinds(stalled, ev.TaskReported) and not kinds(stalled, ev.FaultFixed)  # half an hour of arguing
    assert stalled.view.conflicts == {CONFLICT: conflict.proposals}

    settled, _ = argued(coordination, seed, decide="/decide luis")
    assert kinds(settled, ev.ConflictDecided) == [(raised + 60, ev.ConflictDecided(CONFLICT, "luis", "ic"))]
    (fixed_at, fixed), = kinds(settled, ev.FaultFixed)
    assert fixed.by == "luis" and fixed_at < raised + 60 + 5 * 60
    assert settled.view.conflicts == {}


def test_a_conflict_waits_for_both_experts(coordination):
    engine = declared(coordination, seed=14, page=["luis"])
    engine.advance(10 * 60)
    assert not kinds(engine, ev.ConflictRaised)
    ok(engine, "/page dana")
    until(engine, lambda: kinds(engine, ev.ConflictRaised))
    (acked, _), = [(t, a) for t, a in kinds(engine, ev.PageAcknowledged) if a.person == "dana"]
    (raised, _), = kinds(engine, ev.ConflictRaised)
    assert 0 <= raised - acked <= 10  # raised as soon as the second expert is in


def test_a_decision_becomes_the_chosen_experts_task(coordination):
    engine = declared(coordination, seed=15, page=["dana", "luis"])
    until(engine, lambda: engine.conflicts.open)
    ok(engine, "/decide Dana")
    decided = engine.now
    assert kinds(engine, ev.ConflictDecided) == [(decided, ev.ConflictDecided(CONFLICT, "dana", "ic"))]
    (t, task), = kinds(engine, ev.TaskAssigned)
    assert t == decided and (task.person, task.action, task.service, task.via) == ("dana", "failover", "payments-db", "decision")
    assert rejected(engine, "/decide luis") == "there is no open disagreement to decide"


def test_a_busy_expert_starts_the_decided_fix_the_moment_their_task_ends(coordination):
    engine = declared(coordination, seed=21, page=["dana", "luis"])
    ok(engine, "/assign luis investigate fraud 10m")
    until(engine, lambda: engine.conflicts.open)
    ok(engine, "/decide luis")
    assert [a.via for _, a in kinds(engine, ev.TaskAssigned)] == ["named"]  # busy: the fix waits
    until(engine, lambda: len(kinds(engine, ev.TaskAssigned)) == 2, limit=20 * 60)
    (reported_at, _), = kinds(engine, ev.TaskReported)
    (t, task) = kinds(engine, ev.TaskAssigned)[1]
    assert t == reported_at and (task.person, task.action, task.service, task.via) == ("luis", "rollback", "payments-api", "decision")


def test_a_poll_goes_with_the_proposal_the_evidence_backs(coordination):
    engine = declared(coordination, seed=16, page=["dana", "luis"])
    until(engine, lambda: engine.conflicts.open)
    ok(engine, "/poll")
    polled = engine.now
    assert kinds(engine, ev.ConflictPolled) == [(polled, ev.ConflictPolled(CONFLICT))]
    engine.advance(polled + 61)
    # Dana's proposal comes first, but only Luis's rollback would fix what is broken
    assert kinds(engine, ev.ConflictDecided) == [(polled + 60, ev.ConflictDecided(CONFLICT, "luis", "poll"))]
    (t, task), = kinds(engine, ev.TaskAssigned)
    assert t == polled + 60 and (task.person, task.action, task.service, task.via) == ("luis", "rollback", "payments-api", "decision")
    until(engine, lambda: kinds(engine, ev.FaultFixed), limit=20 * 60)


def test_a_poll_with_no_backed_proposal_goes_with_the_first(coordination):
    engine = declared(coordination, seed=17, page=["dana", "luis", "priya"])
    ok(engine, "/assign priya rollback payments-api 10m")  # Priya is not in the argument
    until(engine, lambda: engine.conflicts.open and kinds(engine, ev.FaultFixed))
    ok(engine, "/poll")
    engine.advance(engine.now + 61)
    assert [d.person for _, d in kinds(engine, ev.ConflictDecided)] == ["dana"]


def test_deciding_during_a_poll_settles_it_once(coordination):
    engine = declared(coordination, seed=18, page=["dana", "luis"])
    until(engine, lambda: engine.conflicts.open)
    ok(engine, "/poll")
    engine.advance(engine.now + 20)
    ok(engine, "/decide dana")
    engine.advance(engine.now + 120)
    assert [(d.person, d.by) for _, d in kinds(engine, ev.ConflictDecided)] == [("dana", "ic")]
    assert [a.person for _, a in kinds(engine, ev.TaskAssigned)] == ["dana"]


def mitigate(engine, fixer):
    """`fixer` rolls payments-api back; once the dashboards show nobody hurt, the IC marks it mitigated."""
    ok(engine, f"/assign {fixer} rollback payments-api 10m")
    until(engine, lambda: kinds(engine, ev.FaultFixed) and engine.view.observed_impact == 0, limit=20 * 60)
    ok(engine, "/mitigated")
    assert engine.view.phase == "mitigated"


def test_a_disagreement_due_before_mitigation_is_raised_and_decided_after_it(coordination):
    """Mitigated is not over: as the managers, the roles and the pager carry on, so does the
    disagreement that came due at 4m while Dana was not yet in (it used to be dropped)."""
    engine = declared(coordination, seed=22, page=["luis"])
    mitigate(engine, "luis")
    assert engine.now > 4 * 60 and not kinds(engine, ev.ConflictRaised)
    ok(engine, "/page dana")
    until(engine, lambda: engine.conflicts.open)
    (raised, _), = kinds(engine, ev.ConflictRaised)
    (acked, _), = [(t, a) for t, a in kinds(engine, ev.PageAcknowledged) if a.person == "dana"]
    assert 0 <= raised - acked <= 10  # as soon as both are in, as before mitigation
    ok(engine, "/decide dana")
    (t, task), = kinds(engine, ev.TaskAssigned)[1:]
    assert t == engine.now and (task.person, task.action, task.service, task.via) == ("dana", "failover", "payments-db", "decision")


def test_a_disagreement_raised_before_mitigation_stays_open_and_decidable_after_it(coordination):
    engine = declared(coordination, seed=23, page=["dana", "luis", "priya"])
    until(engine, lambda: engine.conflicts.open)
    mitigate(engine, "priya")  # Priya is not in the argument
    engine.advance(engine.now + 5 * 60)
    assert list(engine.conflicts.open) == [CONFLICT] and engine.view.conflicts
    ok(engine, "/decide luis")
    assert [(d.person, d.by) for _, d in kinds(engine, ev.ConflictDecided)] == [("luis", "ic")]
    assert engine.view.conflicts == {}


# --- the IC's own notes ---------------------------------------------------------------------------


def test_the_ic_pins_moments_with_or_without_a_scribe(coordination):
    engine = declared(coordination, seed=19, page=["sam"])
    ok(engine, "/note Paged at 10:01; checkout errors")
    ok(engine, "/role sam scribe", "/note Sam is scribing from here")
    assert [(n.by, n.text) for _, n in kinds(engine, ev.TimelineNote)] == [
        ("ic", "Paged at 10:01; checkout errors"), ("ic", "Sam is scribing from here"),
    ]
    assert [text for _, _, text in engine.view.notes] == ["Paged at 10:01; checkout errors", "Sam is scribing from here"]
