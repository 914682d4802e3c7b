"""The `levels:` of a scenario file (issue 14): how a bad level is reported, and what each factor scales."""

from __future__ import annotations

from pathlib import Path

import pytest

from sim.scenario import ScenarioError, load_scenario
from sim.scenario.levels import UnknownLevel, at_level, scale
from sim.scenario.model import Level

ROOT = Path(__file__).resolve().parents[2]
TINY = (ROOT / "tests" / "fixtures" / "tiny.yaml").read_text(encoding="utf-8")

BAD_LEVELS = """\
levels:
  - id: hard
    title: Hard
    noize: 2
  - id: Hard2
    title: "Two"
    responders: 0
    pressure: lots
  - id: hard
    summary: |
      two
      lines
    noise: yes
  - title: "   "
    noise: 11
"""


def write(tmp_path: Path, extra: str) -> Path:
    path = tmp_path / "levelled.yaml"
    path.write_text(TINY + extra, encoding="utf-8")
    return path


def test_every_bad_level_is_reported_in_one_pass_at_its_place(tmp_path):
    path = write(tmp_path, BAD_LEVELS)
    first = len(TINY.splitlines()) + 2  # the line of the first level's `- id: hard`
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path)
    found = [(p.line - first, p.col, p.field, p.message) for p in caught.value.problems]
    assert found == [
        (2, 5, "levels[0].noize", "unknown key 'noize'; did you mean 'noise'?"),
        (3, 9, "levels[1].id", "'Hard2' is not a valid name; names use lowercase letters, digits and '-', start with a letter, and are at most 64 long"),
        (5, 17, "levels[1].responders", "must be at least 0.25; found 0"),
        (6, 15, "levels[1].pressure", "expected a number; found 'lots'"),
        (7, 5, "levels[2].title", "required key 'title' is missing"),
        (7, 9, "levels[2].id", f"duplicate level id 'hard' (first at line {first})"),
        (8, 14, "levels[2].summary", "must be one line (a YAML block written with | keeps its line breaks)"),
        (11, 12, "levels[2].noise", "expected a number; found true (YAML reads an unquoted yes, no, on or off as true or false)"),
        (12, 5, "levels[3].id", "required key 'id' is missing"),
        (12, 12, "levels[3].title", "a level's title must not be blank"),
        (13, 12, "levels[3].noise", "must be at most 10.0; found 11"),
    ]
    assert all(p.file == str(path) for p in caught.value.problems)


def test_levels_must_be_a_list_of_mappings(tmp_path):
    with pytest.raises(ScenarioError) as caught:
        load_scenario(write(tmp_path, "levels: {hard: {title: Hard}}\n"))
    [problem] = caught.value.problems
    assert problem.field == "levels" and problem.message.startswith("expected a list")


LEVELS = """\
levels:
  - {id: slow, title: Slow responders, responders: 2}
  - {id: rush, title: Everyone at once, noise: 4, responders: 0.5, pressure: 3}
"""


def test_responders_scale_every_persons_and_the_behaviours_timings(tmp_path):
    written = load_scenario(write(tmp_path, LEVELS))
    slow = at_level(written, "slow")
    assert slow.level == "slow" and slow.content_hash == written.content_hash and slow.path == written.path
    for pid, person in written.scenario.people.items():
        assert slow.scenario.people[pid].ack_latency == 2 * person.ack_latency
        assert slow.scenario.people[pid].speed == person.speed / 2
    before, after = written.scenario.behaviour, slow.scenario.behaviour
    for name in ("task_ack", "broadcast_delay", "owner_lookup", "comms_lag", "scribe_lag", "tech_lead_lag", "evidence_lag"):
        assert getattr(after, name) == 2 * getattr(before, name), name
    assert after.question_wait == before.question_wait  # how long a responder waits on the IC is not their speed
    assert slow.scenario.alerts == written.scenario.alerts and slow.scenario.stakeholders == written.scenario.stakeholders
    assert written.scenario.people["ann"].ack_latency == 60  # the scenario as written is left alone


def test_noise_is_capped_and_pressure_brings_the_drama_sooner():
    card = load_scenario(ROOT / "scenarios" / "card-network-outage.yaml")
    louder = [a.model_copy(update={"noise": 0.3}) if a.noise else a for a in card.scenario.alerts]
    scaled = scale(card.scenario.model_copy(update={"alerts": louder}), Level(id="rush", title="Rush", noise=10, pressure=4))
    noisy = {a.id for a in louder if a.noise}
    assert noisy and all(a.noise == 1.0 for a in scaled.alerts if a.id in noisy)  # a chance stays a chance
    assert all(a.noise == 0 for a in scaled.alerts if a.id not in noisy)  # a quiet alert stays quiet
    sales, exec_ = card.scenario.stakeholders.head_of_sales, card.scenario.stakeholders.executive
    assert scaled.stakeholders.head_of_sales.starts == sales.starts // 4
    assert scaled.stakeholders.head_of_sales.every == sales.every // 4
    assert scaled.stakeholders.executive.at == round(exec_.at / 4)
    assert scaled.stakeholders.executive.grabs_after == round(exec_.grabs_after / 4)
    assert scaled.stakeholders.head_of_sales.lines == sales.lines  # only times change


def test_a_scaled_time_never_reaches_zero(tmp_path):
    written = load_scenario(write(tmp_path, LEVELS))
    tiny_step = written.scenario.model_copy(update={"behaviour": written.scenario.behaviour.model_copy(update={"scribe_lag": 1})})
    assert scale(tiny_step, Level(id="x", title="x", responders=0.25)).behaviour.scribe_lag == 1


def test_an_unknown_level_is_refused_with_the_scenarios_levels(tmp_path):
    written = load_scenario(write(tmp_path, LEVELS))
    with pytest.raises(UnknownLevel, match=r"no level 'hard' in scenario 'tiny': its levels are slow, rush"):
        at_level(written, "hard")
    plain = load_scenario(ROOT / "tests" / "fixtures" / "tiny.yaml")
    with pytest.raises(UnknownLevel, match="it declares no levels"):
        at_level(plain, "slow")


def test_a_level_is_applied_once_and_kept_per_scenario(tmp_path):
    written = load_scenario(write(tmp_path, LEVELS))
    assert at_level(written, None) is written
    slow = at_level(written, "slow")
    assert at_level(written, "slow").scenario is slow.scenario  # derived data (graph, catalog) is built once
    assert at_level(slow, "slow") is slow
    with pytest.raises(ValueError, match="already at level 'slow'"):
        at_level(slow, "rush")
