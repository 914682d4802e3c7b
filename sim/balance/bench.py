"""How fast `balance` plays: one worker, two on the local pool, and two on a Dask LocalCluster.

    python -m sim.balance.bench [--runs 400] [--repeat 3]

Plays the same runs (the shipped scenarios in turn, seed by seed, each bot; the first --runs of
them) each way, --repeat times interleaved, and prints the best time of each: runs per second,
the speed-up of two workers over one, and what the Dask backend costs beside the local pool.
Starting a backend is timed apart: the local pool's forkserver (once per process; it imports the
engine) and the LocalCluster. One worker plays in the calling process, as `--workers 1` does, so
the speed-up includes everything a pool adds; each way loads its scenarios afresh, except on the
LocalCluster, whose workers keep them between repeats as a long-lived cluster's do. It checks that
every way gives the same rows.
The machine's other load shows in the figures: run it on a quiet machine.
"""

from __future__ import annotations

import argparse
import logging
import math
import os
import sys
import time

from sim.balance.jobs import Job, jobs_for
from sim.balance.run import run_jobs
from sim.balance.worker import forget
from sim.scenario.locate import available


def bench_jobs(runs: int) -> list[Job]:
    scenarios = available()
    seeds = math.ceil(runs / (3 * len(scenarios)))
    return jobs_for(scenarios, range(seeds))[:runs]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sim.balance.bench", description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=400, help="runs to play each way (default: 400)")
    parser.add_argument("--repeat", type=int, default=3, help="times each way is timed; the best counts (default: 3)")
    args = parser.parse_args(argv)
    try:
        from distributed import LocalCluster
    except ImportError:
        LocalCluster = None  # noqa: N806 - the class, when Dask is installed
    jobs = bench_jobs(args.runs)
    clock = time.perf_counter  # a benchmark measures wall time; the runs themselves never see it

    start = clock()
    run_jobs(jobs[:4], workers=2, chunk=1)
    pool_start = clock() - start
    cluster = None
    if LocalCluster is not None:
        start = clock()
        cluster = LocalCluster(
            n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None, silence_logs=logging.ERROR
        )
        run_jobs(jobs[:4], chunk=1, cluster=cluster.scheduler_address)
        cluster_start = clock() - start

    ways = {"1 worker": {"workers": 1}, "2 workers, local pool": {"workers": 2}}
    if cluster is not None:
        ways["2 workers, Dask LocalCluster"] = {"cluster": cluster.scheduler_address}
    best = {name: math.inf for name in ways}
    rows = {}
    try:
        for _ in range(args.repeat):
            for name, how in ways.items():
                forget()  # one worker plays here: it loads each scenario again, as a pool's fresh workers do
                start = clock()
                rows[name] = run_jobs(jobs, **how)
                best[name] = min(best[name], clock() - start)
    finally:
        if cluster is not None:
            cluster.close()

    n = len(jobs)
    print(f"balance: {n} runs ({len({j.source.id for j in jobs})} scenarios x seeds x bots), best of {args.repeat}, "
          f"{os.cpu_count()} cores")
    print(f"  local pool start (forkserver, engine imported; once per process): {pool_start:.2f} s")
    if cluster is not None:
        print(f"  Dask LocalCluster start (2 worker processes):                   {cluster_start:.2f} s")
    for name, seconds in best.items():
        print(f"  {name:30} {seconds:6.2f} s  {n / seconds:7.1f} runs/s")
    one, two = best["1 worker"], best["2 workers, local pool"]
    print(f"  2 workers / 1 worker: {one / two:.2f}x")
    if cluster is not None:
        dask = best["2 workers, Dask LocalCluster"]
        print(f"  Dask / local pool, 2 workers: {dask / two:.2f}x the time ({(dask - two) / n * 1000:+.2f} ms a run)")
    same = all(r == rows["1 worker"] for r in rows.values())
    print(f"  the same rows every way: {'yes' if same else 'NO'}")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
