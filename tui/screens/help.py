"""The command list as a screen that closes (F1 or /help): it used to be appended to the timeline
each time it was asked for, pushing what happened out of sight."""

from __future__ import annotations

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from sim.scenario.commands import USAGE
from tui.widgets.shown import Shown

KEYS = ("F2 pause/resume · F3 slower · F4 faster · F5 severity form · F6 status-update form · F7 pause on page · "
        "F8 service map · F9 DMs · Tab completes · Ctrl+P all commands · Ctrl+Q quit")


def command_table() -> Table:
    table = Table(box=None, pad_edge=False, show_header=False, expand=True)
    table.add_column("syntax", style="bold cyan", no_wrap=True)
    table.add_column("summary", ratio=1)
    for usage in USAGE:
        table.add_row(Shown(usage.syntax), Shown(usage.summary))
    table.add_row(Shown("/help"), Shown("show this list"))
    return table


class HelpScreen(ModalScreen[None]):
    """The commands, their syntax and what each does; the clock waits while it is open."""

    BINDINGS = [Binding("escape,f1,q", "close", "Back to the drill")]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box") as box:
            box.border_title = "Commands (type them in the line below; Enter sends)"
            box.border_subtitle = "Esc, F1 or q closes"
            yield Static(command_table(), id="help-table")
            yield Static(KEYS, markup=False, id="help-keys")

    def action_close(self) -> None:
        self.dismiss(None)
