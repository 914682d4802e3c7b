"""The text every widget draws: a rich `Text` whose strings have their control characters shown.

What the game shows comes from outside: the scenario's title, briefing and people, the names and
findings in the log, what the player typed. An ESC in any of it would reach the terminal and clear
the screen or move the cursor, so the panels never build a plain `rich.text.Text`: they build a
`Shown`, which passes every string given to it, at construction or appended, through
`sim.log.printable` (an ESC is drawn as ``\\x1b``). Markup is never read: a `Text` is literal, and
nothing here calls `Text.from_markup`. (`tests/hostile/test_escapes_game.py` checks that no module
of the game builds a `Text` any other way.)
"""

from __future__ import annotations

from typing import Any

from rich.style import Style
from rich.text import Text

from sim.log.printable import printable


class Shown(Text):
    """`rich.text.Text` with its strings made printable; the same constructor, `assemble` and `append`."""

    def __init__(self, text: str = "", style: str | Style = "", **options: Any) -> None:
        super().__init__(printable(text), style, **options)

    def append(self, text: str | Text, style: str | Style | None = None) -> Text:
        # A Text appended is taken as it is: in the game every Text is a Shown (the test above checks).
        return super().append(printable(text) if isinstance(text, str) else text, style)
