"""Faults with several remedies, growth in steps, and impact per fault and per service.

Each test plays a small world written inline: web (traffic 0.5) depends hard on api, shop (traffic
0.5) hard on gw; backup-gw stands by. The IC works hands-on (`/handson`), which takes a remedy's
`takes` times the default hands_on_factor of 1.5, to the second; faults start at 1m, the IC acts
at 61 s. With nobody's share given, a degraded entry service hurts half its customers.
"""

from __future__ import annotations

import textwrap

import pytest

from sim.engine import Engine
from sim.log import events as ev
from sim.play.drill import play
from sim.reading.scoring import score
from sim.reading.scoring.outcome import baseline, floor, run_curve
from sim.reading.scoring.facts import gather
from sim.scenario import load_scenario

WORLD = """\
scenario: {id: remedies, title: Remedies beside the fix}
services:
  web: {owner: app, tier: 1, traffic: 0.5, depends_on: {api: hard}}
  shop: {owner: app, tier: 1, traffic: 0.5, depends_on: {gw: hard}}
  api: {owner: app, tier: 1}
  gw: {owner: app, tier: 1}
  backup-gw: {owner: app, tier: 2}
teams: {app: {}}
people:
  ann: {name: Ann Lee, team: app, on_call: primary, ack_latency: 1m}
alerts: [{id: web-errors, service: web}, {id: shop-errors, service: shop}]
end: {time_limit: 60m}
"""

LEAK = """\
faults:
  - id: leak
    at: 1m
    service: api
    evidence: ["api: memory climbs since the last deploy"]
    fix: {action: rollback, target: api, takes: 4m}
    remedies:
      - {action: restart, target: api, does: mitigates, lasts: 8m, takes: 2m}
      - {action: scale-up, target: api, does: worsens, takes: 2m}
"""


def world(tmp_path, faults: str, extra: str = ""):
    path = tmp_path / "remedies.yaml"
    path.write_text(WORLD + textwrap.dedent(extra) + textwrap.dedent(faults))
    return load_scenario(path)


def kinds(engine, *types):
    return [(e.t, e.event) for e in engine.log.entries if isinstance(e.event, types)]


def impacts(engine):
    return [(t, e.impact) for t, e in kinds(engine, ev.ImpactChanged)]


def hands_on(loaded, *commands, until=3600):
    """The IC's hands-on commands, each as soon as the last one is done (the first at 61 s)."""
    engine = Engine(loaded, seed=0)
    engine.advance(61)
    for command in commands:
        while engine.incident.heads_down_until is not None:
            engine.advance(engine.incident.heads_down_until + 1)
        assert engine.submit(command), engine.view.rejections
    engine.advance(until)
    return engine


# --- mitigation and worsening -----------------------------------------------------------------------


def test_a_mitigation_buys_time_and_the_fault_returns_after_lasts(tmp_path):
    engine = hands_on(world(tmp_path, LEAK), "/handson restart api")
    relief = 61 + 180  # 2m at the hands-on pace of 1.5
    assert kinds(engine, ev.FaultMitigated) == [(relief, ev.FaultMitigated("leak", "api", "ic", "restart", relief + 480))]
    assert kinds(engine, ev.FaultReturned) == [(relief + 480, ev.FaultReturned("leak", "api", "degraded"))]
    assert impacts(engine) == [(60, 0.25), (relief, 0.0), (relief + 480, 0.25)]
    assert not kinds(engine, ev.FaultFixed)
    report = kinds(engine, ev.TaskReported)[0][1]
    assert report.findings == ["Did restart on api. Errors dropped for now, but the cause is still there."]


def test_the_real_fix_during_the_relief_keeps_the_fault_from_returning(tmp_path):
    engine = hands_on(world(tmp_path, LEAK), "/handson restart api", "/handson rollback api")
    fixed = 61 + 180 + 1 + 360  # the second command a second after the first is done
    assert kinds(engine, ev.FaultFixed) == [(fixed, ev.FaultFixed("leak", "api", "ic"))]
    assert not kinds(engine, ev.FaultReturned)
    assert impacts(engine) == [(60, 0.25), (241, 0.0)]


