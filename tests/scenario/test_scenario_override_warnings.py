"""An override that leaves an org team without its primary on-call, or with nobody, is a warning
at the override (issue 10, item 1): the file still loads and plays, and validate exits 0.

The fixture org (conftest.py): team identity is omar (primary, line 10) and yuki (secondary);
team edge is ines (primary) and nell. A scenario body starts on line 5 of s.yaml.
"""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

from sim.scenario import load_scenario, print_problems, validate_paths
from sim.scenario.validate import validate_warnings

ROOT = Path(__file__).resolve().parents[2]


def _warnings(path):
    return [(w.line, w.col, w.field, w.message) for w in load_scenario(path).warnings]


def test_moving_the_only_primary_away_is_reported_at_the_override(with_org):
    path = with_org("people:\n  omar: {team: edge}\n")
    assert _warnings(path) == [(6, 3, "people.omar", (
        "moving omar to team edge leaves team identity without a primary on-call; "
        "give another identity person on_call: primary"))]


def test_changing_the_only_primarys_on_call_is_reported(with_org):
    path = with_org("people:\n  omar: {on_call: secondary}\n")
    [(line, _, field, message)] = _warnings(path)
    assert (line, field) == (6, "people.omar")
    assert message.startswith("making omar on_call: secondary leaves team identity without a primary on-call")


def test_emptying_a_team_is_reported_at_every_override_that_left_it(with_org):
    path = with_org("people:\n  omar: {team: edge}\n  yuki: {team: edge}\n")
    assert [(line, message) for line, _, _, message in _warnings(path)] == [
        (6, "moving omar to team edge leaves team identity with nobody in it; "
            "give identity a person in this file, or leave omar in identity"),
        (7, "moving yuki to team edge leaves team identity with nobody in it; "
            "give identity a person in this file, or leave yuki in identity"),
    ]


def test_no_warning_when_the_scenario_gives_the_team_another_primary(with_org):
    path = with_org("people:\n  omar: {team: edge}\n  yuki: {on_call: primary}\n")
    assert _warnings(path) == []


def test_no_warning_for_a_team_that_had_no_primary_to_lose(with_org):
    path = with_org("people:\n  nell: {team: identity}\n")  # edge keeps ines, its primary
    assert _warnings(path) == []


def test_validate_prints_warnings_and_passes(with_org):
    path = with_org("people:\n  omar: {team: edge}\n")
    out, err = io.StringIO(), io.StringIO()
    assert print_problems([str(path)], out, err) is True  # only warnings: the file is fine
    assert f"{path}:6:3: people.omar: warning: moving omar to team edge" in out.getvalue()
    assert "ok: 1 file (1 warning)" in out.getvalue()
    assert validate_paths([str(path)]) == [] and len(validate_warnings([str(path)])) == 1


def test_the_cli_exits_0_on_warnings_only(with_org):
    path = with_org("people:\n  omar: {on_call: none}\n")
    result = subprocess.run([sys.executable, "-m", "tui.cli", "validate", str(path)], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert "warning: making omar on_call: none" in result.stdout


def test_the_shipped_scenarios_have_no_warnings():
    assert validate_warnings([str(ROOT / "scenarios")]) == []


def test_run_plays_the_file_and_says_the_warning_on_stderr(with_org, capsys):
    from tui.cli.loading import load  # the scenario argument of play, run and bench

    loaded = load(str(with_org("people:\n  omar: {team: edge}\n")))
    assert loaded is not None and loaded.scenario.people["omar"].team == "edge"
    assert "people.omar: warning: moving omar to team edge" in capsys.readouterr().err
