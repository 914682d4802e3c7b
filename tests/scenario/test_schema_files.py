"""The schema files editors read: committed beside the scenarios, named on every shipped file's
first line, and always what `icdrill schema` prints (after a model change: `icdrill schema --out
scenarios/schema.json` and `icdrill schema --org --out scenarios/org.schema.json`)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from sim.scenario.model import Org
from sim.scenario.schema import json_schema

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = ROOT / "scenarios"
REGENERATE = "regenerate it with `icdrill schema{} --out {}`"


def _icdrill(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tui.cli", *args], capture_output=True, text=True, cwd=ROOT)


@pytest.mark.parametrize("flags, name", [((), "schema.json"), (("--org",), "org.schema.json")])
def test_the_committed_schema_is_what_icdrill_schema_prints(flags, name, tmp_path):
    printed = _icdrill("schema", *flags)
    assert printed.returncode == 0, printed.stderr
    committed = (SCENARIOS / name).read_text(encoding="utf-8")
    assert committed == printed.stdout, REGENERATE.format(" ".join(("", *flags)), f"scenarios/{name}")
    written = tmp_path / name
    assert _icdrill("schema", *flags, "--out", str(written)).returncode == 0
    assert written.read_text(encoding="utf-8") == printed.stdout  # --out writes what is printed


def test_the_two_schemas_are_the_scenarios_and_the_orgs():
    assert json.loads((SCENARIOS / "schema.json").read_text()) == json_schema()
    assert json.loads((SCENARIOS / "org.schema.json").read_text()) == json_schema(Org)


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full (Linux)")
def test_schema_out_to_a_file_that_cannot_be_written_fails_in_one_line():
    result = _icdrill("schema", "--out", "/dev/full")  # every write fails: no space left
    assert result.returncode == 1
    assert result.stderr.startswith("icdrill: cannot write /dev/full") and result.stderr.count("\n") == 1


def test_every_shipped_file_names_its_schema_on_its_first_line():
    files = sorted(SCENARIOS.rglob("*.yaml")) + sorted(SCENARIOS.rglob("*.yml"))
    assert files
    for path in files:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        is_org = path.parent.name == "orgs"
        wanted = "../org.schema.json" if is_org else "./schema.json"
        assert first == f"# yaml-language-server: $schema={wanted}", path.relative_to(ROOT)
        schema = json.loads((path.parent / wanted).read_text())
        assert schema["title"] == ("icdrill org file" if is_org else "icdrill scenario")
