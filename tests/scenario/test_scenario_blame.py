"""A problem the scenario's own data makes is reported in the scenario, at the override, never as
"the included org file has N problems" (issue 10, item 1): the org file is blamed only for the
problems it has alone.

The fixture org (conftest.py) has auth -> sessions on line 3 and validates alone; cdn carries
0.6 of the traffic. A scenario body starts on line 5 of s.yaml.
"""

from __future__ import annotations

import pytest

from sim.scenario import ScenarioError, load_scenario, validate_paths
from sim.scenario.loader import _blame_the_scenario
from sim.scenario.problems import Problem
from sim.scenario.sources import merge
from sim.scenario.yamlsafe import read_yaml


def _problems(path):
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path)
    return [(p.file.rsplit("/", 1)[-1], p.line, p.col, p.field, p.message) for p in caught.value.problems]


def test_a_cycle_closed_by_the_override_is_the_scenarios(with_org):
    path = with_org("services:\n  sessions: {depends_on: {auth: hard}}\n")
    assert validate_paths([str(path.parent / "orgs" / "org.yaml")]) == []  # the org is fine alone
    [(file, line, col, field, message)] = _problems(path)  # and no "the included org file has ..."
    assert (file, line, col, field) == ("s.yaml", 6, 27, "services.sessions.depends_on.auth")
    assert message.startswith("dependency cycle auth -> sessions -> auth")


def test_traffic_pushed_over_one_by_the_override_is_the_scenarios(with_org):
    path = with_org("services:\n  auth: {traffic: 0.5}\n")  # auth comes before cdn in the org
    [(file, line, _, field, message)] = _problems(path)
    assert (file, line, field) == ("s.yaml", 6, "services.auth.traffic")
    assert "add up to 1.10" in message


def test_the_orgs_own_problem_is_still_the_org_files(with_org):
    path = with_org("people:\n  omar: {speed: 2}\n", org_edit=("Sato, team: identity", "Sato, team: identiy"))
    found = _problems(path)
    assert [f[:4] for f in found] == [("org.yaml", 11, 33, "people.yuki.team"), ("s.yaml", 2, 10, "include")]
    assert found[1][4].startswith("the included org file has 1 problem, listed under ")


def test_a_section_that_is_not_a_mapping_is_one_problem_not_one_per_org_reference(with_org):
    # `teams: [edge]` hides the org's teams: every org person's team would dangle, in the org file.
    assert _problems(with_org("teams: [edge]\n")) == [
        ("s.yaml", 5, 8, "teams", "expected a mapping of keys and values; found a list")
    ]


def test_any_other_problem_the_org_lacks_alone_moves_to_the_scenario(with_org):
    # The rules above point at the scenario's text themselves; this is the net under them.
    path = with_org("people:\n  omar: {speed: 2}\n")
    main, org = read_yaml(path), read_yaml(path.parent / "orgs" / "org.yaml")
    _, sources = merge(main, org)
    made = [Problem(org.file, 10, 9, "people.omar.name", "made up"), Problem(org.file, 2, 3, "services.cdn", "also")]
    moved = _blame_the_scenario(made, org, sources)
    assert [(p.file, p.line, p.field) for p in moved] == [(main.file, 6, "people.omar"), (main.file, 2, "include")]
    assert moved[0].message.startswith("made up (people.omar.name at ")
    assert moved[1].message.startswith("services.cdn at ") and "the org file alone does not have this problem" in moved[1].message
