"""Whether a session's game is still running: a lock the game holds on a mark beside its recording.

A recording grows by events only, so a game left mid-drill (Ctrl+Q, a browser tab closed on
`icdrill serve`, a crash, a kill) leaves a file that reads exactly like a game still being played.
So while it records, the game holds an exclusive `flock` on `<recording>.live`; the operating
system drops the lock when the process ends, however it ends. The facilitator's console asks with
a non-blocking lock of its own (`still_played`), which never disturbs the game.

Where there is no `fcntl` (Windows) nothing can be told, and every unfinished session counts as
played (the console then says how long it has been quiet, as before).
"""

from __future__ import annotations

import os
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None

SUFFIX = ".live"


def mark_path(recording: Path) -> Path:
    return recording.with_name(recording.name + SUFFIX)


class LiveMark:
    """Held by the game from the first event recorded to the recording's close (`release`)."""

    def __init__(self, recording: Path) -> None:
        self.path = mark_path(recording)
        self._fd: int | None = None
        if fcntl is None:
            return
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError:
            return  # the recording is written; only the console's answer is lost (it says "left")
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            return
        self._fd = fd

    @property
    def held(self) -> bool:
        """Whether this game holds the mark (not where there is no fcntl, nor when another game does)."""
        return self._fd is not None

    def release(self) -> None:
        """The session's game stops recording: the mark goes (the lock with it)."""
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        try:
            self.path.unlink()
        except OSError:
            pass
        os.close(fd)


def still_played(recording: Path) -> bool:
    """True while a game holds the session's mark; False when no game does (or there is no mark)."""
    if fcntl is None:
        return True
    try:
        fd = os.open(mark_path(recording), os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    except OSError:
        return False
    finally:
        os.close(fd)  # closing drops our own shared lock, if we got it
    return False
