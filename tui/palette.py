"""The command palette's commands (Ctrl+P): every command of the IC seat, with what it does.

Choosing one does not send it: it puts the command's start (``/assign ``) in the command line,
cursor at the end and focus there, and Tab completes the rest. The palette draws its hits' text
as markup, and a usage line has brackets (``[TIMEBOX]``), so the text goes in as `Shown` text and
`Content`, which it takes literally.
"""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from sim.scenario.commands import Usage
from tui.completion import COMMANDS, slots
from tui.widgets.command_input import CommandInput
from tui.widgets.shown import Shown


def start_of(usage: Usage) -> str:
    """What choosing a command puts in the line: its name, and a space when arguments follow.

    >>> start_of(Usage("ack", "/ack", "")), start_of(Usage("owner", "/owner SERVICE", ""))
    ('/ack', '/owner ')
    """
    return f"/{usage.name}" + (" " if slots(usage) else "")


class CommandsProvider(Provider):
    """Every command of `sim.scenario.commands.USAGE` (and /help), found by its syntax or its summary."""

    def _line(self) -> CommandInput | None:
        lines = self.screen.query(CommandInput)
        line = lines.first() if lines else None
        return None if line is None or line.disabled else line

    def _fill(self, usage: Usage) -> None:
        line = self._line()
        if line is None:
            return
        line.value = start_of(usage)
        line.cursor_position = len(line.value)
        line.focus()

    async def discover(self) -> Hits:
        if self._line() is None:
            return  # no command line here (the briefing) or it has closed (the debrief)
        for usage in COMMANDS:
            yield DiscoveryHit(Shown(usage.syntax), partial(self._fill, usage), text=usage.syntax, help=Content(usage.summary))

    async def search(self, query: str) -> Hits:
        if self._line() is None:
            return
        matcher = self.matcher(query)
        for usage in COMMANDS:
            score = max(matcher.match(usage.syntax), matcher.match(usage.summary) * 0.5)
            if score > 0:
                shown = Shown(usage.syntax)
                _, offsets = matcher.fuzzy_search.match(matcher.query, usage.syntax)
                for offset in offsets:
                    shown.stylize("bold underline", offset, offset + 1)
                yield Hit(score, shown, partial(self._fill, usage), text=usage.syntax, help=Content(usage.summary))
