"""The readers of the log: the player's view, outcome, summary, report and scorecard, and what they
share: one name lookup (`names`) and one phrasebook (`narrate`). They never import the engine."""
