"""Same scenario, seed and commands: the same log, byte for byte, in any process."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = """\
00:20 /page payments
03:30 /ack
03:40 /declare sev2
04:00 /assign dana investigate payments-db 5m
06:00 /update Impact: checkout errors. Actions: Dana on payments-db. Next update in 15 min.
09:00 /sev sev1
09:10 /page storefront
09:20 /assign kenji investigate checkout
12:00 /assign dana restart payments-api 10m
20:00 /mitigated
24:00 /resolve
"""


def run_in_fresh_process(tmp_path: Path, name: str, seed: int, hashseed: str, args: list[str]) -> bytes:
    log = tmp_path / f"{name}.jsonl"
    env = {**os.environ, "PYTHONHASHSEED": hashseed}
    subprocess.run(
        [sys.executable, "-m", "tui.cli", "run", "payments-db-saturation", "--seed", str(seed), "--log", str(log), *args],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
    )
    return log.read_bytes()


@pytest.mark.parametrize("driver", ["script", "expert", "novice"])
def test_two_processes_with_different_hash_seeds_write_identical_logs(tmp_path, driver):
    if driver == "script":
        (tmp_path / "ic.txt").write_text(SCRIPT)
        args = ["--script", str(tmp_path / "ic.txt")]
    else:
        args = ["--bot", driver]
    first = run_in_fresh_process(tmp_path, "a", 11, "1", args)
    second = run_in_fresh_process(tmp_path, "b", 11, "2024", args)
    assert first == second
    other_seed = run_in_fresh_process(tmp_path, "c", 12, "1", args)
    assert other_seed != first


def test_the_script_was_played_not_ignored(tmp_path):
    (tmp_path / "ic.txt").write_text(SCRIPT)
    log = run_in_fresh_process(tmp_path, "a", 11, "0", ["--script", str(tmp_path / "ic.txt")]).decode()
    assert log.count('"kind":"command_issued"') == SCRIPT.count("\n")
    assert '"kind":"fault_fixed"' in log


def test_named_streams_do_not_shift_when_another_stream_is_used_first():
    from sim.rng import Streams

    a, b = Streams(5), Streams(5)
    b.get("names").random(100)
    assert a.get("ack/dana").random() == b.get("ack/dana").random()
    assert Streams(5).get("x").random() != Streams(6).get("x").random()
