"""The entry point: one argparse parser, each group of commands adds its own, `main` dispatches.

The order of `add_parsers` calls is the order of `icdrill --help`. No command given means `play`.
"""

from __future__ import annotations

import argparse
import os
import sys

from tui.cli import drill, recordings, scenarios
from tui.cli.exits import Exit
from tui.cli.output import printable_output

COMMANDS = {**drill.COMMANDS, **scenarios.COMMANDS, **recordings.COMMANDS}


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog="icdrill",
        description="Train the Incident Commander seat: scripted outages, simulated responders, honest scoring.",
        epilog="Run 'icdrill COMMAND --help' for the options of one command.",
    )
    sub = top.add_subparsers(dest="command", metavar="COMMAND")
    drill.add_parsers(sub)
    scenarios.add_parsers(sub)
    recordings.add_parsers(sub)
    return top


@printable_output  # whatever a command prints, control characters are shown, never sent raw
def main(argv: list[str] | None = None) -> int:
    try:
        args = parser().parse_args(argv)
        return COMMANDS[args.command or "play"](args)
    except BrokenPipeError:
        # The reader went away (`icdrill score REC | head`): nothing left to say, and no traceback.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return Exit.OK
