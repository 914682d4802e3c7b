"""Commands ended from outside: Ctrl+C in the middle of long work, and output nobody can write.

Each ends in one line on stderr and the shell's code: 130 for Ctrl+C, 1 for output that cannot
be written (a full disk, here /dev/full), never a traceback. Ctrl+C is a real SIGINT, sent by the
process to itself on the Nth call of a function deep in the work (tests/hostile/interrupt.py).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .harness import ROOT, Result, assert_refused, icdrill

SCENARIO = ROOT / "scenarios" / "payments-db-saturation.yaml"


def interrupted(target: str, nth: int, *args: str, data_dir: Path) -> Result:
    """`icdrill ARGS`, with Ctrl+C pressed on the nth call of ``target`` (MODULE:FUNCTION)."""
    env = {**os.environ, "ICDRILL_DATA_DIR": str(data_dir)}
    done = subprocess.run(
        [sys.executable, "-m", "tests.hostile.interrupt", target, str(nth), *args],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )
    return Result(done.returncode, done.stdout, done.stderr)


@pytest.fixture(scope="module")
def recording(tmp_path_factory) -> Path:
    data = tmp_path_factory.mktemp("data")
    played = icdrill("run", "--seed", "3", data_dir=data)
    assert played.code == 0, played.err
    (path,) = (data / "recordings").glob("*.jsonl")
    return path


def test_ctrl_c_in_bench_is_one_line_and_130(tmp_path):
    result = interrupted("sim.play.bench:play", 5, "bench", "--drills", "100000", data_dir=tmp_path)
    assert_refused(result, code=130, says="icdrill: interrupted")


def test_ctrl_c_in_validate_of_a_big_folder_is_one_line_and_130(tmp_path):
    for n in range(40):
        shutil.copy(SCENARIO, tmp_path / f"copy-{n:02}.yaml")
    shutil.copytree(SCENARIO.parent / "orgs", tmp_path / "orgs")
    result = interrupted("sim.scenario.validate:check_file", 20, "validate", str(tmp_path), data_dir=tmp_path)
    assert_refused(result, code=130, says="icdrill: interrupted")


def test_ctrl_c_in_score_is_one_line_and_130(recording, tmp_path):
    result = interrupted("sim.reading.scoring:score", 1, "score", str(recording), data_dir=tmp_path)
    assert_refused(result, code=130, says="icdrill: interrupted")
    assert result.out == ""


def test_ctrl_c_in_replay_is_one_line_and_130(recording, tmp_path):
    result = interrupted("sim.play.drill:drive", 1, "replay", str(recording), data_dir=tmp_path)
    assert_refused(result, code=130, says="icdrill: interrupted")


def full(*args: str, data_dir: Path) -> Result:
    """`icdrill ARGS > /dev/full`: every write to standard output fails with ENOSPC."""
    env = {**os.environ, "ICDRILL_DATA_DIR": str(data_dir)}
    with open("/dev/full", "w") as out:
        done = subprocess.run(
            [sys.executable, "-m", "tui.cli", *args], cwd=ROOT, env=env, stdout=out,
            stderr=subprocess.PIPE, text=True, timeout=120,
        )
    return Result(done.returncode, "", done.stderr)


needs_dev_full = pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full on this system")


@needs_dev_full
@pytest.mark.parametrize(
    "args",
    [("list",), ("schema",), ("--help",), ("run", "--bot", "idle", "--no-record"), ("validate", str(SCENARIO))],
    ids=lambda args: " ".join(args)[:30],
)
def test_output_to_a_full_disk_is_one_line_and_1(args, tmp_path):
    result = full(*args, data_dir=tmp_path)
    assert_refused(result, code=1, says="cannot write the output: No space left on device")


@needs_dev_full
def test_score_to_a_full_disk_is_one_line_and_1(recording, tmp_path):
    result = full("score", str(recording), data_dir=tmp_path)
    assert_refused(result, code=1, says="cannot write the output: No space left on device")
