"""The scorecard: seven duties of the Incident Commander, each 0 to 100, every point backed by
the log entries and sim times behind it.

`score(scenario, entries)` is a pure function of the scenario and the log (hidden truth
included: scoring is the judge); par, the expert bot's card on the same seed, is played in
`sim.play.par`, and `debrief(...)` puts a run beside it in plain text. One module per dimension says what it judges
and why; `card.py` says how items become points, `seek.py` how entries are paired up (in n log n,
so that a recording from outside with thousands of entries of one kind is scored in a moment).
"""

from __future__ import annotations

from sim.log.eventlog import Entry
from sim.scenario.model import Scenario
from sim.reading.scoring import (
    cadence,
    coordination,
    delegation,
    focus,
    outcome,
    roles,
    severity,
)
from sim.reading.scoring.card import DIMENSIONS, Dimension, Finding, Scorecard, overall
from sim.reading.scoring.debrief import debrief
from sim.reading.scoring.facts import Facts, gather

_JUDGES = {
    "delegation": delegation.judge,
    "cadence": cadence.judge,
    "severity": severity.judge,
    "outcome": outcome.judge,
    "focus": focus.judge,
    "roles": roles.judge,
    "coordination": coordination.judge,
}


def score(scenario: Scenario, entries: list[Entry]) -> Scorecard:
    """The scorecard of a run: a pure function of the scenario and the log."""
    return score_facts(gather(scenario, entries))


def score_facts(facts: Facts) -> Scorecard:
    """The scorecard from facts already gathered (`gather`), for a reader that needs them too."""
    weights = facts.scenario.scoring.weights
    dimensions = tuple(_JUDGES[name](facts).close(getattr(weights, name)) for name in DIMENSIONS)
    return Scorecard(dimensions, overall(dimensions))


__all__ = ["DIMENSIONS", "Dimension", "Finding", "Scorecard", "debrief", "score", "score_facts"]
