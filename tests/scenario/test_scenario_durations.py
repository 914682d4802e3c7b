"""Durations: the loader and the JSON Schema that editors check judge every text the same way.

Both use the one grammar in sim/log/clock.py; these cases are where the two used to part (the
loader took `10s1h` and `5m5m`, the schema took ``""``), and where Python's regex and an
editor's could still part (other scripts' digits, a trailing newline, spaces).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sim.scenario import ScenarioError, load_scenario
from sim.scenario.schema import json_schema
from sim.scenario.yamlsafe import read_yaml

jsonschema = pytest.importorskip("jsonschema")

MINIMAL = Path(__file__).resolve().parent / "valid" / "minimal.yaml"

# as written in the file -> seconds, or None when it is not a duration
CASES: dict[object, int | None] = {
    "0": 0,
    "90s": 90,
    "10m": 600,
    "1h30m": 5400,
    "1h2m3s": 3723,
    "2h30s": 7230,
    "0s": 0,
    "10s1h": None,  # parts out of order
    "5m5m": None,  # a part twice
    "1m1h": None,
    "": None,  # no part at all
    "5": None,  # a number without a unit
    "00": None,
    "h": None,
    "1.5m": None,
    "10M": None,
    "-5m": None,
    " 10m": None,
    "10m ": None,
    "10m\n": None,
    "\u0661\u0660m": None,  # Arabic-Indic digits: Python's \d would take them
    0: 0,  # YAML reads `ack_latency: 0` as a number
    90: None,  # seconds or minutes? the loader does not guess
    True: None,
}


def _write(tmp_path: Path, value: object) -> Path:
    # JSON text is YAML, so json.dumps writes any of the cases exactly (quoted, escaped).
    text = MINIMAL.read_text().replace("    on_call: primary\n", f"    on_call: primary\n    ack_latency: {json.dumps(value)}\n")
    path = tmp_path / "scenario.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _loader(path: Path) -> int | None:
    try:
        return load_scenario(path).scenario.people["dana"].ack_latency
    except ScenarioError as err:
        assert [p.field for p in err.problems] == ["people.dana.ack_latency"], str(err)
        return None


@pytest.mark.parametrize("value", list(CASES), ids=repr)
def test_loader_and_schema_judge_a_duration_alike(tmp_path, value):
    path = _write(tmp_path, value)
    data = read_yaml(path).data
    assert data["people"]["dana"]["ack_latency"] == value and type(data["people"]["dana"]["ack_latency"]) is type(value)
    by_schema = jsonschema.Draft7Validator(json_schema()).is_valid(data)
    assert _loader(path) == CASES[value]
    assert by_schema == (CASES[value] is not None)


def test_the_loader_says_how_to_write_a_duration(tmp_path):
    with pytest.raises(ScenarioError) as err:
        load_scenario(_write(tmp_path, "5m5m"))
    assert "people.dana.ack_latency: '5m5m' is not a duration; write it like 90s, 10m or 1h30m" in str(err.value)
