"""The incident's own state: one meaning of "over" (resolved, or the drill ended), and the update
cadence the engine's people keep, which must agree with what the player's view shows.

Mitigated is not over: the people in the incident go on working and the IC's commands still
count until the incident is resolved. Timings follow tests/fixtures/tiny.yaml (detected at 1m;
Bob restarts db in about 2m).
"""

from pathlib import Path

import pytest

from sim.engine import Engine
from sim.engine.incident import DECLARED, DETECTED, MITIGATED, RESOLVED, Incident
from sim.log import events as ev
from sim.play.drill import drive, play
from sim.scenario import load_scenario
from sim.scenario.model import SeverityPolicy


@pytest.mark.parametrize(
    "phase, ended, over",
    [
        (None, False, False),
        (DETECTED, False, False),
        (DECLARED, False, False),
        (MITIGATED, False, False),
        (RESOLVED, False, True),
        (RESOLVED, True, True),
        (DECLARED, True, True),  # the time limit ends the drill before anybody resolves it
        (None, True, True),
    ],
)
def test_over_means_resolved_or_the_drill_ended(phase, ended, over):
    assert Incident(SeverityPolicy(), phase=phase, ended=ended).over() is over


def mitigated(tiny, seed=3):
    """The tiny incident declared, fixed by Bob and marked mitigated."""
    engine = Engine(tiny, seed)
    engine.advance(61)
    for command in ("/ack", "/declare sev0", "/page bob"):
        assert engine.submit(command), engine.view.rejections
    while engine.view.people["bob"].status != "available":
        engine.advance(engine.now + 5)
    assert engine.submit("/assign bob restart db 10m")
    while engine.world.observed_impact > 0:
        engine.advance(engine.now + 5)
    assert engine.submit("/mitigated")
    return engine


def test_the_engine_keeps_the_incident_in_step_with_the_log(tiny):
    engine = mitigated(tiny)
    incident = engine.incident
    assert (incident.phase, incident.severity) == (engine.view.phase, engine.view.severity) == (MITIGATED, "Sev0")
    assert incident.ic_paged and incident.ic_acknowledged and incident.heads_down_until is None


def test_a_mitigated_incident_is_not_over_and_its_commands_still_count(tiny):
    engine = mitigated(tiny)
    assert not engine.incident.over() and not engine.ended
    assert engine.submit("/update Mitigated; monitoring.")
    assert engine.submit("/sev sev2")
    assert engine.submit("/page ann")
    assert engine.submit("/resolve")
    assert engine.incident.over() and engine.ended


def test_an_incident_the_time_limit_ended_is_over_though_never_resolved(tiny):
    idle = play(tiny, seed=0, bot="idle")
    assert idle.incident.phase == DETECTED and idle.incident.over()
    assert idle.log.entries[-1].event == ev.DrillEnded("time limit")


def agree_on_cadence(engine, checked):
    """Check at every event that the Incident and the view agree on the cadence; keep the events."""

    def same_cadence(entry):
        incident, view = engine.incident, engine.view
        assert (incident.severity, incident.status_phase(), incident.update_interval(), incident.next_update_due()) == (
            view.severity,
            view.status_phase,
            view.update_interval(),
            view.next_update_due(),
        ), entry
        checked.append(entry.event)

    engine.log.subscribe(same_cadence)  # after the view's own fold, so both have seen the entry


@pytest.mark.parametrize("bot", ["expert", "novice"])
def test_the_cadence_the_engine_keeps_is_the_one_the_view_shows_at_every_event(starter, bot):
    """The engine's people (Comms Lead, managers, the Head of Sales) time their moves by the
    Incident; the player reads the view. A status update, declaration or fix that one of them
    missed would make them disagree from that event on."""
    checked = []
    engine = Engine(starter, seed=7)
    agree_on_cadence(engine, checked)
    drive(engine, bot)
    assert any(isinstance(e, ev.StatusUpdate) for e in checked)
    assert any(isinstance(e, ev.TaskAssigned) and e.action != "investigate" for e in checked)


def test_the_comms_leads_updates_restart_the_cadence_as_the_ics_do():
    """The Comms Lead posts on the Incident's cadence; the view must count those updates too."""
    loaded = load_scenario(Path(__file__).resolve().parent / "people" / "fixtures" / "coordination.yaml")
    checked = []
    engine = Engine(loaded, seed=3)
    agree_on_cadence(engine, checked)
    engine.advance(65)
    for command in ("/ack", "/declare sev0", "/page ann"):
        assert engine.submit(command), engine.view.rejections
    while engine.view.people["ann"].status != "available":
        engine.advance(engine.now + 5)
    assert engine.submit("/role ann comms-lead")
    engine.advance(40 * 60)
    posted = [entry.t for entry in engine.log.entries if isinstance(entry.event, ev.StatusUpdate)]
    assert len(posted) >= 3 and engine.incident.last_update_at == posted[-1]  # all of them the Comms Lead's
