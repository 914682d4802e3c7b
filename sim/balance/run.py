"""`run_jobs`: every job played on a backend, in chunks, resumable, and the rows in job order.

The rows depend on the jobs alone: each is a pure function of (scenario, seed, bot) played in
whichever process, and they are put back in job order whatever order the chunks finish in. So
the rows, and the summary made of them, are the same byte for byte whatever the workers, the
chunk size and the backend, and whether part of them came from a results file.
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable, Iterable
from pathlib import Path

from sim.balance.jobs import Job
from sim.balance.results import ResultsWriter, read_results
from sim.balance.worker import play_chunk

Progress = Callable[[int, int], None]  # (runs done, runs to play)
CHUNKS_PER_WORKER = 4
# 20 drills take 0.2 to 0.6 s: short enough to wait for on Ctrl+C and for a progress bar and a
# results file to move often, long enough that a task's overhead (about a millisecond) is lost in it.
MAX_DEFAULT_CHUNK = 20


def default_chunk(jobs: int, workers: int) -> int:
    """Jobs per chunk: a few chunks per worker, so that per-task overhead (pickling a chunk and
    its scenario text, a round trip) is spread over many drills while the last chunks still
    even out the workers' finishing times; at most MAX_DEFAULT_CHUNK.

    >>> default_chunk(60, 2), default_chunk(400, 2), default_chunk(3, 8)
    (8, 20, 1)
    """
    return max(1, min(MAX_DEFAULT_CHUNK, math.ceil(jobs / (workers * CHUNKS_PER_WORKER))))


def run_jobs(
    jobs: Iterable[Job],
    workers: int | None = None,
    chunk: int | None = None,
    cluster: str | None = None,
    progress: Progress | None = None,
    out: str | Path | None = None,
) -> list[dict]:
    """Play ``jobs`` (from `jobs_for`); the rows (see `sim.balance.worker.play_job`) in job order.

    ``workers``: processes (default: every core; with 1, this process plays them). ``chunk``: jobs
    per task (default `default_chunk`). ``cluster``: None for a local process pool, ``"local"`` for a Dask
    LocalCluster of ``workers`` processes, or a scheduler's address (``tcp://host:8786``).
    ``progress(done, total)`` hears the count of runs played after each chunk (called in this
    process). ``out``: a results file (`sim.balance.results`): runs already in it are not played
    again, and each run played is appended as its chunk finishes.

    Raises ResultsError for a damaged results file and ClusterError when Dask is missing or the
    scheduler cannot be reached. The local pool's workers start by "forkserver" or "spawn", which
    import the caller's main module again: a script calling this needs the usual
    ``if __name__ == "__main__":`` guard (a notebook does not)."""
    jobs = list(jobs)
    workers = workers or os.cpu_count() or 1
    known, complete = read_results(out) if out is not None else ({}, 0)
    rows: list[dict | None] = [known.get(job.key) for job in jobs]
    todo = [i for i, row in enumerate(rows) if row is None]
    size = chunk or default_chunk(len(todo), workers)
    parts = [todo[at : at + size] for at in range(0, len(todo), size)]
    writer = ResultsWriter(out, complete) if out is not None else None
    played = 0

    def done(index: int, chunk_rows: list[dict]) -> None:
        nonlocal played
        for i, row in zip(parts[index], chunk_rows, strict=True):
            rows[i] = row
            if writer is not None:
                writer.write(jobs[i], row)
        played += len(chunk_rows)
        if progress is not None:
            progress(played, len(todo))

    try:
        _play([[jobs[i] for i in part] for part in parts], workers, cluster, done)
    finally:
        if writer is not None:
            writer.close()
    return rows  # type: ignore[return-value]  # every None was filled, or _play raised


def _play(chunks: list[list[Job]], workers: int, cluster: str | None, done: Callable[[int, list[dict]], None]) -> None:
    if not chunks:
        return  # every run was in the results file: no pool, no cluster to start
    if cluster is not None:
        from sim.balance.cluster import run_on_cluster

        run_on_cluster(chunks, cluster, workers, done)
    elif workers == 1:
        # This process plays: a pool of one would only add its start and the pickling.
        for index, chunk in enumerate(chunks):
            done(index, play_chunk(chunk))
    else:
        from sim.balance.local import run_local

        run_local(chunks, workers, done)
