"""Test helper: run `icdrill ARGS` and press Ctrl+C (a real SIGINT to this process) at a chosen moment.

    python -m tests.hostile.interrupt MODULE:FUNCTION N ARGS...

sends SIGINT to itself on the Nth call of MODULE.FUNCTION, in the middle of the command's work:
a test of what the user sees then needs no sleep and no guess of how long the work takes.
"""

from __future__ import annotations

import importlib
import os
import signal
import sys

from tui.cli import main


def arm(target: str, nth: int) -> None:
    module_name, name = target.split(":")
    module = importlib.import_module(module_name)
    original = getattr(module, name)
    calls = 0

    def interrupted(*args, **kwargs):
        nonlocal calls
        calls += 1
        if calls == nth:
            os.kill(os.getpid(), signal.SIGINT)
        return original(*args, **kwargs)

    setattr(module, name, interrupted)


if __name__ == "__main__":
    arm(sys.argv[1], int(sys.argv[2]))
    sys.exit(main(sys.argv[3:]))
