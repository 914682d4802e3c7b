"""The Dask backend: chunks of jobs on a Dask cluster, a running one or a LocalCluster started here.

Dask is an extra (`pip install 'icdrill[dask]'`), imported only when asked for. The scheduler
and every worker need icdrill installed, the same version as the client (the scheduler unpickles
the tasks too), but no scenario files: every job carries its scenario's text
(`sim.balance.jobs.Source`). Each worker process keeps the scenarios it loaded
(`sim.balance.worker`), as a pool worker does.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from sim.balance.jobs import Job
from sim.balance.worker import play_chunk

Done = Callable[[int, list[dict]], None]
INSTALL = "--cluster needs Dask: pip install 'icdrill[dask]'"
CONNECT_TIMEOUT = "10s"
WORKERS_TIMEOUT = 30  # seconds a scheduler may take to have its first worker before we say it has none


class ClusterError(RuntimeError):
    """Dask is missing or the scheduler cannot be reached; the message says which, in one line."""


def run_on_cluster(chunks: list[list[Job]], address: str, workers: int, done: Done) -> None:
    """Play every chunk on the cluster at ``address`` (``tcp://host:8786``), or on a LocalCluster of
    ``workers`` single-threaded processes when ``address`` is ``local``; ``done`` hears each chunk."""
    try:
        from distributed import Client, LocalCluster, as_completed
    except ImportError:
        raise ClusterError(INSTALL) from None
    cluster = None
    try:
        if address == "local":
            # No dashboard: it wants port 8787 and the bokeh package, and nobody looks at it here.
            cluster = LocalCluster(
                n_workers=workers, processes=True, threads_per_worker=1,
                dashboard_address=None, silence_logs=logging.ERROR,
            )
            client = Client(cluster)
        else:
            client = Client(address, timeout=CONNECT_TIMEOUT)
    except (OSError, TimeoutError, ValueError) as err:
        if cluster is not None:
            cluster.close()
        raise ClusterError(f"cannot reach the Dask scheduler at {address}: {err}") from None
    futures = []
    try:
        if cluster is None:
            _wait_for_a_worker(client, address)
        # pure=False: a chunk's key is random, not a hash of its jobs, which Dask need not compute.
        futures = client.map(play_chunk, chunks, pure=False)
        index = {future.key: i for i, future in enumerate(futures)}
        for future in as_completed(futures):
            done(index[future.key], future.result())
    except ModuleNotFoundError as err:
        raise ClusterError(f"a Dask worker cannot import {err.name}: install icdrill, this version, on every worker") from None
    except RuntimeError as err:
        # Dask's scheduler unpickles the tasks too, so it needs icdrill as much as the workers do.
        if "deserializ" not in str(err):
            raise
        raise ClusterError(
            f"the Dask scheduler at {address} cannot read icdrill's tasks: install icdrill, this version, "
            "on the scheduler's machine and every worker's"
        ) from None
    finally:
        client.cancel(futures)
        client.close()
        if cluster is not None:
            cluster.close()


def _wait_for_a_worker(client, address: str) -> None:
    """A scheduler with no worker would hold the tasks forever: wait a while for one, then say so."""
    try:
        client.wait_for_workers(1, timeout=WORKERS_TIMEOUT)
    except TimeoutError:
        raise ClusterError(
            f"the Dask scheduler at {address} has no workers (none joined in {WORKERS_TIMEOUT} s): "
            f"start one with: dask worker {address}"
        ) from None
