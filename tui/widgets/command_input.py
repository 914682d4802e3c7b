"""The command line at the bottom of the play screen."""

from __future__ import annotations

from textual.widgets import Input

# Keys that drive the clock while the line is empty. Once the player has typed something they
# are ordinary characters again (the app's check_action steps aside and the key reaches here).
CLOCK_KEYS = frozenset({"space", "plus", "minus", "equals_sign", "underscore"})


class CommandInput(Input):
    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(placeholder="type a command, e.g. /ack  (/help lists them; Enter sends)", id=id)

    def check_consume_key(self, key: str, character: str | None) -> bool:
        # Not claiming these keys keeps the app's clock bindings in the binding chain (and the
        # footer); the app decides per key press whether the player is typing.
        if key in CLOCK_KEYS:
            return False
        return super().check_consume_key(key, character)
