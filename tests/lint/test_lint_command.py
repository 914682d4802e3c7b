"""`icdrill lint` at the command line: CI's check of the shipped scenarios (with `validate`), the
skeletons `icdrill new` writes, and what a file that does not validate looks like."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tui.cli import main

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = ROOT / "scenarios"
SHIPPED = sorted(SCENARIOS.glob("*.yaml")) + sorted((SCENARIOS / "orgs").glob("*.yaml"))


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_ci_validates_the_shipped_scenarios(capsys):
    code, out, err = run(capsys, "validate", str(SCENARIOS))
    assert (code, err) == (0, ""), out


def test_ci_lints_the_shipped_scenarios(capsys):
    code, out, err = run(capsys, "lint", str(SCENARIOS))
    assert (code, err) == (0, ""), out


@pytest.mark.parametrize("path", SHIPPED, ids=[p.stem for p in SHIPPED])
def test_each_shipped_file_lints_clean(capsys, path):
    code, out, err = run(capsys, "lint", str(path))
    assert (code, err) == (0, ""), out


@pytest.mark.parametrize("org", [None, "acme"])
def test_a_new_skeleton_lints_clean(capsys, tmp_path, monkeypatch, org):
    monkeypatch.chdir(tmp_path)
    args = ["new", "drill"]
    if org is not None:
        (tmp_path / "orgs").mkdir()
        shutil.copy(SCENARIOS / "orgs" / f"{org}.yaml", tmp_path / "orgs")
        args += ["--org", f"orgs/{org}.yaml"]
    assert run(capsys, *args)[0] == 0
    code, out, err = run(capsys, "lint", "drill.yaml")
    assert (code, err) == (0, ""), out
    assert out == "ok: 1 file\n"


def test_a_file_that_does_not_validate_is_told_as_validate_tells_it_and_fails(capsys):
    bad = ROOT / "tests" / "lint" / "corpus" / "unfixable-fault.yaml"
    _, validated, _ = run(capsys, "validate", str(bad))
    code, out, err = run(capsys, "lint", str(bad))
    assert code == 2
    assert out == validated and "\n    " in out  # the problem, its line and a caret, as validate prints them
    assert err.endswith("1 finding in 1 file, checking 1 file\n")


def test_every_finding_of_every_file_in_one_pass(capsys):
    code, out, err = run(capsys, "lint", "--seeds", "0", str(ROOT / "tests" / "lint" / "corpus"), "no-such-file.yaml")
    assert code == 2
    lines = [line for line in out.splitlines() if not line.startswith(" ")]
    assert "no-such-file.yaml:1:1: <root>: no such file or folder" in lines
    assert sum(": alert-never-fires: " in line for line in lines) == 4
    assert "Traceback" not in out + err


def test_a_finding_reads_path_line_col_rule_why_then_a_hint(capsys):
    code, out, _ = run(capsys, "lint", str(ROOT / "tests" / "lint" / "corpus" / "severity-gap.yaml"))
    first, hint = out.splitlines()
    assert first.endswith("severity-gap.yaml:33:14: severity-gap: the ladder goes from Sev1 to Sev3: there is no Sev2")
    assert hint == "    hint: add a level Sev2 between them, or renumber the levels"
