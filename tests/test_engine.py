"""The engine on the tiny scenario: timings checked by hand against tests/fixtures/tiny.yaml."""

import pytest

from sim.log import events as ev
from sim.play.drill import play
from sim.engine import Engine
from sim.reading.outcome import outcome


def kinds(engine, *types):
    return [(e.t, e.event) for e in engine.log.entries if isinstance(e.event, types)]


def first(engine, kind):
    return next(e for e in engine.log.entries if isinstance(e.event, kind))


def run_until_ack(engine, person):
    """Advance until `person` has acknowledged their page."""
    while engine.view.people[person].status != "available":
        engine.advance(engine.now + 5)


def test_fault_starts_on_schedule_and_its_alert_pages_the_ic(tiny):
    engine = Engine(tiny, seed=1)
    engine.advance(59)
    assert not kinds(engine, ev.FaultStarted)
    engine.advance(61)
    assert kinds(engine, ev.FaultStarted) == [(60, ev.FaultStarted("disk-full", "db", "degraded"))]
    assert (60, ev.HealthChanged("web", "degraded")) in kinds(engine, ev.HealthChanged)
    assert kinds(engine, ev.ImpactChanged) == [(60, ev.ImpactChanged(0.5, "Sev0"))]
    assert kinds(engine, ev.AlertFired) == [(60, ev.AlertFired("web-errors", "web"))]
    assert kinds(engine, ev.Paged) == [(60, ev.Paged("ic", "alert web-errors"))]
    assert engine.view.phase == "detected"


def test_fault_grows_when_left_alone(tiny):
    engine = Engine(tiny, seed=1)
    engine.advance(60 + 600 + 1)
    assert kinds(engine, ev.FaultGrew) == [(660, ev.FaultGrew("disk-full", "db", "down"))]
    assert engine.world.impact == 1.0
    assert engine.view.health["web"] == "down"


def test_fix_takes_effect_after_its_duration_and_the_incident_closes(tiny):
    engine = Engine(tiny, seed=3)
    engine.advance(90)
    assert engine.submit("/ack")
    assert engine.submit("/declare sev0")
    assert engine.submit("/page data")
    run_until_ack(engine, "bob")
    assigned_at = engine.now
    assert engine.submit("/assign bob restart db 10m")
    while not kinds(engine, ev.FaultFixed):
        engine.advance(engine.now + 5)
    (fixed_at, fixed), = kinds(engine, ev.FaultFixed)
    assert fixed == ev.FaultFixed("disk-full", "db", "bob")
    # task acknowledgement 20-60 s, then 2 min of work within +-15 %
    assert assigned_at + 20 + 102 <= fixed_at <= assigned_at + 60 + 138 + 5
    assert engine.world.impact == 0.0 and engine.view.observed_impact == 0.0
    assert engine.submit("/mitigated")
    assert engine.submit("/resolve")
    assert engine.ended and engine.view.ended == "resolved"
    result = outcome(engine.log.entries)
    assert result.resolved
    assert result.time_to_mitigate == fixed_at - 60


@pytest.mark.parametrize(
    "script, reason",
    [
        (["/declare sev1"], "nothing has been detected yet"),
        (["/ack"], "you have not been paged"),
        (["@", "/ack", "/ack"], "already acknowledged"),
        (["@", "/sev sev1"], "declare the incident first"),
        (["@", "/declare sev9"], "unknown severity 'sev9'; this organisation uses Sev0, Sev1, Sev2, Sev3"),
        (["@", "/declare sev1", "/declare sev2"], "already declared at Sev1"),
        (["@", "/declare sev1", "/sev SEV1"], "already Sev1"),
        (["@", "/assign bob investigate db"], "Bob Stone is not in the incident; page them first (/page bob)"),
        (["@", "/page bob", "/assign bob investigate db"], "has not acknowledged the page yet"),
        (["@", "/page bobb"], "did you mean bob?"),
        (["@", "/page dat"], "did you mean data?"),
        (["@", "/page bob", "/page bob"], "was paged already"),
        (["@", "/page ann", "~ann", "/assign ann restart db"], "Ann Lee (app) has no access to change db"),
        (["@", "/page ann", "~ann", "/assign ann investigate dbb"], "no service called 'dbb'; did you mean db?"),
        (["@", "/page ann", "~ann", "/assign ann investigate db", "/assign ann investigate web"], "busy: investigate db"),
        (["@", "/update all fine"], "declare the incident before posting status updates"),
        (["@", "/declare sev0", "/mitigated"], "dashboards still show 50% of customers affected"),
        (["@", "/declare sev0", "/resolve"], "mark the incident mitigated first"),
        (["@", "/declare sev0", "/frob"], "unknown command '/frob'"),
    ],
)
def test_impossible_commands_become_rejections_with_reasons(tiny, script, reason):
    """'@' waits for detection, '~name' waits for that person's acknowledgement."""
    engine = Engine(tiny, seed=2)
    for step in script:
        if step == "@":
            engine.advance(61)
        elif step.startswith("~"):
            run_until_ack(engine, step[1:])
        else:
            engine.submit(step)
    last = engine.log.entries[-1].event
    assert isinstance(last, ev.CommandRejected), last
    assert reason in last.reason
    assert engine.view.rejections[-1][2] == last.reason


