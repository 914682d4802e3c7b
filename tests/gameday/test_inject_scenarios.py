"""Injects a scenario without stakeholders declares: a Head of Sales or an executive who exists
only through the inject, and what validation refuses about whose push an inject is."""

from __future__ import annotations

import shutil

import pytest
from injects import SCENARIOS, events

from sim.engine import Engine
from sim.scenario import ScenarioError, load_scenario

EXTRA = """
injects:
  - {id: morgan-pushes, title: Morgan pushes for Sev0, kind: sales-push, person: morgan, account: Initech}
  - {id: priya-swoops, title: Priya wants a customer list, kind: swoop, person: priya, takes: 10m, says: "I need names, now."}
"""


def scenario_with(tmp_path, base: str, extra: str):
    shutil.copytree(SCENARIOS / "orgs", tmp_path / "orgs")
    text = (SCENARIOS / f"{base}.yaml").read_text().split("\n# Optional injects")[0]
    path = tmp_path / f"{base}.yaml"
    path.write_text(text + extra)
    return path


def test_a_push_and_a_swoop_by_people_the_scenario_gave_no_such_part(tmp_path):
    engine = Engine(load_scenario(scenario_with(tmp_path, "payments-db-saturation", EXTRA)), 2)
    engine.advance(200)
    assert engine.submit("/ack")
    assert engine.inject({"inject": "morgan-pushes"}) is None
    assert engine.inject({"inject": "priya-swoops"}) is None
    engine.advance(engine.now + 1)
    assert [(e.person, e.request) for e in events(engine, "executive_requested")] == [("priya", "customer-list")]
    assert events(engine, "person_said")[-1].text == "I need names, now."
    assert engine.submit("/grant")  # the request the IC answers is the injected one
    # Morgan pushes now, then keeps pushing as a scenario's Head of Sales would, until /qualify.
    engine.advance(engine.now + 20 * 60)
    pushes = events(engine, "sales_pushed")
    assert len(pushes) >= 2 and {(p.person, p.account) for p in pushes} == {("morgan", "Initech")}
    assert engine.submit("/qualify")


def test_a_sales_push_by_someone_else_than_the_scenarios_head_of_sales_is_refused(tmp_path):
    extra = "\ninjects:\n  - {id: p, title: push, kind: sales-push, person: luis}\n"
    with pytest.raises(ScenarioError) as err:
        load_scenario(scenario_with(tmp_path, "sale-day-meltdown", extra))
    (problem,) = err.value.problems
    assert problem.headline().endswith(
        "injects[0].person: the scenario's Head of Sales is 'hana'; a sales-push inject leaves `person` out or names them"
    )
