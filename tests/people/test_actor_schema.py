"""Every actor parameter is documented in the JSON Schema, with its default where it has one."""

import pytest

from sim.scenario.model import Org
from sim.scenario.schema import json_schema

ACTORS = ["Person", "Behaviour", "Escalation", "Manager", "HeadOfSales", "Executive", "Conflict", "Proposal", "Stakeholders"]
REQUIRED_OK = {("Manager", "person"), ("HeadOfSales", "person"), ("Executive", "person"), ("Person", "team"),
               ("Conflict", "id"), ("Conflict", "at"), ("Conflict", "proposals"), ("Proposal", "person"),
               ("Proposal", "action"), ("Proposal", "target"), ("Proposal", "evidence")}  # fmt: skip


@pytest.mark.parametrize("actor", ACTORS)
def test_actor_parameters_have_descriptions_and_defaults(actor):
    # A person's full entry is the org file's: in a scenario it may override an org person with
    # only the keys it changes, so the scenario schema requires none of them.
    definition = (json_schema(Org) if actor == "Person" else json_schema())["definitions"][actor]
    for name, prop in definition["properties"].items():
        if (actor, name) in REQUIRED_OK:
            assert name in definition.get("required", []), f"{actor}.{name} should be required"
        else:
            assert "default" in prop, f"{actor}.{name} has no default"
        assert prop.get("description"), f"{actor}.{name} has no description"


def test_defaults_are_shown_as_authors_write_them():
    behaviour = json_schema()["definitions"]["Behaviour"]["properties"]
    assert behaviour["broadcast_delay"]["default"] == "6m"
    assert behaviour["relay_distortion"]["default"] == 0.5
