"""The incident's own state: one meaning of "over" (resolved, or the drill ended), kept by the engine.

Mitigated is not over: the people in the incident go on working and the IC's commands still
count until the incident is resolved. Timings follow tests/fixtures/tiny.yaml (detected at 1m;
Bob restarts db in about 2m).
"""

import pytest

from sim.engine import Engine
from sim.engine.incident import DECLARED, DETECTED, MITIGATED, RESOLVED, Incident
from sim.log import events as ev
from sim.play.drill import play


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
    assert Incident(phase=phase, ended=ended).over() is over


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
