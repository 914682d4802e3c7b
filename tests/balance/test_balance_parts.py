"""The parts of sim.balance, in this process: jobs that carry their scenario, resuming, the summary, the bars."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from sim.balance import jobs_for, run_jobs, sources_of, summarise
from sim.balance.bars import bot_warnings, cim_warnings, drama_runs
from sim.balance.summary import distribution
from sim.balance.worker import play_job
from sim.scenario import load_scenario

ROOT = Path(__file__).resolve().parents[2]
TINY = ROOT / "tests" / "fixtures" / "tiny.yaml"


def test_a_job_plays_from_the_text_it_carries_when_the_files_are_gone(tmp_path):
    """A Dask worker on another machine has no scenario files: the job's bytes are enough, include and all."""
    shutil.copytree(ROOT / "scenarios" / "orgs", tmp_path / "orgs")
    scenario = tmp_path / "payments-db-saturation.yaml"
    shutil.copy(ROOT / "scenarios" / "payments-db-saturation.yaml", scenario)
    [job] = jobs_for([scenario], seeds=[4], bots=["expert"])
    assert job.source.org_raw is not None and job.source.content_hash == load_scenario(scenario).content_hash
    shutil.rmtree(tmp_path / "orgs")
    scenario.unlink()
    row = play_job(job)
    assert (row["scenario"], row["seed"], row["bot"], row["resolved"]) == ("payments-db-saturation", 4, "expert", True)


def test_jobs_go_scenario_by_scenario_then_seed_with_the_bots_side_by_side():
    jobs = jobs_for([TINY], seeds=range(2), bots=("idle", "expert"))
    assert [(j.seed, j.bot) for j in jobs] == [(0, "idle"), (0, "expert"), (1, "idle"), (1, "expert")]
    assert len({id(j.source) for j in jobs}) == 1  # one Source: pickled once per chunk
    with pytest.raises(ValueError, match="unknown bots"):
        jobs_for([TINY], bots=("genius",))


def test_a_rerun_plays_only_what_the_results_file_lacks(tmp_path):
    out = tmp_path / "results.jsonl"
    jobs = jobs_for([TINY], seeds=range(4), bots=("expert", "idle"))
    first = run_jobs(jobs[:5], workers=1, out=out)
    heard = []
    rows = run_jobs(jobs, workers=1, out=out, progress=lambda done, total: heard.append((done, total)))
    assert heard[-1] == (3, 3)  # 8 runs, 5 of them in the file
    assert rows[:5] == first and rows == run_jobs(jobs, workers=1)
    assert len(out.read_text().splitlines()) == 8


def test_the_summary_counts_every_authored_drama_item_even_one_that_never_fired():
    jobs = jobs_for(["sale-day-meltdown"], seeds=range(2), bots=("expert",))
    summary = summarise(run_jobs(jobs, workers=1), sources_of(jobs))
    drama = summary["sale-day-meltdown"]["bots"]["expert"]["drama"]
    assert list(drama) == list(jobs[0].source.drama) and drama["theory morgan"] == 0
    with pytest.raises(KeyError, match="sale-day-meltdown"):
        summarise(run_jobs(jobs[:1], workers=1), {})


def test_the_summary_of_the_same_rows_is_the_same_bytes():
    jobs = jobs_for([TINY], seeds=range(3))
    rows = run_jobs(jobs, workers=1)
    again = json.loads(json.dumps(rows))  # as read back from a results file
    assert json.dumps(summarise(again, sources_of(jobs))) == json.dumps(summarise(rows, sources_of(jobs)))


def test_distribution():
    assert distribution([5.0]) == {"mean": 5.0, "min": 5.0, "p10": 5.0, "median": 5.0, "p90": 5.0, "max": 5.0}
    assert distribution([3.0, 1.0, 2.0])["median"] == 2.0


def test_the_bars():
    assert drama_runs("expert", 20) == 15 and drama_runs("novice", 20) == 10 and drama_runs("expert", 3) == 3
    assert bot_warnings("idle", [0, 1], [False, True], [0.0, 5.0], 2.5, {}) == [
        "idle: resolved 1 of 2 runs; the bar is none (resolved: seeds 1)"
    ]
    assert bot_warnings("novice", [0, 1], [True, True], [50.0, 90.0], 70.0, {"swoop vera": 0}) == [
        "novice: 1 seeds more than 10 points outside 35-70: 1 (90.0)",
        "novice: drama 'swoop vera' fired in 0 of 2 runs (the bar: 1, 50%)",
    ]
    assert bot_warnings("expert", [0], [True], [99.0], 99.0, {"swoop vera": 1}) == []
    assert cim_warnings({"expert": 1.0, "novice": 2.0, "idle": 3.0}) == []
    assert cim_warnings({"expert": 1.0, "idle": 1.0}) == ["mean customer-impact-minutes must rise expert < idle; they are expert 1.0, idle 1.0"]


def test_a_scheduler_without_workers_is_refused_not_waited_on_forever(monkeypatch):
    import distributed

    from sim.balance import cluster

    monkeypatch.setattr(cluster, "WORKERS_TIMEOUT", 1)
    jobs = jobs_for([TINY], range(1), ("idle",))
    with distributed.LocalCluster(n_workers=0, dashboard_address=None, scheduler_port=0) as empty:
        with pytest.raises(cluster.ClusterError, match="has no workers .* start one with: dask worker tcp://"):
            cluster.run_on_cluster([jobs], empty.scheduler_address, 1, lambda index, rows: None)
