"""A scenario entry named like an org entry merges with it key by key (issue 10, item 1).

The fixture org (conftest.py) has ines: {name: Ines Duarte, team: edge, on_call: primary,
skills: [cdn]} on line 9 of orgs/org.yaml; a scenario body starts on line 5 of s.yaml.
"""

from __future__ import annotations

import pytest

from sim.scenario import ScenarioError, load_scenario
from sim.scenario.sources import merge
from sim.scenario.yamlsafe import read_yaml


def test_the_issues_example_keeps_name_skills_and_on_call_slot(with_org):
    # Before: the override replaced ines whole, dropping all three and leaving edge without a primary.
    loaded = load_scenario(with_org("people:\n  ines: {team: edge, reachability: no-connectivity}\n"))
    ines = loaded.scenario.people["ines"]
    assert (ines.name, ines.skills, ines.on_call) == ("Ines Duarte", ["cdn"], "primary")
    assert ines.reachability == "no-connectivity"
    assert loaded.warnings == ()


def test_a_list_or_map_given_replaces_the_orgs_whole(with_org):
    body = "services:\n  auth: {depends_on: {}}\npeople:\n  ines: {skills: [auth]}\n"
    scenario = load_scenario(with_org(body)).scenario
    assert scenario.people["ines"].skills == ["auth"]  # not [cdn, auth]
    assert scenario.services["auth"].depends_on == {}  # the org's sessions edge is gone
    assert scenario.services["auth"].owner == "identity"  # a key not given stays the org's


def test_a_new_entry_still_needs_its_required_keys(with_org):
    with pytest.raises(ScenarioError) as caught:
        load_scenario(with_org("people:\n  kim: {on_call: primary}\n"))
    [problem] = caught.value.problems
    assert (problem.file.endswith("s.yaml"), problem.line, problem.field) == (True, 6, "people.kim.team")
    assert problem.message == "required key 'team' is missing"


def test_each_problem_points_into_the_file_whose_text_gave_the_key(with_org):
    edgy = ("Duarte, team: edge", "Duarte, team: edgy")  # a dangling team in the org's ines
    with pytest.raises(ScenarioError) as caught:
        load_scenario(with_org("people:\n  ines: {skills: [cdnn]}\n", org_edit=edgy))
    found = {(p.file.rsplit("/", 1)[-1], p.line, p.col, p.field) for p in caught.value.problems}
    assert ("org.yaml", 9, 35, "people.ines.team") in found  # the org gave team: its line
    assert ("s.yaml", 6, 19, "people.ines.skills[0]") in found  # the override gave skills: its line
    assert ("s.yaml", 2, 10, "include") in found  # "the included org file has 1 problem": its own


def test_document_for_picks_the_file_per_key(with_org):
    path = with_org("people:\n  ines: {reachability: asleep}\n")
    main, org = read_yaml(path), read_yaml(path.parent / "orgs" / "org.yaml")
    data, sources = merge(main, org)
    assert sources.document_for(("people", "ines", "skills", 0)) is org  # left to the org
    assert sources.document_for(("people", "ines", "reachability")) is main  # given here
    assert sources.document_for(("people", "ines")) is main  # the whole entry: the override
    assert sources.document_for(("people", "ines", "speed")) is main  # in neither: the override
    assert sources.document_for(("people", "omar", "skills")) is org  # not overridden at all
    assert data["people"]["ines"]["name"] == "Ines Duarte"
