"""The command line at the bottom of the play screen.

It holds only what it can show: a control character pasted into it (a terminal's ESC, say) goes
in as its visible escape (``\\x1b``, `sim.log.printable`), so the line never draws it raw and the
command sent is the text the player saw.
"""

from __future__ import annotations

from textual import events
from textual.widgets import Input

from sim.log.printable import printable

# Keys that drive the clock while the line is empty; once the player has typed something they are
# ordinary characters again.
CLOCK_KEYS = frozenset({"space", "plus", "minus", "equals_sign", "underscore"})


class CommandInput(Input):
    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(placeholder="type a command, e.g. /ack  (/help lists them; Enter sends)", id=id)

    def check_consume_key(self, key: str, character: str | None) -> bool:
        # Not claiming the clock keys keeps the app's bindings for them in the chain (and footer).
        if key in CLOCK_KEYS:
            return False
        return super().check_consume_key(key, character)

    def on_key(self, event: events.Key) -> None:
        # Decided here, in key order, because only the line knows whether it is empty by the time
        # this key arrives: a fast typist's (or a paste's) keys queue up ahead of the app.
        if event.key in CLOCK_KEYS and not self.value:
            event.prevent_default()  # Input does not insert it; the key bubbles up to the bindings

    def replace(self, text: str, start: int, end: int) -> None:
        # Typing and pasting both come here: made printable before it goes in, the cursor lands
        # after what is shown.
        super().replace(printable(text), start, end)

    def validate_value(self, value: str) -> str:
        # Textual calls this on every change of `value`, a program's included.
        return printable(value)
