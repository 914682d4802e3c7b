"""The command line at the bottom of the play screen, with completion on Tab.

It holds only what it can show: a control character pasted into it (a terminal's ESC, say) goes
in as its visible escape (``\\x1b``, `sim.log.printable`), so the line never draws it raw and the
command sent is the text the player saw.

Tab completes the word at the cursor (`tui.completion`) and never moves the focus away from a
half-typed command: the line's own binding comes before the screen's focus-next. As the line
changes it posts `CommandInput.Hinted` with what can go at the cursor, for the strip beside it
(`tui.widgets.suggestions`) to show.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.binding import Binding
from textual.message import Message
from textual.widgets import Input

from sim.log.printable import printable
from tui.completion import Completion, Cycle, Vocabulary, complete, tab, vocabulary

if TYPE_CHECKING:
    from sim.reading.view import View


class PlainInput(Input):
    """A one-line input whose text is always shown as typed: control characters made printable."""

    def replace(self, text: str, start: int, end: int) -> None:
        # Typing and pasting both come here: made printable before it goes in, the cursor lands
        # after what is shown.
        super().replace(printable(text), start, end)

    def validate_value(self, value: str) -> str:
        # Textual calls this on every change of `value`, a program's included.
        return printable(value)


class CommandInput(PlainInput):
    BINDINGS = [Binding("tab", "complete", "Complete", show=False)]

    class Hinted(Message):
        """What can go at the cursor now (None: the line is empty, nothing to show), and which
        candidate a run of Tabs has put in the line."""

        def __init__(self, completion: Completion | None, chosen: int | None) -> None:
            super().__init__()
            self.completion = completion
            self.chosen = chosen

    def __init__(self, *, id: str | None = None) -> None:
        # Coming back to the line must not select it: the next key would wipe a half-typed command.
        super().__init__(
            placeholder="type a command, e.g. /ack  (/help lists them; Tab completes; Enter sends)",
            id=id,
            select_on_focus=False,
        )
        self._vocabulary = Vocabulary()
        self._view: View | None = None
        self._cycle: Cycle | None = None
        self._hinted: tuple[str, int, int | None] | None = None

    def show(self, view: View) -> None:
        """The names completion offers come from this view (read when Tab is pressed)."""
        self._view = view

    @property
    def vocabulary(self) -> Vocabulary:
        if self._view is not None:
            self._vocabulary = vocabulary(self._view)
        return self._vocabulary

    def action_complete(self) -> None:
        """Tab: complete the word at the cursor; when it cannot grow, cycle through the candidates."""
        line, cursor = self.value, self.cursor_position
        cycle = self._cycle
        if cycle is not None and cycle.holds(line, cursor):
            new, at = cycle.next()
        else:
            vocab = self.vocabulary
            new, at = tab(line, cursor, vocab)
            self._cycle = None
            if (new, at) == (line, cursor):
                self._cycle = Cycle.begin(line, complete(line, cursor, vocab))
                if self._cycle is not None:
                    new, at = self._cycle.next()
        self.value = new
        self.cursor_position = at
        self._hint()

    def watch_value(self) -> None:
        self._hint()

    def watch_selection(self) -> None:
        self._hint()

    def watch_disabled(self, disabled: bool) -> None:
        if disabled:  # the drill has ended: nothing left to complete
            self._hinted = None
            self.post_message(self.Hinted(None, None))

    def _hint(self) -> None:
        line, cursor = self.value, self.cursor_position
        cycle = self._cycle if self._cycle is not None and self._cycle.holds(line, cursor) else None
        chosen = None if cycle is None else cycle.index
        state = (line, cursor, chosen)
        if state == self._hinted:
            return
        self._hinted = state
        if not line.strip():
            self.post_message(self.Hinted(None, None))
            return
        completion = complete(line, cursor, self.vocabulary)
        if cycle is not None:  # the strip keeps the list being cycled through, the current one marked
            completion = Completion(cycle.start, cursor, line[cycle.start : cursor], cycle.candidates, completion.usage, completion.slot)
        self.post_message(self.Hinted(completion, chosen))
