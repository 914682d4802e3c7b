"""The inbox and timeline: messages to the IC, refused commands with their reason, status updates.

Everything written here is a `rich.text.Text`, never markup: names, findings and the player's own
words are shown exactly as they were typed.
"""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.widgets import RichLog

from sim.scenario.commands import USAGE
from sim.log.clock import format_clock
from sim.reading.names import display_name
from sim.reading.view import View


def message_line(t: int, sender: str, text: str) -> Text:
    style = "bold red" if sender == "pager" else "bold cyan"
    return Text.assemble((format_clock(t), "dim"), " ", (sender, style), ": ", text)


def rejection_line(t: int, command: str, reason: str) -> Text:
    return Text.assemble(
        (format_clock(t), "dim"), " ", ("REFUSED", "bold white on red"), " ", (command, "bold"), ": ", (reason, "red")
    )


def note_line(t: int, by: str, text: str) -> Text:
    return Text.assemble((format_clock(t), "dim"), " ", (f"timeline note ({by})", "bold magenta"), ": ", text)


def update_line(t: int, text: str) -> Text:
    return Text.assemble((format_clock(t), "dim"), " ", ("you, status update", "bold green"), ": ", text)


class Timeline(RichLog):
    """Appends what is new in the view since the last look; never rewrites what is shown."""

    BORDER_TITLE = "Inbox & timeline"

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(wrap=True, markup=False, highlight=False, min_width=20, id=id)
        self._seen_inbox = 0
        self._seen_rejections = 0
        self._seen_updates = 0
        self._seen_notes = 0

    def show(self, view: View) -> None:
        new: list[tuple[int, Text]] = []
        new += [(m.t, message_line(m.t, m.sender, m.text)) for m in view.inbox[self._seen_inbox :]]
        new += [(t, rejection_line(t, text, reason)) for t, text, reason in view.rejections[self._seen_rejections :]]
        new += [(t, update_line(t, text)) for t, text in view.updates[self._seen_updates :]]
        new += [(t, note_line(t, display_name(view.names, by), text)) for t, by, text in view.notes[self._seen_notes :]]
        self._seen_inbox, self._seen_rejections = len(view.inbox), len(view.rejections)
        self._seen_updates, self._seen_notes = len(view.updates), len(view.notes)
        for _, line in sorted(new, key=lambda item: item[0]):  # stable: same-second lines keep their order
            self.write(line)

    def on_resize(self) -> None:
        # A new line scrolls the log to its end (auto_scroll); a change of height keeps it there
        # too, so the latest lines stay in sight when a panel above grows (the debrief at the end).
        # RichLog's own on_resize runs as well: Textual calls the handler of every class in the MRO.
        self.scroll_end(animate=False, immediate=False, x_axis=False)

    def command(self, t: int, text: str) -> None:
        """Echo a command the engine accepted, so the player sees it went through."""
        self.write(Text.assemble((format_clock(t), "dim"), " ", ("you", "bold green"), ": ", (text, "green")))

    def hint(self, text: str) -> None:
        """A line from the game itself (not from the drill): a tip for the player."""
        self.write(Text(text, style="dim italic"))

    def help(self) -> None:
        table = Table(box=None, pad_edge=False, show_header=False, title="Commands (type them below; Enter sends)",
                      title_justify="left", title_style="bold")
        table.add_column("syntax", style="bold cyan", no_wrap=True)
        table.add_column("summary", ratio=1)
        for usage in USAGE:
            table.add_row(Text(usage.syntax), Text(usage.summary))
        table.add_row(Text("/help"), Text("show this list"))
        self.write(table, expand=True)
