"""Shipped names agree with ids (issue 11): `omar` is Omar Benali, not whoever Faker drew, so the
person a message comes from is the person `/dm omar` reaches. Every person in every shipped file
(the orgs and the scenarios, and so every scenario as loaded) has a name whose first word,
lower-cased, is their id.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from sim.scenario import load_scenario

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"
FILES = sorted(SCENARIOS.rglob("*.yaml"))


def _mismatches(people: dict) -> list[str]:
    wrong = []
    for pid, spec in people.items():
        name = (spec or {}).get("name") if isinstance(spec, dict) else getattr(spec, "name", None)
        if not name or name.split()[0].lower() != pid:
            wrong.append(f"{pid}: {name!r}")
    return wrong


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(SCENARIOS)))
def test_every_person_in_a_shipped_file_is_named_after_their_id(path):
    people = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("people") or {}
    assert _mismatches(people) == []


@pytest.mark.parametrize("path", sorted(SCENARIOS.glob("*.yaml")), ids=lambda p: p.stem)
def test_every_person_of_a_loaded_scenario_is_named_after_their_id(path):
    people = load_scenario(path).scenario.people
    assert people and _mismatches(dict(people)) == []
