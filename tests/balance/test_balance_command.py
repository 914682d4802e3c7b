"""`icdrill balance`: the same output, byte for byte, whatever plays the runs; resuming; refusals; warnings.

Two scenarios (a shipped one with an org include, a tiny fixture) x 3 seeds x 3 bots: 18 runs, a
second or so a command. Each command runs as a user would run it, in its own process.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.hostile.harness import assert_refused, icdrill

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
TINY = str(ROOT / "tests" / "fixtures" / "tiny.yaml")
UNWINNABLE = str(HERE / "fixtures" / "unwinnable.yaml")
SMALL = ("payments-db-saturation", TINY, "--seeds", "3")
RUNS = 2 * 3 * 3


def balance(*args: str, data_dir: Path) -> str:
    result = icdrill("balance", *args, data_dir=data_dir)
    assert result.code == 0 and "Traceback" not in result.err, result.err[-2000:]
    return result.out


@pytest.fixture(scope="module")
def reference(tmp_path_factory) -> str:
    """`balance --json` on one worker, one chunk per run: what every other way must print."""
    return balance(*SMALL, "--json", "--workers", "1", data_dir=tmp_path_factory.mktemp("data"))


def test_the_json_holds_every_run_in_order_and_a_summary_per_scenario_and_bot(reference):
    document = json.loads(reference)
    runs = document["runs"]
    assert [(r["scenario"], r["seed"], r["bot"]) for r in runs] == [
        (scenario, seed, bot)
        for scenario in ("payments-db-saturation", "tiny")
        for seed in range(3)
        for bot in ("expert", "novice", "idle")
    ]
    tiny = document["summary"]["tiny"]["bots"]
    assert list(tiny) == ["expert", "novice", "idle"]
    assert tiny["expert"]["runs"] == 3 and tiny["expert"]["resolve_rate"] == 1.0
    assert set(tiny["expert"]["score"]) == {"mean", "min", "p10", "median", "p90", "max"}
    assert tiny["idle"]["score"]["max"] <= 15 and tiny["expert"]["warnings"] == []


@pytest.mark.parametrize("how", [("--workers", "2"), ("--workers", "2", "--chunk", "1"), ("--workers", "2", "--chunk", "7")])
def test_workers_and_chunk_size_do_not_change_a_byte(reference, how, tmp_path):
    assert balance(*SMALL, "--json", *how, data_dir=tmp_path) == reference


def test_a_temporary_folder_too_long_for_the_forkservers_socket_still_plays(reference, tmp_path, monkeypatch):
    # The forkserver's Unix socket lives under TMPDIR and a socket path holds ~107 bytes: under a
    # longer TMPDIR the pool spawns its workers instead of failing with "AF_UNIX path too long".
    deep = tmp_path / ("t" * (120 - len(str(tmp_path))))
    deep.mkdir()
    monkeypatch.setenv("TMPDIR", str(deep))
    assert balance(*SMALL, "--json", "--workers", "2", data_dir=tmp_path) == reference


def test_a_level_is_named_in_the_output_and_played(tmp_path):
    text = balance("payments-db-saturation", "--seeds", "1", "--bots", "idle", "--level", "quiet", data_dir=tmp_path)
    assert text.startswith("payments-db-saturation at level quiet: seeds 0-0\n")
    document = json.loads(balance("payments-db-saturation", "--seeds", "1", "--bots", "idle", "--level", "quiet", "--json", data_dir=tmp_path))
    written = json.loads(balance("payments-db-saturation", "--seeds", "1", "--bots", "idle", "--json", data_dir=tmp_path))
    assert document["level"] == "quiet" and "level" not in written
    assert document["runs"][0]["events"] < written["runs"][0]["events"]  # quiet: no false pages to log


def test_a_dask_cluster_gives_the_same_bytes_as_the_local_pool(reference, tmp_path):
    import distributed  # the test extra installs it: a missing Dask fails here rather than skipping the test
    with distributed.LocalCluster(
        n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None, scheduler_port=0
    ) as cluster:
        out = balance(*SMALL, "--json", "--cluster", cluster.scheduler_address, "--chunk", "4", data_dir=tmp_path)
    assert out == reference


def test_a_rerun_with_the_results_file_plays_only_the_missing_runs(reference, tmp_path):
    results = tmp_path / "results.jsonl"
    balance(*SMALL, "--json", "--out", str(results), data_dir=tmp_path)
    lines = results.read_text().splitlines(keepends=True)
    assert len(lines) == RUNS
    # A run killed halfway: seven finished lines and one cut off in the middle.
    kept = lines[:7]
    results.write_text("".join(kept) + lines[7][: len(lines[7]) // 2])
    assert balance(*SMALL, "--json", "--out", str(results), data_dir=tmp_path) == reference
    after = results.read_text().splitlines(keepends=True)
    assert after[:7] == kept  # untouched, and the half line is gone
    assert len(after) == RUNS  # exactly the eleven missing runs were played and appended
    # Nothing missing: nothing played, nothing appended, the same output.
    assert balance(*SMALL, "--json", "--out", str(results), data_dir=tmp_path) == reference
    assert results.read_text().splitlines(keepends=True) == after


def test_a_result_in_the_file_is_used_as_it_stands_not_played_again(tmp_path):
    results = tmp_path / "results.jsonl"
    balance(TINY, "--seeds", "1", "--bots", "idle", "--workers", "1", "--out", str(results), data_dir=tmp_path)
    line = json.loads(results.read_text())
    results.write_text(json.dumps({**line, "events": 123456}) + "\n")
    document = json.loads(balance(TINY, "--seeds", "1", "--bots", "idle", "--workers", "1", "--out", str(results), "--json", data_dir=tmp_path))
    assert document["runs"][0]["events"] == 123456


def test_an_edited_scenario_is_played_again(tmp_path):
    scenario = tmp_path / "tiny.yaml"
    scenario.write_text(Path(TINY).read_text())
    results = tmp_path / "results.jsonl"
    balance(str(scenario), "--seeds", "2", "--bots", "idle", "--workers", "1", "--out", str(results), data_dir=tmp_path)
    scenario.write_text(Path(TINY).read_text() + "# an edit\n")
    balance(str(scenario), "--seeds", "2", "--bots", "idle", "--workers", "1", "--out", str(results), data_dir=tmp_path)
    hashes = [json.loads(line)["scenario_hash"] for line in results.read_text().splitlines()]
    assert len(hashes) == 4 and len(set(hashes)) == 2


def test_ctrl_c_stops_cleanly_keeps_the_finished_runs_and_a_rerun_completes_them(tmp_path):
    results = tmp_path / "results.jsonl"
    args = (TINY, "--seeds", "10", "--workers", "2", "--chunk", "2", "--out", str(results))
    # SIGINT on the third wait for a chunk, in the middle of the work (tests/hostile/interrupt.py).
    done = subprocess.run(
        [sys.executable, "-m", "tests.hostile.interrupt", "sim.balance.local:wait", "3", "balance", *args],
        cwd=ROOT, capture_output=True, text=True, timeout=120, env={**os.environ, "ICDRILL_DATA_DIR": str(tmp_path)},
    )
    assert done.returncode == 130, done.stderr
    assert done.stderr.strip().splitlines()[-1] == "icdrill: interrupted" and "Traceback" not in done.stderr
    finished = results.read_text().splitlines()
    assert 2 <= len(finished) < 30
    assert balance(*args, "--json", data_dir=tmp_path) == balance(TINY, "--seeds", "10", "--workers", "1", "--json", data_dir=tmp_path)
    assert len(results.read_text().splitlines()) == 30


def test_the_bars_a_scenario_misses_are_warnings(tmp_path):
    out = balance(UNWINNABLE, "--seeds", "3", "--workers", "1", data_dir=tmp_path)
    assert "WARNINGS" in out
    assert "expert: resolved 0 of 3 runs; the bar is every run (not resolved: seeds 0, 1, 2)" in out
    assert "expert: mean overall score" in out and "is outside its band 85-100" in out
    document = json.loads(balance(UNWINNABLE, "--seeds", "3", "--workers", "1", "--json", data_dir=tmp_path))
    assert document["summary"]["unwinnable"]["bots"]["expert"]["warnings"]
    assert document["summary"]["unwinnable"]["bots"]["idle"]["warnings"] == []


def test_drama_that_does_not_fire_often_enough_is_a_warning(tmp_path):
    """sale-day-meltdown's manager theory never reaches an engineer with the expert (a known gap)."""
    out = balance("sale-day-meltdown", "--seeds", "2", "--bots", "expert", "--workers", "1", data_dir=tmp_path)
    assert "expert: drama 'theory morgan' fired in 0 of 2 runs (the bar: 2, 75%)" in out
    assert "theory morgan" in out.split("WARNINGS")[0]  # the drama table lists it too


