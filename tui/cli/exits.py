"""How an `icdrill` command ends: the exit codes, defined once for every command.

argparse itself exits with 2 on an option it cannot read, which is why a bad input is 2 here too.
"""

from __future__ import annotations

import sys
from enum import IntEnum


class Exit(IntEnum):
    OK = 0
    FAILED = 1  # the command ran and the answer is no (a replay that differs), or its output could not be written
    BAD_INPUT = 2  # what the user gave cannot be used: a missing or broken file, a bad option


def bad_input(message: str) -> Exit:
    """Say what is wrong in one line on stderr ("icdrill: ..."); the code to exit with."""
    print(f"icdrill: {message}", file=sys.stderr)
    return Exit.BAD_INPUT
