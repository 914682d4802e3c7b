"""The facilitator's console, `icdrill watch`: the sessions of the data folder, followed live.

`WatchApp` lists them (`sessions.SessionsScreen`), opens one read-only (`session.SessionScreen`)
and sends injects to a live one (`inject.InjectScreen`); `tui.store.watch` reads the recordings.
"""

from tui.watch.app import WatchApp

__all__ = ["WatchApp"]