def test_commands_after_the_end_are_rejected(tiny):
    engine = play(tiny, seed=0, bot="idle")
    assert engine.view.ended == "time limit" and engine.now == 30 * 60
    assert not engine.submit("/ack")
    assert engine.log.entries[-1].event == ev.CommandRejected("/ack", "the drill has ended")


def test_a_task_that_outruns_its_time_box_asks_for_more_time(tiny):
    engine = Engine(tiny, seed=4)
    engine.advance(61)
    engine.submit("/page bob")
    run_until_ack(engine, "bob")
    engine.submit("/assign bob investigate db 1m")
    while not kinds(engine, ev.TaskReported):
        engine.advance(engine.now + 5)
    (asked_at, asked), = kinds(engine, ev.MoreTimeAsked)
    (ack_at, _), = kinds(engine, ev.TaskAcknowledged)
    assert asked_at == ack_at + 60 and asked.extra > 0
    (reported_at, report), = kinds(engine, ev.TaskReported)
    assert reported_at == asked_at + asked.extra
    assert report.findings[0] == "db: disk 100% full"
    assert report.suggests == "restart db"


def test_investigation_reveals_an_unmonitored_service_and_follows_dependencies(tiny):
    engine = Engine(tiny, seed=5)
    assert engine.view.health["reports"] == "unknown"
    engine.advance(61)
    engine.submit("/page data")
    engine.submit("/page app")
    run_until_ack(engine, "bob")
    run_until_ack(engine, "ann")
    engine.submit("/assign bob investigate reports 5m")
    engine.submit("/assign ann investigate web 5m")
    while len(kinds(engine, ev.TaskReported)) < 2:
        engine.advance(engine.now + 5)
    reports = {r.service: r for _, r in kinds(engine, ev.TaskReported)}
    assert engine.view.health["reports"] == "ok"
    assert reports["web"].points_to == "db"
    assert reports["web"].suggests is None


def test_the_view_is_a_fold_of_public_events_only(tiny):
    """Folding only the public events rebuilds the same view: hidden truth never shapes it."""
    from sim.scenario.public import Catalog
    from sim.reading.view import View

    engine = play(tiny, seed=6, bot="expert")
    fresh = View(Catalog.from_scenario(tiny.scenario))
    for entry in engine.log.entries:
        if entry.event.public:
            fresh.apply(entry)
    fresh.now = engine.view.now
    assert fresh == engine.view
    hidden = {type(e.event) for e in engine.log.entries if not e.event.public}
    assert {ev.FaultStarted, ev.HealthChanged, ev.ImpactChanged, ev.FaultFixed} <= hidden


def test_a_person_can_be_named_by_first_name(tiny):
    engine = Engine(tiny, seed=1)
    engine.advance(61)
    assert engine.submit("/page Bob")
    assert engine.view.people["bob"].status == "paged"


def test_log_records_are_ordered_and_typed(tiny):
    engine = play(tiny, seed=8, bot="expert")
    seqs = [e.seq for e in engine.log.entries]
    times = [e.t for e in engine.log.entries]
    assert seqs == list(range(len(seqs)))
    assert times == sorted(times)
    lines = engine.log.lines()
    assert lines[0].startswith('{"kind":"header","format":1,"scenario":"tiny","scenario_hash":')
    assert lines[1].startswith('{"seq":0,"t":0,"kind":"drill_started"')
    round_trip = [ev.from_record(__import__("json").loads(line)) for line in lines[1:]]
    assert [r[2] for r in round_trip] == [e.event for e in engine.log.entries]
