"""Par is strong (issue 9): the expert wins every shipped scenario on every seed, and no play
beats the outcome's "at best"."""

import pytest

from sim.log import events as ev
from sim.play.drill import play
from sim.reading.scoring import score

SEEDS = range(20)


def test_the_expert_resolves_every_shipped_scenario_with_nobody_hurt(starter):
    for seed in SEEDS:
        entries = play(starter, seed, "expert").log.entries
        ended = [e.event for e in entries if isinstance(e.event, ev.DrillEnded)]
        assert ended and ended[-1].reason == starter.scenario.end.phase, (seed, ended)
        impact = [e.event for e in entries if isinstance(e.event, ev.ImpactChanged)]
        assert impact and impact[-1].impact == 0, seed


@pytest.mark.parametrize("seed", [0, 3])
def test_no_play_beats_at_best(starter, seed):
    entries = play(starter, seed, "expert").log.entries
    outcome = score(starter.scenario, entries).dimension("outcome")
    assert outcome.score < 100  # the true bound fixes each fault the moment it starts
