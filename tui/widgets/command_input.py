"""The command line at the bottom of the play screen."""

from __future__ import annotations

from textual import events
from textual.widgets import Input

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
