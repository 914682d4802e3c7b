"""icdrill's headless core, one folder a layer; a module imports its own layer and those below.

From the bottom: `log` (the truth: events, the log, recordings), `scenario` (the world as written:
format, loading, catalog, graph, policy, command language), `reading` (the readers of the log:
view, narrator, outcome, report, scorecard), `engine` (the only writer of the log) and `play`
(what drives an engine: drills, par, replay, bots). Nothing here imports textual or rich.
"""