def test_a_worsening_remedy_raises_impact_at_once(tmp_path):
    engine = hands_on(world(tmp_path, LEAK), "/handson scale-up api")
    assert kinds(engine, ev.FaultWorsened) == [(241, ev.FaultWorsened("leak", "api", "ic", "scale-up", "down"))]
    assert impacts(engine) == [(60, 0.25), (241, 0.5)]
    assert kinds(engine, ev.TaskReported)[0][1].findings == ["Did scale-up on api. It made things worse."]


def test_a_second_fixing_remedy_is_an_alternative_real_fix_and_at_best_uses_the_fastest(tmp_path):
    faults = LEAK + "      - {action: config-push, target: api, does: fixes, takes: 1m}\n"
    loaded = world(tmp_path, faults)
    engine = hands_on(loaded, "/handson config-push api")
    assert kinds(engine, ev.FaultFixed) == [(61 + 90, ev.FaultFixed("leak", "api", "ic"))]
    assert impacts(engine) == [(60, 0.25), (151, 0.0)]
    # 'At best' fixes the fault with the 1m config-push, not the 4m rollback: 0.85 x 60 s.
    assert floor(loaded.scenario).points == ((0, 0.0), (60, 0.25), (60 + 51, 0.0))


# --- investigation reports ----------------------------------------------------------------------------


def test_an_investigation_names_the_quick_relief_beside_the_real_fix_never_the_worsening(tmp_path):
    engine = hands_on(world(tmp_path, LEAK), "/handson investigate api")
    report = kinds(engine, ev.TaskReported)[0][1]
    assert report.suggests == "rollback api"
    assert report.findings == [
        "api: memory climbs since the last deploy",
        "Best next step: rollback api.",
        "Quick relief: restart api buys about 8m; the real fix is rollback api.",
    ]
    assert "scale-up" not in " ".join(report.findings)


def test_without_a_mitigating_remedy_the_report_names_only_the_fix(tmp_path):
    faults = LEAK.replace("does: mitigates, lasts: 8m", "does: worsens")
    engine = hands_on(world(tmp_path, faults.replace("scale-up", "flush-cache")), "/handson investigate api")
    assert kinds(engine, ev.TaskReported)[0][1].findings[-1] == "Best next step: rollback api."


# --- growth in steps, shares per fault and per service -----------------------------------------------------


RAMP = """\
faults:
  - id: burn
    at: 1m
    service: api
    grows: [{after: 10m, to: degraded, share: 0.2}, {after: 25m, share: 0.6}, {after: 40m, to: down}]
    effect: degraded
    share: 0.1
    fix: {action: rollback, target: api}
"""


def test_a_slow_burn_ramps_impact_over_its_growth_steps(tmp_path):
    loaded = world(tmp_path, RAMP)
    engine = Engine(loaded, seed=0)
    engine.advance(3600)
    # web's half of the customers, times 0.1, then 0.2, 0.6, then all of them.
    assert impacts(engine) == [(60, 0.05), (660, 0.1), (1560, 0.3), (2460, 0.5)]
    assert kinds(engine, ev.FaultShareRose) == [
        (660, ev.FaultShareRose("burn", "api", 0.2)),
        (1560, ev.FaultShareRose("burn", "api", 0.6)),
    ]
    assert kinds(engine, ev.FaultGrew) == [(2460, ev.FaultGrew("burn", "api", "down"))]
    # The no-response baseline replays the same steps with the same computation.
    assert baseline(loaded.scenario).points == ((0, 0.0), *impacts(engine))


def test_a_worsening_takes_the_next_growth_step_at_once(tmp_path):
    faults = RAMP + "    remedies: [{action: scale-up, target: api, does: worsens}]\n"
    engine = hands_on(world(tmp_path, faults), "/handson scale-up api")
    done = 61 + 450
    assert kinds(engine, ev.FaultWorsened) == [(done, ev.FaultWorsened("burn", "api", "ic", "scale-up", "degraded"))]
    # The 10m step came early (share 0.2 at once) and does not happen again at 11m.
    assert impacts(engine) == [(60, 0.05), (done, 0.1), (1560, 0.3), (2460, 0.5)]


