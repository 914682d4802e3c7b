"""Par: what the expert bot scores on the same scenario and seed, the yardstick beside a trainee."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sim.play.drill import play
from sim.reading.scoring import Scorecard, score

if TYPE_CHECKING:
    from sim.scenario import LoadedScenario


def par(loaded: LoadedScenario, seed: int) -> Scorecard:
    """Par for a scenario and seed: the expert bot's scorecard on the same seed."""
    engine = play(loaded, seed, "expert")
    return score(loaded.scenario, engine.log.entries)
