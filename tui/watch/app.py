"""The console's app: one timer reads on in every recording, and the screens show what changed.

The sessions are polled once a `POLL` (`tui.store.watch.Watchlist.poll`: only what each recording
gained is read); each poll posts `Polled`, which the list and an open session redraw on. Tests
listen for it too rather than guessing how long a poll takes.
"""

from __future__ import annotations

from pathlib import Path

from textual.app import App
from textual.binding import Binding
from textual.message import Message

from tui.store.watch import Watchlist

POLL = 1.0  # wall seconds between looks at the recordings: a game writes a step a tick or so


class WatchApp(App):
    """The facilitator's console over the recordings folder `folder`."""

    CSS_PATH = "watch.tcss"
    TITLE = "icdrill watch"
    BINDINGS = [Binding("ctrl+q", "quit", "Quit", priority=True)]

    class Polled(Message):
        """The recordings were read on; `changed` when a session was added or grew."""

        def __init__(self, changed: bool) -> None:
            super().__init__()
            self.changed = changed

    def __init__(self, folder: Path, cohort: str | None = None, poll: float = POLL) -> None:
        """`cohort`: list only that game day's sessions; `poll`: wall seconds between looks."""
        super().__init__()
        self.watchlist = Watchlist(folder, cohort)
        self.poll_every = poll

    def on_mount(self) -> None:
        from tui.watch.sessions import SessionsScreen

        self.push_screen(SessionsScreen(self.watchlist))
        self.poll_now()
        self.set_interval(self.poll_every, self.poll_now)

    def poll_now(self) -> None:
        """Read on in every recording and tell the screens."""
        changed = self.watchlist.poll()
        self.screen.post_message(self.Polled(changed))
