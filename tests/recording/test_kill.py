"""Kill a recording process at random points: what is on disk is always a valid prefix of the log.

A helper process (record_slowly.py) forks one child per recording; the test SIGKILLs the child
at a random point of its run. Each recovered recording must be a prefix of the uninterrupted log
of the same scenario and seed, hold every event the child reported as written, and `score` and
`report` must work on it.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sim.play.bots import BOTS
from sim.play.drill import drive
from sim.engine import Engine
from sim.log.recording import read_recording
from sim.play.replay import replay
from sim.reading.scoring import score
from sim.reading.report import render_report

from .helpers import SCENARIO_FILES, loaded

HELPER = Path(__file__).resolve().parent / "record_slowly.py"
PAUSE = 0.001  # seconds between events in the helper only: long enough for kills to land mid-run
KILLS = {"payments-db-saturation": 35, "sale-day-meltdown": 20}  # 55 kills in all


def full_log(name: str, seed: int, bot: str) -> list[str]:
    return drive(Engine(loaded(name), seed), BOTS[bot]()).log.lines()


def check_recovered(path: Path, name: str, seed: int, bot: str, reported: int, expected: list[str], replayed=True):
    """The checks every recovered recording passes; returns it."""
    rec = read_recording(path)
    assert (rec.scenario_id, rec.seed, rec.driver, rec.trainee) == (name, seed, bot, "killed")
    assert rec.lines == expected[1 : 1 + len(rec.lines)], "not a prefix of the uninterrupted log"
    assert len(rec.entries) >= reported + 1, f"event {reported} was reported written but is missing"
    assert rec.complete == (len(rec.lines) == len(expected) - 1)
    scenario = loaded(name).scenario
    card = score(scenario, rec.entries)
    report = render_report(scenario, rec.entries, card)
    assert report.startswith("# Post-incident report")
    if replayed and rec.entries:
        assert replay(rec).same_log
    return rec


@pytest.mark.skipif(not hasattr(os, "fork"), reason="the helper forks one child per recording")
@pytest.mark.parametrize("name", sorted(KILLS))
def test_killed_recordings_are_valid_prefixes(tmp_path, name):
    rng = random.Random(f"kill-{name}")
    helper = subprocess.Popen(
        [sys.executable, str(HELPER), str(SCENARIO_FILES[name]), str(PAUSE)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        bufsize=0,
    )
    logs: dict[tuple[int, str], list[str]] = {}
    mid_run = torn = 0
    try:
        for i in range(KILLS[name]):
            seed, bot = rng.randint(0, 3), rng.choice(["expert", "novice"])
            expected = logs.setdefault((seed, bot), full_log(name, seed, bot))
            target = rng.randint(-1, len(expected) - 2)  # -1: right after the header
            out = tmp_path / f"{name}-{i}.jsonl"
            helper.stdin.write(f"{seed} {bot} {out}\n".encode())
            pid, header, reported, killed = None, False, -1, False
            while True:
                word, _, value = helper.stdout.readline().decode().strip().partition(" ")
                assert word, "the helper stopped"
                if word == "child":
                    pid = int(value)
                elif word == "header":
                    header = True
                elif word == "seq":
                    reported = int(value)
                elif word == "exit":
                    break
                if not killed and pid is not None and header and reported >= target:
                    if rng.random() < 0.5:
                        time.sleep(rng.uniform(0, PAUSE))  # land inside a write or a pause, not just after a line
                    try:
                        os.kill(pid, signal.SIGKILL)
                    except ProcessLookupError:
                        pass  # it finished first
                    killed = True
            rec = check_recovered(out, name, seed, bot, reported, expected, replayed=i % 5 == 0)
            mid_run += not rec.complete
            torn += any("incomplete" in p for p in rec.problems)
    finally:
        helper.stdin.close()
        helper.wait(timeout=30)
    # Nearly every kill landed before the end of the drill.
    assert mid_run >= KILLS[name] * 0.8, (mid_run, torn)


def test_a_killed_fresh_process_too(tmp_path):
    """The same, without the fork: a plain interpreter recording once, killed mid-run."""
    name, seed, bot = "payments-db-saturation", 1, "novice"
    expected = full_log(name, seed, bot)
    for target in (0, len(expected) // 2):
        out = tmp_path / f"once-{target}.jsonl"
        proc = subprocess.Popen(
            [sys.executable, str(HELPER), str(SCENARIO_FILES[name]), str(PAUSE), "--once", str(seed), bot, str(out)],
            stdout=subprocess.PIPE,
            bufsize=0,
        )
        reported = -1
        for line in proc.stdout:
            word, _, value = line.decode().strip().partition(" ")
            if word == "seq":
                reported = int(value)
                if reported >= target:
                    proc.send_signal(signal.SIGKILL)
                    break
        proc.wait(timeout=30)
        reported = max([reported] + [int(l.split()[1]) for l in proc.stdout.read().decode().splitlines() if l.startswith("seq")])
        assert proc.returncode == -signal.SIGKILL
        rec = check_recovered(out, name, seed, bot, reported, expected)
        assert not rec.complete
