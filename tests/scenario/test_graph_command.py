"""`icdrill graph`: the text tree with the blast-radius table, and the DOT, against golden files
(issue 12). `ICDRILL_UPDATE_GOLDEN=1` rewrites them after a meant change."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from sim.scenario import load_scenario
from sim.scenario.blast import blast_radius

ROOT = Path(__file__).resolve().parents[2]
SMALL = ROOT / "tests" / "fixtures" / "graph.yaml"
GOLDEN = ROOT / "tests" / "golden" / "graph"


def icdrill(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tui.cli", *args], capture_output=True, text=True, cwd=ROOT, timeout=120)


@pytest.mark.parametrize(("flags", "golden"), [((), "graph.txt"), (("--dot",), "graph.dot")])
def test_the_output_matches_its_golden_file(flags, golden):
    done = icdrill("graph", str(SMALL), *flags)
    assert done.returncode == 0, done.stderr
    path = GOLDEN / golden
    if os.environ.get("ICDRILL_UPDATE_GOLDEN") == "1":
        path.write_text(done.stdout, encoding="utf-8")
    assert done.stdout == path.read_text(encoding="utf-8")


def test_the_blast_radius_follows_hard_and_soft_dependencies():
    rows = {b.service: b for b in blast_radius(load_scenario(SMALL).scenario)}
    # db down takes the API down, so both front doors: every customer, the top of the ladder.
    assert rows["db"].down_impact == 1.0 and rows["db"].down_severity == "Sev0"
    assert rows["db"].reaches == ("api", "batch", "mobile", "web")
    # A soft dependency passes at most a degradation: search down leaves web degraded (half its 70%).
    assert rows["search"].down_impact == pytest.approx(0.35) and rows["search"].reaches == ("web",)
    # The batch job carries no customer traffic: nobody is hurt, no severity.
    assert rows["batch"].down_impact == 0 and rows["batch"].down_severity is None


def test_a_missing_scenario_is_refused_with_a_reason():
    done = icdrill("graph", "no-such-scenario.yaml")
    assert done.returncode == 2 and "no scenario file" in done.stderr and "Traceback" not in done.stderr
