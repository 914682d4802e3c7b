"""The format of remedies, growth steps and impact shares: what validates, and what each mistake says."""

from __future__ import annotations

import pytest

from sim.scenario import ScenarioError, load_scenario

HEAD = """\
scenario: {id: s, title: S}
services:
  web: {owner: app, traffic: 1.0, depends_on: {api: hard}}
  api: {owner: app}
  internal: {owner: app}
teams: {app: {}}
people:
  ann: {team: app}
"""


def load(tmp_path, text):
    path = tmp_path / "s.yaml"
    path.write_text(HEAD + text)
    return load_scenario(path)


def problems(tmp_path, text):
    with pytest.raises(ScenarioError) as err:
        load(tmp_path, text)
    return [p.headline() for p in err.value.problems]


def test_one_growth_step_to_degraded_is_fine_now(tmp_path):
    loaded = load(tmp_path, "faults:\n  - {id: f, at: 1m, service: api, grows: {after: 5m, to: degraded, share: 0.9}, fix: {action: restart, target: api}}\n")
    (step,) = loaded.scenario.faults[0].grows
    assert (step.after, step.to, step.share) == (300, "degraded", 0.9)


def test_a_growth_step_cannot_make_a_fault_better(tmp_path):
    (found,) = problems(tmp_path, "faults:\n  - {id: f, at: 1m, service: api, effect: down, grows: {after: 5m, to: degraded}, fix: {action: restart, target: api}}\n")
    assert "faults[0].grows.to: the fault is already down by this step; growth only makes a fault worse" in found


def test_grows_written_as_text_says_what_it_takes(tmp_path):
    (found,) = problems(tmp_path, "faults:\n  - {id: f, at: 1m, service: api, grows: 10m, fix: {action: restart, target: api}}\n")
    assert "faults[0].grows: expected a growth step" in found and "or a list of them" in found


def test_the_same_action_twice_on_a_fault_is_ambiguous(tmp_path):
    text = "faults:\n  - id: f\n    at: 1m\n    service: api\n    fix: {action: restart, target: api}\n    remedies: [{action: restart, target: api, does: worsens}]\n"
    (found,) = problems(tmp_path, text)
    assert "faults[0].remedies[0].action: restart api is already an action on this fault (line 13)" in found


def test_a_remedy_names_people_and_services_that_exist(tmp_path):
    text = "faults:\n  - id: f\n    at: 1m\n    service: api\n    fix: {action: restart, target: api}\n    remedies: [{action: rollback, target: apii, people: [an], does: fixes}]\n"
    found = problems(tmp_path, text)
    assert any("faults[0].remedies[0].target: service 'apii' is not defined; did you mean 'api'?" in p for p in found)
    assert any("faults[0].remedies[0].people[0]: person 'an' is not defined" in p for p in found)


def test_an_alternative_fix_someone_can_reach_keeps_the_drill_winnable(tmp_path):
    people = "  ines: {team: app, reachability: on-a-plane}\n"
    fault = "faults:\n  - id: f\n    at: 1m\n    service: api\n    fix: {action: restart, target: api, people: [ines]}\n"
    assert any("nobody who can apply this fix can be reached" in p for p in problems(tmp_path, people + fault))
    alternative = "    remedies: [{action: rollback, target: api, people: [ann], does: fixes}]\n"
    load(tmp_path, people + fault + alternative)  # validates
    mitigation = "    remedies: [{action: rollback, target: api, people: [ann], does: mitigates, lasts: 5m}]\n"
    assert any("nobody who can apply this fix can be reached" in p for p in problems(tmp_path, people + fault + mitigation))


def test_impact_services_names_entry_services(tmp_path):
    fault = "faults:\n  - {id: f, at: 1m, service: api, fix: {action: restart, target: api}}\n"
    found = problems(tmp_path, fault + "impact: {services: {webb: 0.2, internal: 0.3}}\n")
    assert any("impact.services.webb: service 'webb' is not defined; did you mean 'web'?" in p for p in found)
    assert any("impact.services.internal: 'internal' has no customer traffic" in p for p in found)
