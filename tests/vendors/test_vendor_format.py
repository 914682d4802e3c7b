"""The scenario format for vendors and richer alerts: what validates, what is refused and where."""

from __future__ import annotations

from pathlib import Path

import pytest

from sim.scenario import load_scenario
from sim.scenario.model import Org
from sim.scenario.schema import json_schema
from sim.scenario.validate import validate_paths
from sim.scenario.yamlsafe import read_yaml

HERE = Path(__file__).resolve().parent
MALFORMED = HERE / "malformed"
FIXTURE = HERE / "fixtures" / "card-outage.yaml"


def headlines(name: str) -> list[str]:
    return [p.headline().removeprefix(str(MALFORMED) + "/") for p in validate_paths([str(MALFORMED / name)])]


def test_a_service_with_both_owner_and_vendor_is_refused_at_its_place():
    assert headlines("owner-and-vendor.yaml") == [
        "owner-and-vendor.yaml:5:5: services.cards: give exactly one of owner (the internal team that runs the "
        "service) and vendor (the third party that runs it); found both"
    ]


def test_a_service_with_neither_owner_nor_vendor_is_refused_at_its_place():
    assert headlines("neither-owner-nor-vendor.yaml") == [
        "neither-owner-nor-vendor.yaml:5:5: services.cards: give exactly one of owner (the internal team that runs "
        "the service) and vendor (the third party that runs it); found neither"
    ]


def test_a_fix_on_a_vendor_service_must_name_who_applies_it():
    found = headlines("vendor-fix-names-nobody.yaml")
    assert "vendor-fix-names-nobody.yaml:5:42: services.cards.vendor.ticket_reply: '5 minutes' is not a duration; write it like 90s, 10m or 1h30m" in found
    assert (
        "vendor-fix-names-nobody.yaml:14:5: faults[0].fix: nobody can apply this fix: 'cards' is run by 'Stripe', "
        "a third party, so no internal team owns it; name who may apply the fix in fix.teams or fix.people"
    ) in found
    assert len(found) == 2


def test_vendor_defaults():
    vendor = load_scenario(FIXTURE).scenario.services["cards"].vendor
    assert (vendor.status_page_lag, vendor.ticket_reply, vendor.resolves_after) == (600, 900, 4200)
    bare = type(vendor)()
    assert (bare.name, bare.status_page_lag, bare.ticket_reply, bare.resolves_after) == (None, 900, 1200, None)
    assert bare.ticket_answer.startswith("Thanks for contacting support")


def test_schema_documents_vendors_and_alerts_and_accepts_the_fixture():
    defs = json_schema()["definitions"]
    for name, prop in defs["Vendor"]["properties"].items():
        assert prop.get("description") and "default" in prop, name
    # An org file's service gives exactly one; a scenario's may override either, never give both.
    assert json_schema(Org)["definitions"]["Service"]["oneOf"] == [{"required": ["owner"]}, {"required": ["vendor"]}]
    assert defs["Service"]["not"] == {"required": ["owner", "vendor"], "properties": {"owner": {"type": "string"}}}
    alert = defs["Alert"]["properties"]
    assert alert["noise_when"]["enum"] == ["healthy", "always"] and alert["noise_when"]["default"] == "healthy"
    assert alert["severity"]["enum"] == ["critical", "warning", "info"]
    assert alert["delay"]["description"] and alert["flaps"]["description"]
    jsonschema = pytest.importorskip("jsonschema")
    validator = jsonschema.Draft7Validator(json_schema())
    validator.validate(read_yaml(FIXTURE).data)
    both = read_yaml(MALFORMED / "owner-and-vendor.yaml").data
    assert not validator.is_valid(both)


ACME = HERE.parents[1] / "scenarios" / "orgs" / "acme.yaml"
HANDED_OVER = """\
scenario: {id: handed-over, title: Handed over}
include: orgs/acme.yaml
services:
  payments-api: {owner: null, vendor: {name: PayCo}}
faults:
  - {id: f, at: 1m, service: payments-api, fix: {action: failover, target: payments-api%s}}
"""


def test_an_org_service_handed_to_a_vendor_with_owner_null_needs_its_fixers_named(tmp_path):
    """`owner: null` clears the org's owner; the fix then has no owning team to fall back on."""
    (tmp_path / "orgs").mkdir()
    (tmp_path / "orgs" / "acme.yaml").write_text(ACME.read_text())
    path = tmp_path / "handed-over.yaml"
    path.write_text(HANDED_OVER % "")
    [problem] = validate_paths([str(path)])
    assert (problem.line, problem.field) == (6, "faults[0].fix")
    assert "'payments-api' is run by 'PayCo', a third party" in problem.message
    path.write_text(HANDED_OVER % ", teams: [payments]")
    loaded = load_scenario(path)
    assert loaded.scenario.services["payments-api"].owner is None
    assert loaded.scenario.services["payments-api"].vendor.name == "PayCo"
