"""The readers of the log: the player's view, outcome, summary, report and scorecard. They never import the engine."""
