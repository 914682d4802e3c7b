"""How an `icdrill` command ends: the exit codes, defined once for every command.

argparse itself exits with 2 on an option it cannot read, which is why a bad input is 2 here too.
"""

from __future__ import annotations

import sys
from enum import IntEnum


class Exit(IntEnum):
    OK = 0
    # The command ran and the answer is no (a replay that differs), or its output could not be
    # written (standard output on a full disk: `icdrill list > /dev/full`; see ending.py).
    FAILED = 1
    BAD_INPUT = 2  # what the user gave cannot be used: a missing or broken file, a bad option
    INTERRUPTED = 130  # Ctrl+C: 128 + SIGINT, as a shell reports a command it interrupted


def ended_by_signal(signum: int) -> int:
    """The shell's code for a command ended by a signal: 128 + its number (143 for SIGTERM, 129 for SIGHUP)."""
    return 128 + signum


def bad_input(message: str) -> Exit:
    """Say what is wrong in one line on stderr ("icdrill: ..."); the code to exit with."""
    print(f"icdrill: {message}", file=sys.stderr)
    return Exit.BAD_INPUT
