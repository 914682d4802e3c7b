"""What a session leaves behind, and where: the data folder, the recording written as the drill is
played, and the progress history (SQLite).

Below the app and the command line: nothing here imports `tui.app`, `tui.cli`, `tui.screens` or
`tui.widgets`, nor Textual, so `icdrill run` and `icdrill history` use it headless.
"""
