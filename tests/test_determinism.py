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


def run_in_fresh_process(
    tmp_path: Path, name: str, seed: int, hashseed: str, args: list[str], scenario: str = "payments-db-saturation"
) -> bytes:
    log = tmp_path / f"{name}.jsonl"
    env = {**os.environ, "PYTHONHASHSEED": hashseed}
    subprocess.run(
        [sys.executable, "-m", "tui.cli", "run", scenario, "--seed", str(seed), "--log", str(log), *args],
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


ROOM = {"manager_joined", "sales_pushed", "executive_requested", "alert_fired", "question_asked"}


@pytest.mark.parametrize(
    "bot, happened",
    [
        ("expert", ROOM | {"manager_redirected", "sales_qualified", "conflict_raised", "conflict_decided", "role_assigned"}),
        ("novice", ROOM | {"manager_theory", "dead_end_started", "pulled_off", "page_missed", "escalated"}),
    ],
)
def test_every_actor_on_is_still_deterministic(tmp_path, bot, happened):
    """sale-day-meltdown turns on managers, sales, the executive, a conflict, noise and questions."""
    args = ["--bot", bot]
    first = run_in_fresh_process(tmp_path, "a", 3, "7", args, "sale-day-meltdown")
    second = run_in_fresh_process(tmp_path, "b", 3, "99", args, "sale-day-meltdown")
    assert first == second
    kinds = {line.split('"kind":"')[1].split('"')[0] for line in first.decode().splitlines()}
    assert happened <= kinds, happened - kinds


def test_sim_has_no_wall_clock_or_global_random():
    """The cheap guard behind the byte-identical logs: no clock reads, no module-level RNG."""
    import re

    banned = re.compile(r"\btime\.(time|monotonic|perf_counter)\(|datetime\.now|\brandom\.(random|randint|choice|seed)\(|np\.random\.(rand|seed|choice|random)\(")
    for path in (ROOT / "sim").rglob("*.py"):
        if path.name.startswith("bench"):  # the benchmarks (bench*.py) measure wall time by design, outside any drill
            continue
        assert not banned.search(path.read_text()), path


def test_the_script_was_played_not_ignored(tmp_path):
    (tmp_path / "ic.txt").write_text(SCRIPT)
    log = run_in_fresh_process(tmp_path, "a", 11, "0", ["--script", str(tmp_path / "ic.txt")]).decode()
    assert log.count('"kind":"command_issued"') == SCRIPT.count("\n")
    assert '"kind":"fault_fixed"' in log


def test_named_streams_do_not_shift_when_another_stream_is_used_first():
    from sim.engine.rng import Streams

    a, b = Streams(5), Streams(5)
    b.get("names").random(100)
    assert a.get("ack/dana").random() == b.get("ack/dana").random()
    assert Streams(5).get("x").random() != Streams(6).get("x").random()
