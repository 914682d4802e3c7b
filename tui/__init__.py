"""icdrill's terminal front end, the only code that imports textual.

`cli/` is the `icdrill` command line; `store/` keeps what a session leaves behind (the data
folder, recordings, the progress history) and is where a session is closed; `app.py` is the
Textual game, with its `screens/` and their `widgets/` (the panels).
"""
