"""The icdrill command line as a user types it."""

import argparse
import ast
import contextlib
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def icdrill(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "tui.cli", *args], cwd=cwd, capture_output=True, text=True)


@pytest.mark.parametrize("command", [[], ["run"], ["validate"], ["schema"], ["bench"], ["list"]])
def test_help_on_every_command(command):
    result = icdrill(*command, "--help")
    assert result.returncode == 0
    assert "usage: icdrill" in result.stdout


def test_run_prints_the_outcome():
    result = icdrill("run", "--seed", "3")
    assert result.returncode == 0, result.stderr
    assert "payments-db-saturation (seed 3, IC: expert)" in result.stdout
    assert "outcome                  resolved" in result.stdout
    assert "customer-impact-minutes" in result.stdout


def test_run_json_and_log(tmp_path):
    log = tmp_path / "drill.jsonl"
    result = icdrill("run", "search-deploy-and-cache", "--bot", "idle", "--json", "--log", str(log))
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["scenario"] == "search-deploy-and-cache" and data["bot"] == "idle"
    assert data["resolved"] is False and data["ended_by"] == "time limit"
    lines = log.read_text().splitlines()
    assert len(lines) == data["events"] + 1
    assert json.loads(lines[0])["seed"] == 0


def test_run_with_a_missing_scenario_says_which_exist():
    result = icdrill("run", "no-such-scenario")
    assert result.returncode == 2
    assert "no scenario file" in result.stderr and "payments-db-saturation" in result.stderr
    assert "Traceback" not in result.stderr


def test_run_with_a_bad_script_points_at_the_line(tmp_path):
    script = tmp_path / "ic.txt"
    script.write_text("00:10 /ack\nsoon /declare sev1\n")
    result = icdrill("run", "--script", str(script))
    assert result.returncode == 2
    assert f"{script}:2:1: expected 'MM:SS /command'" in result.stderr


def test_run_rejects_a_bad_seed():
    result = icdrill("run", "--seed", "many")
    assert result.returncode == 2 and "invalid int value" in result.stderr


def test_validate_the_shipped_scenarios():
    result = icdrill("validate", "scenarios/")
    assert result.returncode == 0, result.stdout + result.stderr


def test_schema_is_json_with_the_format():
    result = icdrill("schema")
    schema = json.loads(result.stdout)
    assert "faults" in schema["properties"]


def test_bench_prints_figures_and_a_ratio():
    result = icdrill("bench", "--drills", "3")
    assert result.returncode == 0, result.stderr
    assert "drills per second" in result.stdout and "ratio" in result.stdout
    for part in ("as icdrill run", "engine, script", "the bot alone", "ticks of the drive loop", "recorded drill", "1000 services"):
        assert part in result.stdout, part
    assert "per-event cost 1000 to 10 services" in result.stdout


def test_list_names_the_starters():
    """One line a scenario, the default first: id, difficulty, length and title, read from the file."""
    shipped = sorted(p.stem for p in (ROOT / "scenarios").glob("*.yaml"))
    assert {"payments-db-saturation", "sale-day-meltdown", "search-deploy-and-cache"} <= set(shipped)
    lines = icdrill("list").stdout.splitlines()
    assert [line.split()[0] for line in lines] == ["payments-db-saturation", *(s for s in shipped if s != "payments-db-saturation")]
    cert = next(line for line in lines if line.startswith("partner-cert-expiry "))
    assert cert.split(None, 1)[1].split() == ["easy", "up", "to", "75", "min", "The", "Partner", "API's", "certificate", "expired"]


def test_list_json_and_a_broken_file(tmp_path, monkeypatch):
    """`list --json` gives the same entries as objects; a file that cannot be played is listed with its error."""
    for path in (ROOT / "scenarios").glob("*.yaml"):
        (tmp_path / path.name).write_bytes(path.read_bytes())
    shutil.copytree(ROOT / "scenarios" / "orgs", tmp_path / "orgs")
    (tmp_path / "broken.yaml").write_text("scenario: {id: broken, title: '[b]Broken[/b]'}\nfaults: []\n")
    from sim.scenario import locate

    monkeypatch.setattr(locate, "scenario_dir", lambda: tmp_path)
    from tui.cli.scenarios import list_command

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert list_command(argparse.Namespace(json=True)) == 0
    rows = {row["id"]: row for row in map(json.loads, out.getvalue().splitlines())}
    assert set(rows) == {p.stem for p in tmp_path.glob("*.yaml")}
    assert rows["partner-cert-expiry"]["time_limit"] == 75 * 60 and rows["partner-cert-expiry"]["error"] is None
    assert rows["broken"]["title"] == "[b]Broken[/b]" and "faults" in rows["broken"]["error"]


def test_the_command_line_and_the_store_load_no_textual():
    """Only `play` opens the game: the headless commands start without Textual (or rich)."""
    probe = (
        "import sys, pkgutil, importlib, tui.cli, tui.store\n"
        "for m in pkgutil.walk_packages(tui.store.__path__, 'tui.store.'): importlib.import_module(m.name)\n"
        "for m in pkgutil.walk_packages(tui.cli.__path__, 'tui.cli.'):\n"
        "    if m.name != 'tui.cli.__main__': importlib.import_module(m.name)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')))\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_the_stylesheet_ships_with_the_package():
    """The app's CSS_PATH is matched by the package data that pyproject.toml ships."""
    import tomllib
    from fnmatch import fnmatch

    from tui.app import IcdrillApp

    globs = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["package-data"]["tui"]
    assert (ROOT / "tui" / IcdrillApp.CSS_PATH).is_file()
    assert any(fnmatch(IcdrillApp.CSS_PATH, g) for g in globs)


def test_exit_codes_are_defined_once():
    """tui/cli/exits.py holds the exit codes; no other module of tui/ names its own."""
    defined = []
    for path in sorted((ROOT / "tui").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            names = [t.id for t in getattr(node, "targets", [getattr(node, "target", None)]) if isinstance(t, ast.Name)]
            names += [e.id for t in getattr(node, "targets", []) if isinstance(t, ast.Tuple) for e in t.elts if isinstance(e, ast.Name)]
            if isinstance(node, ast.ClassDef):
                names.append(node.name)
            defined += [f"{path.relative_to(ROOT)}:{n}" for n in names if n.upper().startswith("EXIT")]
    assert defined == ["tui/cli/exits.py:Exit"]
