"""The entry point: one argparse parser, each group of commands adds its own, `main` dispatches.

The order of `add_parsers` calls is the order of `icdrill --help`. No command given means `play`.
"""

from __future__ import annotations

import argparse

from tui.cli import balance, drill, recordings, scenarios, serve
from tui.cli.ending import finish
from tui.cli.flags import Parser
from tui.cli.output import printable_output

COMMANDS = {**drill.COMMANDS, **scenarios.COMMANDS, **balance.COMMANDS, **recordings.COMMANDS, **serve.COMMANDS}


def parser() -> argparse.ArgumentParser:
    top = Parser(
        prog="icdrill",
        description="Train the Incident Commander seat: scripted outages, simulated responders, honest scoring.",
        epilog="Run 'icdrill COMMAND --help' for the options of one command.",
    )
    sub = top.add_subparsers(dest="command", metavar="COMMAND")
    drill.add_parsers(sub)
    scenarios.add_parsers(sub)
    balance.add_parsers(sub)
    recordings.add_parsers(sub)
    serve.add_parsers(sub)
    return top


@printable_output  # whatever a command prints, control characters are shown, never sent raw
def main(argv: list[str] | None = None) -> int:
    """Parse, dispatch; `ending.finish` turns Ctrl+C and output errors into one line and an exit code."""

    def command() -> int:
        args = parser().parse_args(argv)
        return COMMANDS[args.command or "play"](args)

    return finish(command)
