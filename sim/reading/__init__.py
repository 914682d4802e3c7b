"""The readers of the log: the player's view, outcome, summary, report and scorecard, and what they
share: one name lookup (`names`), one phrasebook (`narrate`) and one fold of who is doing what
(`staffing`). They never import the engine."""
