"""The command line at the bottom of the play screen.

It holds only what it can show: a control character pasted into it (a terminal's ESC, say) goes
in as its visible escape (``\\x1b``, `sim.log.printable`), so the line never draws it raw and the
command sent is the text the player saw.
"""

from __future__ import annotations

from textual.widgets import Input

from sim.log.printable import printable


class CommandInput(Input):
    def __init__(self, *, id: str | None = None) -> None:
        # Coming back to the line must not select it: the next key would wipe a half-typed command.
        super().__init__(
            placeholder="type a command, e.g. /ack  (/help lists them; Enter sends)", id=id, select_on_focus=False
        )

    def replace(self, text: str, start: int, end: int) -> None:
        # Typing and pasting both come here: made printable before it goes in, the cursor lands
        # after what is shown.
        super().replace(printable(text), start, end)

    def validate_value(self, value: str) -> str:
        # Textual calls this on every change of `value`, a program's included.
        return printable(value)
