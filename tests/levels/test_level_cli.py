"""`--level` on the command line (issue 14): run and play take it, an unknown one is refused with the
scenario's levels, and every reader of the recording (replay, score, report, history --add) plays it again."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def icdrill(tmp_path):
    env = {**os.environ, "ICDRILL_DATA_DIR": str(tmp_path / "data")}

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "tui.cli", *args], cwd=ROOT, env=env, capture_output=True, text=True)

    return run


def test_run_at_a_level_and_every_reader_of_its_recording(icdrill, tmp_path):
    done = icdrill("run", "card-network-outage", "--level", "hard", "--bot", "novice", "--seed", "2", "--json")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["level"] == "hard"
    recording = result["recording"]
    assert json.loads(Path(recording).read_text(encoding="utf-8").splitlines()[0])["level"] == "hard"
    replayed = icdrill("replay", recording)
    assert replayed.returncode == 0 and "same log: yes" in replayed.stdout and "same score: yes" in replayed.stdout
    scored = icdrill("score", recording)
    assert scored.stdout.startswith("Scorecard: card-network-outage, seed 2, level hard (IC: novice")
    assert f"overall  {result['overall']:.1f}/100" in scored.stdout  # scored at the level it was played at
    report = icdrill("report", recording)
    assert "Training drill `card-network-outage`, played at level `hard` (Hard: the room turns up the heat)." in report.stdout
    (tmp_path / "data" / "history.sqlite").unlink()  # as if writing it at the end had failed
    added = icdrill("history", "--add", recording)
    assert added.returncode == 0, added.stderr
    assert f"overall {result['overall']:.1f}/100" in added.stdout  # scored at the level it was played at


def test_run_as_written_says_no_level(icdrill):
    done = icdrill("run", "--bot", "idle", "--json", "--no-record")
    assert done.returncode == 0 and "level" not in json.loads(done.stdout)
    text = icdrill("run", "--bot", "idle", "--no-record", "--level", "quiet")
    assert "payments-db-saturation at level quiet (seed 0, IC: idle)" in text.stdout


@pytest.mark.parametrize(
    "args, said",
    [
        (["run", "--level", "nightmare"], "icdrill: no level 'nightmare' in scenario 'payments-db-saturation': its levels are quiet, hard\n"),
        (["run", "webhooks-at-3am", "--level", "hard"], "icdrill: no level 'hard' in scenario 'webhooks-at-3am': it declares no levels (it is played as written)\n"),
        (["play", "payments-db-saturation", "--level", "nightmare"], "icdrill: no level 'nightmare' in scenario 'payments-db-saturation': its levels are quiet, hard\n"),
        (["play", "--level", "hard"], "icdrill: --level needs a scenario (icdrill play SCENARIO --level ID); in the picker, l chooses a level\n"),
        (["run", "--level", "Hard!"], "icdrill: run: argument --level: cannot be a level id: use lower case letters, digits and dashes, starting with a letter (at most 64); found 'Hard!' (see 'icdrill run --help')\n"),
    ],
)
def test_an_unknown_level_is_refused_in_one_line(icdrill, args, said):
    done = icdrill(*args)
    assert (done.returncode, done.stderr, done.stdout) == (2, said, "")


def test_list_names_each_scenarios_levels(icdrill):
    lines = icdrill("list").stdout.splitlines()
    assert lines[0].endswith("Checkout is failing (levels: quiet, hard)")
    assert next(line for line in lines if line.startswith("webhooks-at-3am ")).endswith("Nobody answers at 3 a.m.")  # none: nothing said
    rows = {row["id"]: row for row in map(json.loads, icdrill("list", "--json").stdout.splitlines())}
    assert rows["card-network-outage"]["levels"] == ["calm", "hard"] and rows["webhooks-at-3am"]["levels"] == []


def test_a_game_days_export_reports_each_session_at_its_own_level(tmp_path, monkeypatch):
    """Two sessions of one scenario at two levels: each report is made (and scored) at its own level,
    not at the level of whichever session was exported first."""
    from tui.cli import main

    monkeypatch.setenv("ICDRILL_DATA_DIR", str(tmp_path / "data"))
    played = {}
    for trainee, level in (("ann", "hard"), ("bob", "calm"), ("cy", None)):
        at = ["--level", level] if level else []
        assert main(["run", "card-network-outage", "--bot", "novice", "--trainee", trainee, "--cohort", "day", *at]) == 0
        played[trainee] = level
    out = tmp_path / "export"
    assert main(["history", "--cohort", "day", "--export", str(out)]) == 0
    for trainee, level in played.items():
        (report,) = [p for p in (out / "reports").iterdir() if p.name.startswith(f"{trainee}-")]
        text = report.read_text(encoding="utf-8")
        said = "played at level" in text
        assert said == (level is not None) and (level is None or f"played at level `{level}`" in text), trainee
