"""Calibration: on every starter scenario, over 20 seeds, the scripted ICs land in their bands.

expert 85 or more, novice between 35 and 70, idle 15 or less (issue 4). The bands are what the
scorecard promises a facilitator: a strong run reads strong, a first shift middling, absence zero.
"""

import statistics

import pytest

from sim.play.drill import play
from sim.reading.scoring import score

SEEDS = range(20)
BANDS = {"expert": (85.0, 100.0), "novice": (35.0, 70.0), "idle": (0.0, 15.0)}


def overall_scores(loaded, bot: str) -> dict[int, float]:
    return {seed: score(loaded.scenario, play(loaded, seed, bot).log.entries).overall for seed in SEEDS}


@pytest.fixture(scope="module")
def cache():
    return {}


@pytest.mark.parametrize("bot", list(BANDS))
def test_every_seed_lands_in_the_bots_band(starter, bot, cache):
    low, high = BANDS[bot]
    scores = cache.setdefault((starter.scenario.scenario.id, bot), overall_scores(starter, bot))
    outside = {seed: s for seed, s in scores.items() if not low <= s <= high}
    summary = f"min {min(scores.values())} mean {statistics.mean(scores.values()):.1f} max {max(scores.values())}"
    assert not outside, f"{bot} on {starter.scenario.scenario.id} outside [{low}, {high}]: {outside} ({summary})"


def test_expert_beats_novice_beats_idle_on_each_seed(starter, cache):
    by_bot = {bot: cache.setdefault((starter.scenario.scenario.id, bot), overall_scores(starter, bot)) for bot in BANDS}
    for seed in SEEDS:
        assert by_bot["expert"][seed] > by_bot["novice"][seed] > by_bot["idle"][seed], seed