REFUSED = [
    (("balance",), "the following arguments are required: SCENARIO"),
    (("balance", "tiny", "--seeds", "0"), "--seeds: must be a whole number from 1 to 1000000"),
    (("balance", "tiny", "--seeds", "-3"), "--seeds: must be a whole number from 1"),
    (("balance", "tiny", "--bots", "expert,genius"), "--bots: must be bots separated by commas, from expert,novice,idle"),
    (("balance", "tiny", "--bots", ""), "--bots: must be bots separated by commas"),
    (("balance", "tiny", "--bots", "idle,idle"), "--bots: names a bot twice"),
    (("balance", "tiny", "--workers", "0"), "--workers: must be a whole number from 1 to 1024"),
    (("balance", "tiny", "--chunk", "0"), "--chunk: must be a whole number from 1"),
    (("balance", "tiny", "--cluster", "8786"), "--cluster: must be a Dask scheduler's address such as tcp://host:8786, or local"),
    (("balance", "tiny", "--out", "."), "--out: is a folder; name a file to write"),
    (("balance", "no-such-scenario"), "no scenario file"),
    (("balance", "a" * 300), "SCENARIO: is too long for a file name"),
    (("balance", "payments-db-saturation", TINY, "--level", "hard"), "no level 'hard' in scenario 'tiny'"),
    (("balance", "tiny", "--level", ""), "--level:"),
]


