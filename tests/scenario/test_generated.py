"""Generated organisations (sim/scenario/generate.py): valid, deterministic, and playable to the end."""

from __future__ import annotations

import pytest

from sim.play.drill import play
from sim.scenario import load_scenario
from sim.scenario.generate import generated_org_yaml, generated_scenario_yaml, write_generated
from sim.scenario.loader import check_file
from sim.scenario.yamlsafe import MAX_ALIASES, read_yaml


@pytest.mark.parametrize("size", [10, 100, 1000])
def test_generated_scenario_validates_and_the_expert_resolves_it(tmp_path, size):
    path = write_generated(tmp_path, size)
    checked = check_file(path, str(path))
    assert checked.problems == [] and checked.warnings == []
    loaded = load_scenario(path)
    assert len(loaded.scenario.services) == size
    assert sum(s.traffic for s in loaded.scenario.services.values()) == pytest.approx(1.0)
    engine = play(loaded, 0, "expert")
    assert engine.log.entries[-1].event.reason == "resolved"


def test_a_self_contained_file_is_the_same_scenario_as_scenario_plus_org(tmp_path):
    single = tmp_path / "single.yaml"
    single.write_text(generated_scenario_yaml(100), encoding="utf-8")
    split = load_scenario(write_generated(tmp_path / "split", 100)).scenario
    assert load_scenario(single).scenario == split.model_copy(update={"include": None})


def test_the_same_size_and_seed_give_the_same_bytes_and_another_seed_another_org():
    assert generated_scenario_yaml(100) == generated_scenario_yaml(100)
    assert generated_org_yaml(100, seed=1) != generated_org_yaml(100, seed=2)


def test_the_large_organisation_weighs_what_an_author_writes(tmp_path):
    """Defaults spelled out and anchors used: far more values than the old 20,000 budget, yet
    within the alias limit."""
    path = tmp_path / "big.yaml"
    text = generated_scenario_yaml(1000)
    path.write_text(text, encoding="utf-8")
    doc = read_yaml(path)
    assert len(doc.values) + len(doc.keys) > 20_000
    assert 100 < text.count(": *") + text.count(", *") <= MAX_ALIASES
