"""A file's fsyncs, done by a thread of their own so that the thread that writes never waits for the disk.

The writer's data is in the kernel as soon as `os.write` returns: a killed process loses none of
it. fsync only guards against the machine itself going down, and costs from a tenth of a
millisecond to several on a busy disk: too much for a game's tick. So the writer asks (`request`)
and goes on; the thread fsyncs, one fsync covering every request made before it began (a burst
of steps costs one). `finish` waits until everything asked for is synced and stops the thread.
"""

from __future__ import annotations

import os
import threading


class Syncer:
    """fsyncs ``fd`` in the background whenever asked; `error` holds the first failure (then it stops)."""

    def __init__(self, fd: int) -> None:
        self._fd = fd
        self._asked = self._synced = 0  # requests made, and requests covered by a finished fsync
        self._stopping = False
        self.error: OSError | None = None
        self._lock = threading.Condition()
        self._thread = threading.Thread(target=self._run, name="recording-fsync", daemon=True)
        self._thread.start()

    def request(self) -> None:
        with self._lock:
            self._asked += 1
            self._lock.notify_all()

    def finish(self) -> OSError | None:
        """Wait for every requested fsync, stop the thread; the error if one failed."""
        with self._lock:
            self._stopping = True
            self._lock.notify_all()
        self._thread.join()
        return self.error

    def _run(self) -> None:
        while True:
            with self._lock:
                while self._synced == self._asked and not self._stopping:
                    self._lock.wait()
                if self._synced == self._asked or self.error is not None:
                    return
                target = self._asked
            try:
                os.fsync(self._fd)
            except OSError as err:
                with self._lock:
                    self.error = err
                    self._lock.notify_all()
                return
            with self._lock:
                self._synced = target
                self._lock.notify_all()
