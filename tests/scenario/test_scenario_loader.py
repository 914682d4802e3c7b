"""Loading valid scenarios: the include merge, the content hash, and the public error type."""

from __future__ import annotations

import hashlib
import io
import random
import shutil
from pathlib import Path

import pytest

from sim.scenario import LoadedScenario, ScenarioError, load_scenario, print_problems, validate_paths
from sim.scenario.loader import check_file
from tests.scenario.damage import damaged

VALID = Path(__file__).resolve().parent / "valid"
CORPUS = Path(__file__).resolve().parent / "malformed"


def test_minimal_scenario_loads_with_defaults():
    loaded = load_scenario(VALID / "minimal.yaml")
    assert isinstance(loaded, LoadedScenario)
    assert loaded.path == VALID / "minimal.yaml"
    assert loaded.scenario.scenario.id == "minimal"
    assert loaded.scenario.faults[0].at == 120
    assert loaded.scenario.people["dana"].ack_latency == 120  # the "2m" default
    assert [level.name for level in loaded.scenario.severity.levels] == ["Sev0", "Sev1", "Sev2", "Sev3"]
    assert loaded.content_hash == hashlib.sha256((VALID / "minimal.yaml").read_bytes()).hexdigest()


def test_include_merges_org_and_scenario_entries_merge_key_by_key():
    scenario = load_scenario(VALID / "with_include.yaml").scenario
    assert set(scenario.services) == {"web", "payments-api", "payments-db", "search"}
    assert scenario.services["payments-db"].tier == 1  # the scenario's key replaced the org's
    assert scenario.people["dana"].ack_latency == 360  # the override's key ...
    assert scenario.people["dana"].skills == ["payments-api", "payments-db"]  # ... and the org's it left alone
    assert scenario.people["lee"].skills == ["payments-db"]  # untouched org entry
    assert [level.name for level in scenario.severity.levels] == ["P1", "P2", "P3"]  # the org's policy
    assert scenario.end.time_limit == 3600


def test_scenario_severity_replaces_the_orgs(tmp_path):
    shutil.copytree(VALID, tmp_path / "v")
    path = tmp_path / "v" / "with_include.yaml"
    path.write_text(path.read_text() + "severity:\n  first_update: 2m\n")
    scenario = load_scenario(path).scenario
    assert scenario.severity.first_update == 120
    assert [level.name for level in scenario.severity.levels] == ["Sev0", "Sev1", "Sev2", "Sev3"]


def test_other_org_sections_are_taken_whole_unless_the_scenario_gives_them(tmp_path):
    shutil.copytree(VALID, tmp_path / "v")
    org = tmp_path / "v" / "orgs" / "acme.yaml"
    org.write_text(org.read_text() + "escalation:\n  timeout: 3m\nbehaviour:\n  task_ack: 1m\n")
    path = tmp_path / "v" / "with_include.yaml"
    path.write_text(path.read_text() + "behaviour:\n  owner_lookup: 1m\n")
    scenario = load_scenario(path).scenario
    assert scenario.escalation.timeout == 180  # from the org
    assert scenario.behaviour.owner_lookup == 60  # the scenario's own section ...
    assert scenario.behaviour.task_ack == 40  # ... replaces the org's whole: back to the default


def test_content_hash_covers_the_included_org_file(tmp_path):
    shutil.copytree(VALID, tmp_path / "v")
    path = tmp_path / "v" / "with_include.yaml"
    before = load_scenario(path).content_hash
    org = tmp_path / "v" / "orgs" / "acme.yaml"
    org.write_text(org.read_text().replace("name: Storage", "name: Storage and Databases"))
    after = load_scenario(path).content_hash
    assert before != after
    assert after == hashlib.sha256(path.read_bytes() + org.read_bytes()).hexdigest()


def test_problem_in_org_is_reported_at_the_org_files_line(tmp_path):
    shutil.copytree(VALID, tmp_path / "v")
    org = tmp_path / "v" / "orgs" / "acme.yaml"
    org.write_text(org.read_text().replace("    team: storage\n", "    team: storag\n"))
    with pytest.raises(ScenarioError) as caught:
        load_scenario(tmp_path / "v" / "with_include.yaml")
    in_org = [p for p in caught.value.problems if p.file.endswith("orgs/acme.yaml")]
    assert [(p.field, p.line) for p in in_org] == [("people.lee.team", 43)]
    assert "did you mean 'storage'?" in in_org[0].message


def test_scenario_error_lists_every_problem_in_order():
    with pytest.raises(ScenarioError) as caught:
        load_scenario(CORPUS / "multi-structural.yaml")
    err = caught.value
    assert len(err.problems) == 5
    assert [p.line for p in err.problems] == sorted(p.line for p in err.problems)
    assert str(err) == "\n".join(p.format() for p in err.problems)


