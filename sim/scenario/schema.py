"""The JSON Schema of the scenario format, for editors: completion, hover text, early red lines.

The model is the single statement of the format; this only frames pydantic's output as a
standalone JSON Schema draft-07 document (the draft yaml-language-server and SchemaStore read;
pydantic writes 2020-12's `$defs`, which draft-07 calls `definitions`), closes one gap where it
is looser than the loader, and opens one where it would be stricter: in a scenario, an entry that
overrides an org entry gives only the keys it changes, which the schema cannot tell from a new
entry missing its required keys (the loader can, and says so).
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from sim.scenario.model import Org, Scenario

DRAFT = "http://json-schema.org/draft-07/schema#"
DEFINITIONS = "definitions"

_DESCRIPTIONS = {
    Scenario: (
        "icdrill scenario",
        "One Incident Commander drill: the organisation (services, teams, people, severity policy), "
        "the scheduled faults, the alerts and when the drill ends. Durations are written like 90s, "
        "10m or 1h30m. An `include:` names an org file to build on: an entry named here like one of the "
        "org file's overrides it key by key.",
    ),
    Org: (
        "icdrill org file",
        "Services, teams, people and a severity policy that several scenarios include and build on.",
    ),
}


def json_schema(model: type[BaseModel] = Scenario) -> dict[str, Any]:
    """JSON Schema (draft-07) of the scenario format (or of an org file with ``Org``)."""
    body = model.model_json_schema(mode="validation", ref_template=f"#/{DEFINITIONS}/{{model}}")
    if "$defs" in body:
        body[DEFINITIONS] = body.pop("$defs")
    _close_name_keys(body)
    if model is Scenario:
        _let_overrides_be_partial(body[DEFINITIONS])
    title, description = _DESCRIPTIONS.get(model, (model.__name__, (model.__doc__ or "").strip()))
    body.pop("title", None)
    body.pop("description", None)
    return {"$schema": DRAFT, "title": title, "description": description, **body}


def _close_name_keys(node: Any) -> None:
    """Make maps keyed by names reject keys that are not names, as the loader does.

    pydantic writes ``dict[Name, X]`` as patternProperties plus propertyNames without the
    pattern, which lets a key such as `Payments_DB` through in an editor."""
    if isinstance(node, dict):
        patterns = node.get("patternProperties")
        names = node.get("propertyNames")
        if isinstance(patterns, dict) and len(patterns) == 1 and isinstance(names, dict) and "pattern" not in names:
            names["pattern"] = next(iter(patterns))
        for value in node.values():
            _close_name_keys(value)
    elif isinstance(node, list):
        for value in node:
            _close_name_keys(value)


# The definitions of org entries a scenario may override, and the key a new entry must give.
_OVERRIDABLE = {"Service": "`owner` or `vendor`", "Person": "`team`"}


def _let_overrides_be_partial(definitions: dict[str, Any]) -> None:
    for name, key in _OVERRIDABLE.items():
        entry = definitions[name]
        entry.pop("required", None)
        if entry.pop("oneOf", None) is not None:
            # A partial override may give neither owner nor vendor (or clear the org's owner with
            # `owner: null` to hand the service to a vendor); it may still never give both.
            entry["not"] = {"required": ["owner", "vendor"], "properties": {"owner": {"type": "string"}}}
        entry["description"] += f"\n\n{key} is required in an entry that overrides no org entry."
