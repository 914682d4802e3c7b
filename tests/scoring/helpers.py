"""Helpers for the scoring tests: scenarios by name, drills by bot, and expert variants that
change exactly one habit (the bots themselves stay as they are)."""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path

from sim.play.bots import ExpertBot
from sim.play.drill import play
from sim.scenario import load_scenario
from sim.reading.scoring import DIMENSIONS, Scorecard, score
from sim.reading.view import View

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"
Change = Callable[["Variant", View, list[str]], list[str]]


@functools.cache
def scenario(name: str):
    return load_scenario(SCENARIOS / f"{name}.yaml")


@functools.cache
def run(name: str, seed: int, bot: str):
    """(log entries, scorecard) of a bot's drill; cached, drills are deterministic."""
    loaded = scenario(name)
    entries = play(loaded, seed, bot).log.entries
    return entries, score(loaded.scenario, entries)


class Variant(ExpertBot):
    """The expert with one habit changed: `change` edits the commands it would give."""

    def __init__(self, change: Change) -> None:
        super().__init__()
        self.change = change
        self.state: dict = {}

    def decide(self, view: View) -> list[str]:
        return self.change(self, view, super().decide(view))


def run_variant(name: str, seed: int, change: Change):
    loaded = scenario(name)
    entries = play(loaded, seed, Variant(change)).log.entries
    return entries, score(loaded.scenario, entries)


def deltas(changed: Scorecard, base: Scorecard) -> dict[str, float]:
    return {d: changed.dimension(d).score - base.dimension(d).score for d in DIMENSIONS}
