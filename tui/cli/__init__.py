"""The `icdrill` command line: `main` is the console script (`icdrill = "tui.cli:main"`).

`entry` builds the parser and hands each command to its group: `drill` (play, run), `scenarios`
(validate, schema, list, bench), `balance` and `recordings` (replay, score, report, history); every command
ends with a code of `exits.Exit`. The headless commands import only `sim` and the store; the
Textual app is imported only by `play`, so `icdrill run` starts fast and works without a terminal.
"""

from tui.cli.entry import main

__all__ = ["main"]
