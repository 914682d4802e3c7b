"""Balancing scenarios: every (scenario, seed, bot) played on every core, or on a Dask cluster.

    from sim.balance import jobs_for, run_jobs, summarise, sources_of
    jobs = jobs_for(["payments-db-saturation"], seeds=range(20), bots=("expert", "novice", "idle"))
    rows = run_jobs(jobs, workers=2)          # JSON-ready dicts, in job order
    summary = summarise(rows, sources_of(jobs))

jobs.py builds the jobs (each carrying its scenario's text), worker.py plays a chunk of them into
rows, local.py and cluster.py are the backends (a process pool, Dask), run.py chunks and resumes
(results.py: the JSONL results file), summary.py and bars.py read the rows. `icdrill balance` is
the command line over them; `python -m sim.balance.bench` measures the backends.
"""

from sim.balance.jobs import Job, Source, jobs_for, sources_of
from sim.balance.run import run_jobs
from sim.balance.summary import summarise

__all__ = ["Job", "Source", "jobs_for", "run_jobs", "sources_of", "summarise"]
