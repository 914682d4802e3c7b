"""The pager's richer alerts, on tests/fixtures/tiny.yaml: the fault degrades db (and through it
web) at 1m, grows to down at 11m, and a restart of db by the data team fixes it; web-errors fires
on web's degradation. Each test swaps in the alerts it needs."""

from __future__ import annotations

import dataclasses

from sim.engine import Engine
from sim.log import events as ev
from sim.play.drill import play
from sim.scenario.model import Alert

FAULT_AT = 60
GROWS_AT = 660


def with_alerts(loaded, *alerts: dict):
    scenario = loaded.scenario.model_copy(update={"alerts": [Alert(**a) for a in alerts]})
    return dataclasses.replace(loaded, scenario=scenario)


def fired(engine, alert):
    return [e.t for e in engine.log.entries if isinstance(e.event, ev.AlertFired) and e.event.alert == alert]


# A plain alert on db detects the incident at once, so the IC can act while web's alert waits.
DB = {"id": "db-errors", "service": "db"}
FIX_EARLY = [(70, "/ack"), (70, "/declare sev1"), (70, "/page data")]


def test_a_delayed_alert_fires_once_the_trouble_has_lasted_the_delay(tiny):
    engine = Engine(with_alerts(tiny, DB, {"id": "web-errors", "service": "web", "delay": "3m"}), seed=0)
    engine.advance(FAULT_AT + 180)
    assert fired(engine, "web-errors") == []
    engine.advance(FAULT_AT + 181)
    assert fired(engine, "web-errors") == [FAULT_AT + 180]


def test_a_delayed_alert_never_fires_for_trouble_shorter_than_its_delay(tiny):
    loaded = with_alerts(tiny, DB, {"id": "web-errors", "service": "web", "delay": "25m"})
    engine = play(loaded, 0, "expert")
    fixed = next(e.t for e in engine.log.entries if isinstance(e.event, ev.FaultFixed))
    assert fixed < FAULT_AT + 25 * 60  # the trouble ended before the delay ran out
    assert fired(engine, "db-errors") == [FAULT_AT]
    assert fired(engine, "web-errors") == []


def test_a_delayed_alert_alone_detects_the_incident_late(tiny):
    engine = Engine(with_alerts(tiny, {"id": "web-errors", "service": "web", "delay": "5m"}), seed=0)
    engine.advance(FAULT_AT + 299)
    assert engine.incident.phase is None
    engine.advance(FAULT_AT + 301)
    assert engine.incident.phase == "detected"


def test_a_flapping_alert_fires_again_during_one_trouble_and_wears_the_on_call_down(tiny):
    engine = Engine(with_alerts(tiny, {"id": "web-errors", "service": "web", "flaps": 0.5}), seed=0)
    engine.advance(GROWS_AT - 1)  # one stretch of trouble: degraded all along, nobody fixing it
    times = fired(engine, "web-errors")
    assert times[0] == FAULT_AT and len(times) >= 3, times
    cleared = [e.t for e in engine.log.entries if isinstance(e.event, ev.AlertCleared)]
    assert len(cleared) >= len(times) - 1
    assert engine.alerts.noise_fired_at == times[1:]  # every refire, none of the first
    assert engine.people.recent_noise() == len(times) - 1


def test_an_alert_that_does_not_flap_fires_once_per_trouble(tiny):
    engine = Engine(with_alerts(tiny, {"id": "web-errors", "service": "web"}), seed=0)
    engine.advance(GROWS_AT - 1)
    assert fired(engine, "web-errors") == [FAULT_AT]
    assert engine.people.recent_noise() == 0


def _noisy_db(when: str) -> dict:
    # Fires for real only when db is down (from 11m); noise fires it every minute it may.
    return {"id": "db-noise", "service": "db", "fires_on": "down", "noise": 1.0, "noise_when": when}


def test_noise_by_default_fires_only_while_the_service_is_healthy(tiny):
    engine = Engine(with_alerts(tiny, DB, _noisy_db("healthy")), seed=0)
    engine.advance(GROWS_AT - 1)
    assert [t for t in fired(engine, "db-noise") if t > FAULT_AT] == []


def test_noise_when_always_fires_on_a_troubled_service(tiny):
    engine = Engine(with_alerts(tiny, DB, _noisy_db("always")), seed=0)
    engine.advance(GROWS_AT - 1)
    assert [t for t in fired(engine, "db-noise") if t > FAULT_AT], fired(engine, "db-noise")
    assert engine.world.health["db"] == "degraded"  # troubled, yet short of the alert's own threshold


def test_the_severity_label_is_in_the_view(tiny):
    engine = Engine(with_alerts(tiny, {"id": "web-errors", "service": "web", "severity": "warning"}, DB), seed=0)
    engine.advance(FAULT_AT + 1)
    view = engine.view
    assert set(view.alerts) == {"web-errors", "db-errors"}
    assert view.alert_severity("web-errors") == "warning"
    assert view.alert_severity("db-errors") == "critical"  # the default
