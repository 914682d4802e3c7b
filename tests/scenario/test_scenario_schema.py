"""The JSON Schema that `icdrill schema` prints for editors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sim.log.clock import DURATION_PATTERN
from sim.scenario.model import Org
from sim.scenario.schema import DRAFT, json_schema
from sim.scenario.yamlsafe import read_yaml

VALID = Path(__file__).resolve().parent / "valid"
SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"


def _refs(node):
    if isinstance(node, dict):
        if "$ref" in node:
            yield node["$ref"]
        for value in node.values():
            yield from _refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from _refs(value)


def test_schema_frame():
    schema = json_schema()
    assert schema["$schema"] == DRAFT
    assert schema["title"] == "icdrill scenario"
    assert "Incident Commander drill" in schema["description"]
    assert set(schema["required"]) == {"scenario", "faults"}
    assert schema["additionalProperties"] is False
    json.dumps(schema)  # plain JSON all the way down


def test_every_ref_resolves():
    schema = json_schema()
    for ref in _refs(schema):
        assert ref.startswith("#/definitions/")
        assert ref.removeprefix("#/definitions/") in schema["definitions"]


def test_descriptions_and_defaults_reach_the_editor():
    defs = json_schema()["definitions"]
    latency = defs["Person"]["properties"]["ack_latency"]
    assert latency["default"] == "2m"
    assert {"type": "string", "pattern": DURATION_PATTERN} in latency["anyOf"]  # the loader's own grammar
    assert latency["description"] == "Mean time to acknowledge a page."
    assert defs["Fix"]["properties"]["action"]["enum"][0] == "restart"
    assert defs["Service"]["additionalProperties"] is False


def test_name_keyed_maps_reject_keys_that_are_not_names():
    services = json_schema()["properties"]["services"]
    assert services["propertyNames"]["pattern"] == "^[a-z][a-z0-9-]*$"


def test_org_schema():
    schema = json_schema(Org)
    assert schema["title"] == "icdrill org file"
    assert "faults" not in schema["properties"]


def test_valid_fixtures_validate_against_the_schema():
    jsonschema = pytest.importorskip("jsonschema")  # not a dependency; used when present
    validator = jsonschema.Draft7Validator(json_schema())
    validator.check_schema(json_schema())
    for name in ("minimal.yaml", "with_include.yaml"):
        validator.validate(read_yaml(VALID / name).data)


def test_shipped_files_validate_with_the_draft_editors_read():
    # yaml-language-server and SchemaStore read JSON Schema draft-07; so must every shipped file.
    jsonschema = pytest.importorskip("jsonschema")
    assert json_schema()["$schema"] == jsonschema.Draft7Validator.META_SCHEMA["$schema"]
    shipped = SCENARIOS.glob("*.yaml")
    orgs = (SCENARIOS / "orgs").glob("*.yaml")
    for paths, model in ((shipped, None), (orgs, Org)):
        validator = jsonschema.Draft7Validator(json_schema(model) if model else json_schema())
        for path in paths:
            errors = [e.message for e in validator.iter_errors(read_yaml(path).data)]
            assert not errors, (path.name, errors)
    broken = {"scenario": {"id": "x", "title": "x"}, "faults": [{"id": "a", "at": "soon", "service": "s"}]}
    assert not jsonschema.Draft7Validator(json_schema()).is_valid(broken)


def test_an_override_that_gives_only_the_keys_it_changes_is_not_flagged_in_an_editor():
    # In a scenario, `dana: {reachability: on-a-plane}` overrides the org's dana key by key; the
    # editor cannot see the org file, so it must not ask for `team`. The loader still asks a new
    # person for it. In an org file every person is whole, and team stays required.
    jsonschema = pytest.importorskip("jsonschema")
    scenario = {
        "scenario": {"id": "x", "title": "x"},
        "include": "orgs/acme.yaml",
        "services": {"payments-api": {"catalog_owner": "storefront"}},
        "people": {"dana": {"reachability": "on-a-plane"}},
        "faults": [{"id": "a", "at": "1m", "service": "s", "fix": {"action": "restart", "target": "s"}}],
    }
    assert jsonschema.Draft7Validator(json_schema()).is_valid(scenario)
    assert "team" in json_schema()["definitions"]["Person"]["description"]  # says when it is needed
    assert not jsonschema.Draft7Validator(json_schema(Org)).is_valid({"people": {"dana": {"reachability": "asleep"}}})
