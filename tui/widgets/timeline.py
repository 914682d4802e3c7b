"""The inbox and timeline: messages to the IC, every command typed (accepted, or refused with the
reason), status updates and timeline notes, all read from the view as the log has them.

Everything written here is `Shown` text, never markup: names, findings and the player's own words
are shown as they were typed, a control character in them as its escape (`tui.widgets.shown`).
"""

from __future__ import annotations

from textual.widgets import RichLog

from sim.log.clock import format_clock
from sim.reading.names import display_name
from sim.reading.view import Said, View
from sim.scenario.commands import Note, Update, parse
from tui.widgets.shown import Shown


def message_line(t: int, sender: str, text: str) -> Shown:
    style = "bold red" if sender == "pager" else "bold cyan"
    return Shown.assemble((format_clock(t), "dim"), " ", (sender, style), ": ", text)


def rejection_line(t: int, command: str, reason: str) -> Shown:
    return Shown.assemble(
        (format_clock(t), "dim"), " ", ("REFUSED", "bold white on red"), " ", (command, "bold"), ": ", (reason, "red")
    )


def command_line(t: int, command: str) -> Shown:
    return Shown.assemble((format_clock(t), "dim"), " ", ("you", "bold green"), ": ", (command, "green"))


def said_line(said: Said) -> Shown | None:
    """A typed command as the timeline shows it: refused with its reason, or echoed once accepted.

    An accepted /update or /note is shown as the status update or note it made (the view has it
    in `updates` or `notes`), so it is not echoed as well.
    """
    if said.refused is not None:
        return rejection_line(said.t, said.text, said.refused)
    if isinstance(parse(said.text), (Update, Note)):
        return None
    return command_line(said.t, said.text)


def note_line(t: int, by: str, text: str) -> Shown:
    return Shown.assemble((format_clock(t), "dim"), " ", (f"timeline note ({by})", "bold magenta"), ": ", text)


def update_line(t: int, text: str) -> Shown:
    return Shown.assemble((format_clock(t), "dim"), " ", ("you, status update", "bold green"), ": ", text)


class Timeline(RichLog):
    """Appends what is new in the view since the last look; rewrites what it shows only to wrap it
    to a new width (a RichLog keeps lines wrapped as they were written)."""

    BORDER_TITLE = "Inbox & timeline"

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(wrap=True, markup=False, highlight=False, min_width=20, id=id)
        self._seen_commands = 0
        self._seen_inbox = 0
        self._seen_updates = 0
        self._seen_notes = 0
        self._kept: list[Shown] = []  # every line written, to wrap again after a resize
        self._wrapped_at = 0  # the width the lines on screen were wrapped to

    def show(self, view: View) -> None:
        # Commands first: at the same second, what a command set off comes after it. (The app
        # shows the view just before each command, so nothing said earlier waits in this batch.)
        new: list[tuple[int, Shown | None]] = [(said.t, said_line(said)) for said in view.commands[self._seen_commands :]]
        new += [(m.t, message_line(m.t, m.sender, m.text)) for m in view.inbox[self._seen_inbox :]]
        new += [(t, update_line(t, text)) for t, text in view.updates[self._seen_updates :]]
        new += [(t, note_line(t, display_name(view.names, by), text)) for t, by, text in view.notes[self._seen_notes :]]
        self._seen_commands, self._seen_inbox = len(view.commands), len(view.inbox)
        self._seen_updates, self._seen_notes = len(view.updates), len(view.notes)
        for _, line in sorted(new, key=lambda item: item[0]):  # stable: same-second lines keep their order
            if line is not None:
                self._put(line)

    def _put(self, line: Shown) -> None:
        self._kept.append(line)
        self.write(line)

    def on_resize(self) -> None:
        width = self.scrollable_content_region.width
        if width and width != self._wrapped_at:
            # Lines written before are wrapped again: at 80 columns none stays cut at its old width.
            if self._wrapped_at and self._kept:
                self.clear()
                for line in self._kept:
                    self.write(line)
            self._wrapped_at = width
        # A new line scrolls the log to its end (auto_scroll); a change of height keeps it there
        # too, so the latest lines stay in sight when a panel above grows (the debrief at the end).
        # RichLog's own on_resize runs as well: Textual calls the handler of every class in the MRO.
        self.scroll_end(animate=False, immediate=False, x_axis=False)

    def hint(self, text: str) -> None:
        """A line from the game itself (not from the drill): a tip for the player."""
        self._put(Shown(text, style="dim italic"))