def test_load_scenario_on_an_org_file_says_what_is_missing():
    with pytest.raises(ScenarioError) as caught:
        load_scenario(VALID / "orgs" / "acme.yaml")
    [problem] = caught.value.problems  # one line, not a "missing" line for every scenario key
    assert problem.message.startswith("this reads as an org file, not a scenario: it has no `scenario:`, `faults:`")
    assert "`include:`" in problem.message
    assert validate_paths([str(VALID / "orgs" / "acme.yaml")]) == []  # a sound org file


def _lines_from_run(path: Path) -> list[str]:
    try:
        load_scenario(path)
    except ScenarioError as err:
        return [p.format() for p in err.problems]
    return []


@pytest.mark.parametrize("name", sorted(p.name for p in CORPUS.glob("*.yaml")))
def test_run_and_validate_report_the_same_problems(name):
    """`icdrill run` (load_scenario) and `icdrill validate` judge a file through one path."""
    lines = _lines_from_run(CORPUS / name)
    assert lines  # every corpus file is broken
    assert lines == [p.format() for p in validate_paths([str(CORPUS / name)])]


def test_a_file_with_its_scenario_keys_misspelt_is_still_a_scenario():
    # No `scenario:` and no `faults:`: once read as an org file by `validate` (two unknown keys,
    # no hint) and as a scenario by `run` (two did-you-means).
    path = CORPUS / "misspelt-scenario-keys.yaml"
    expected = [
        f"{path}:2:1: senario: unknown key 'senario'; did you mean 'scenario'?",
        f"{path}:19:1: fault: unknown key 'fault'; did you mean 'faults'?",
    ]
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path)
    assert [p.headline() for p in caught.value.problems] == expected
    assert [p.headline() for p in validate_paths([str(path)])] == expected


def test_an_include_of_a_scenario_is_judged_by_the_same_reading(tmp_path):
    shutil.copytree(VALID, tmp_path / "v")
    org = tmp_path / "v" / "orgs" / "acme.yaml"
    org.write_text(org.read_text() + "alert:\n  - id: x\n")  # a scenario's `alerts:`, misspelt
    on_its_own = [p.message for p in validate_paths([str(org)])]
    assert "unknown key 'alert'; did you mean 'alerts'?" in on_its_own  # checked as a scenario ...
    with pytest.raises(ScenarioError) as caught:
        load_scenario(tmp_path / "v" / "with_include.yaml")
    [problem] = caught.value.problems  # ... and refused as one by the scenario that includes it
    assert problem.field == "include"
    assert "is a scenario (it has `alert:`, read as `alerts:`)" in problem.message


def test_missing_file_is_a_problem_not_an_exception():
    with pytest.raises(ScenarioError, match="no such file"):
        load_scenario(VALID / "nope.yaml")


def test_validate_paths_walks_folders_and_accepts_org_files():
    assert validate_paths([str(VALID)]) == []


def test_validate_paths_reports_missing_paths_and_empty_folders(tmp_path):
    problems = validate_paths([str(tmp_path), str(tmp_path / "missing.yaml")])
    assert [p.message for p in problems] == ["no .yaml or .yml files in this folder", "no such file or folder"]


def test_print_problems_output_and_verdict():
    out, err = io.StringIO(), io.StringIO()
    assert print_problems([str(VALID)], out=out, err=err) is True
    assert out.getvalue() == "ok: 3 files\n"
    out, err = io.StringIO(), io.StringIO()
    assert print_problems([str(CORPUS / "bad-fix-action.yaml")], out=out, err=err) is False
    assert "did you mean 'restart'?\n          action: reboot\n                  ^\n" in out.getvalue()
    assert err.getvalue() == "1 problem found checking 1 file\n"


def test_mangled_files_never_escape_as_exceptions(tmp_path):
    """Seeded random damage to valid files: always problems, never an exception or internal error."""
    rng = random.Random(20240611)  # a local generator: no global random state
    sources = [p.read_bytes() for p in sorted(VALID.rglob("*.yaml"))]
    pieces = [b":", b"- ", b"\t", b"[", b"}", b"&a ", b"*a", b"!!int ", b"'", b'"', b"<<: *a\n", b"~", b"\xff", b"? "]
    path = tmp_path / "orgs"
    shutil.copytree(VALID / "orgs", path)
    target = tmp_path / "mangled.yaml"
    for _ in range(100):
        data = damaged(rng.choice(sources), rng, pieces, longest_cut=12)
        target.write_bytes(data)
        for problem in check_file(target, "mangled.yaml").problems:
            assert "internal error" not in problem.message, data
            problem.format()


def test_one_reachable_person_who_can_fix_makes_the_fault_winnable(tmp_path):
    # The corpus file with every fixer unreachable is refused; give one of them a connection.
    text = (Path(__file__).parent / "malformed" / "fault-fixer-unreachable.yaml").read_text()
    path = tmp_path / "s.yaml"
    path.write_text(text.replace("reachability: no-connectivity", "reachability: asleep"))
    assert load_scenario(path).scenario.people["omar"].reachability == "asleep"
    path.write_text(text)
    with pytest.raises(ScenarioError, match="nobody who can apply this fix can be reached"):
        load_scenario(path)