@pytest.mark.parametrize(("args", "says"), REFUSED, ids=[" ".join(a)[:40] for a, _ in REFUSED])
def test_bad_flags_and_scenarios_are_one_line_and_exit_2(args, says, tmp_path):
    result = icdrill(*args, data_dir=tmp_path)
    assert_refused(result, says=says)
    assert result.out == ""


def test_a_damaged_results_file_is_refused_not_guessed_at(tmp_path):
    results = tmp_path / "results.jsonl"
    results.write_text("not a result\n{}\n")
    assert_refused(icdrill("balance", TINY, "--seeds", "1", "--out", str(results), data_dir=tmp_path),
                   says=f"{results}:1 is not a line of balance results")
    assert results.read_text() == "not a result\n{}\n"


def test_two_files_with_one_scenario_id_are_refused(tmp_path):
    copy = tmp_path / "tiny.yaml"
    copy.write_text(Path(TINY).read_text() + "# another file\n")
    assert_refused(icdrill("balance", TINY, str(copy), "--seeds", "1", data_dir=tmp_path), says="both give the scenario id tiny")


def test_without_dask_the_cluster_flag_says_what_to_install(tmp_path):
    blocker = tmp_path / "nodask"
    blocker.mkdir()
    (blocker / "distributed.py").write_text("raise ImportError('no Dask here')\n")  # shadows the real one
    env = {**os.environ, "ICDRILL_DATA_DIR": str(tmp_path), "PYTHONPATH": f"{blocker}{os.pathsep}{ROOT}"}
    done = subprocess.run(
        [sys.executable, "-m", "tui.cli", "balance", TINY, "--seeds", "1", "--cluster", "local"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 2
    assert done.stderr == "icdrill: --cluster needs Dask: pip install 'icdrill[dask]'\n"