def test_the_one_step_form_still_grows_to_down_and_may_stop_at_degraded(tmp_path):
    one = "faults:\n  - {id: f, at: 1m, service: api, effect: degraded, grows: {after: 5m}, fix: {action: rollback, target: api}}\n"
    engine = Engine(world(tmp_path, one), seed=0)
    engine.advance(3600)
    assert kinds(engine, ev.FaultGrew) == [(360, ev.FaultGrew("f", "api", "down"))]
    soft = one.replace("effect: degraded, grows: {after: 5m}", "effect: degraded, share: 0.2, grows: {after: 5m, to: degraded, share: 0.8}")
    engine = Engine(world(tmp_path, soft), seed=0)
    engine.advance(3600)
    assert impacts(engine) == [(60, 0.1), (360, 0.4)]


@pytest.mark.parametrize(
    "share, services, expected",
    [
        ("", "", 0.25),  # impact.degraded_share 0.5 of web's 0.5
        ("", "impact: {services: {web: 0.2}}\n", 0.1),  # web's own share
        ("share: 0.8, ", "impact: {services: {web: 0.2}}\n", 0.4),  # the fault's share beats the service's
        ("", "impact: {degraded_share: 0.1}\n", 0.05),
    ],
)
def test_shares_per_fault_and_per_service_change_impact(tmp_path, share, services, expected):
    faults = f"faults:\n  - {{id: f, at: 1m, service: api, {share}fix: {{action: rollback, target: api}}}}\n"
    loaded = world(tmp_path, faults, services)
    engine = Engine(loaded, seed=0)
    engine.advance(600)
    assert impacts(engine) == [(60, expected)]
    assert engine.view.observed_impact == expected  # the dashboards count the same shares
    assert baseline(loaded.scenario, 600).points == ((0, 0.0), (60, expected))


# --- new actions ---------------------------------------------------------------------------------------------


CERT = """\
faults:
  - id: cert
    at: 1m
    service: gw
    effect: down
    fix: {action: renew-cert, target: gw, takes: 2m}
    remedies:
      - {action: failover, target: gw, to: backup-gw, does: fixes, takes: 1m}
"""


@pytest.mark.parametrize("command, done, said", [
    ("/handson renew-cert gw", 61 + 180, "Did renew-cert on gw."),
    ("/handson failover gw", 61 + 90, "Failed gw over to backup-gw."),
])
def test_renew_cert_and_failover_to_an_alternative_fix(tmp_path, command, done, said):
    engine = hands_on(world(tmp_path, CERT), command)
    assert kinds(engine, ev.FaultFixed) == [(done, ev.FaultFixed("cert", "gw", "ic"))]
    assert kinds(engine, ev.TaskReported)[0][1].findings == [said]


def test_config_push_is_a_fix_action(tmp_path):
    faults = CERT.replace("renew-cert", "config-push")
    engine = hands_on(world(tmp_path, faults), "/handson config-push gw")
    assert kinds(engine, ev.FaultFixed)


# --- scoring stays honest ----------------------------------------------------------------------------------


def test_closing_on_a_mitigation_counts_the_faults_return(tmp_path):
    loaded = world(tmp_path, LEAK)
    engine = hands_on(loaded, "/handson restart api", "/declare sev2", "/mitigated", "/resolve", until=300)
    assert engine.ended and not kinds(engine, ev.FaultReturned)  # the drill stopped before it came back
    f = gather(loaded.scenario, engine.log.entries)
    run, _ = run_curve(f)
    assert run.points[-1] == (241 + 480, 0.25)  # the relief wears off whether or not anyone plays on
    assert run.mitigated_at is None
    outcome = score(loaded.scenario, engine.log.entries).dimension("outcome")
    assert any("still affected" in d.text for d in outcome.deductions)


def test_the_novice_grabs_the_quick_relief_before_the_real_fix(tmp_path):
    loaded = world(tmp_path, LEAK)
    engine = play(loaded, 0, "novice")
    fixes = [a.action for _, a in kinds(engine, ev.TaskAssigned) if a.action != "investigate"]
    assert fixes[:1] == ["restart"]
    assert kinds(engine, ev.FaultMitigated)


def test_the_expert_applies_the_real_fix(tmp_path):
    engine = play(world(tmp_path, LEAK), 0, "expert")
    assert [a.action for _, a in kinds(engine, ev.TaskAssigned) if a.action != "investigate"] == ["rollback"]
    assert kinds(engine, ev.FaultFixed) and not kinds(engine, ev.FaultMitigated)
