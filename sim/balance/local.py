"""The local backend: a process pool on this machine's cores.

The start method is set explicitly rather than left to the platform's default. "fork" copies a
process that may hold threads (a Dask client's, a test runner's) and their locks mid-use, which
can deadlock the child; Python 3.12 warns about it and 3.14 left it as Linux's default. The
pool uses "forkserver" where there is one: a clean single-threaded server process forks the
workers, and it has already imported the engine (its preload), so a worker starts in
milliseconds, not the half second a fresh interpreter takes to import numpy, pydantic and SimPy.
Elsewhere (Windows), or when the temporary folder's path is too long for the forkserver's
socket, "spawn", which is always safe.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import tempfile
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

from sim.balance.jobs import Job
from sim.balance.worker import play_chunk

Done = Callable[[int, list[dict]], None]  # (chunk index, its rows)


# The forkserver listens on a Unix socket made in the temporary folder
# (<TMPDIR>/pymp-XXXXXXXX/listener-XXXXXXXX), and a socket's path holds at most 107 bytes on
# Linux (103 on macOS): under a long TMPDIR (a test runner's, a CI's) it cannot start, so the
# pool spawns its workers instead, slower to start but the same runs.
_SOCKET_PATH_LIMIT = 103
_SOCKET_NAME_ROOM = len("/pymp-xxxxxxxx/listener-xxxxxxxx")


def _forkserver_fits() -> bool:
    return len(os.fsencode(tempfile.gettempdir())) + _SOCKET_NAME_ROOM <= _SOCKET_PATH_LIMIT


def _context() -> multiprocessing.context.BaseContext:
    if "forkserver" in multiprocessing.get_all_start_methods() and _forkserver_fits():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["sim.balance.worker"])
        return context
    return multiprocessing.get_context("spawn")


def _ignore_interrupt() -> None:
    # Ctrl+C reaches the whole process group; the parent alone decides what it means (stop
    # handing out chunks), so a worker does not die mid-chunk with a traceback of its own.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def run_local(chunks: list[list[Job]], workers: int, done: Done) -> None:
    """Play every chunk on a pool of ``workers`` processes; ``done`` hears each chunk as it finishes.

    On Ctrl+C the chunks not started are cancelled, the ones under way finish (a chunk is short)
    and are handed to ``done`` too, so a results file keeps them, and the pool is shut down
    before KeyboardInterrupt goes on up."""
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=_context(), initializer=_ignore_interrupt)
    pending = {}
    try:
        pending = {pool.submit(play_chunk, chunk): index for index, chunk in enumerate(chunks)}
        while pending:
            finished, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in finished:
                done(pending.pop(future), future.result())
    except KeyboardInterrupt:
        for future in pending:
            future.cancel()
        pool.shutdown(wait=True)
        for future, index in pending.items():
            if future.done() and not future.cancelled() and future.exception() is None:
                done(index, future.result())
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
