"""The scenario library table: how each shipped scenario plays, bot by bot, over 20 seeds.

    python -m tests.scenario.library_table [SCENARIO ...]

Prints Markdown: per scenario its difficulty, how often the expert and the idle IC resolve it, the
mean (min-max) overall score of each bot, and how often each piece of drama the scenario authors
fired for the expert and for the novice: the table of scenarios/README.md. The bars are
`sim.balance.bars` (`test_shipped_drama.py` and `tests/scoring/test_calibration.py` hold the
library to them); `icdrill balance` prints the same figures with distributions and warnings.
"""

from __future__ import annotations

import functools
import statistics
import sys
from dataclasses import dataclass
from pathlib import Path

from sim.balance.bars import drama_runs
from sim.play.drill import play
from sim.reading.drama import drama_items, fired
from sim.reading.outcome import outcome
from sim.reading.scoring import score
from sim.scenario import load_scenario

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"
SEEDS = range(20)
BOTS = ("expert", "novice", "idle")
# Of 20 runs, the bars each drama item must clear (sim.balance.bars): 15 and 10.
EXPERT_FIRES, NOVICE_FIRES = drama_runs("expert", len(SEEDS)), drama_runs("novice", len(SEEDS))


def shipped() -> list[str]:
    return sorted(p.stem for p in SCENARIOS.glob("*.yaml"))


@functools.cache
def loaded(name: str):
    return load_scenario(SCENARIOS / f"{name}.yaml")


@dataclass(frozen=True)
class Run:
    seed: int
    resolved: bool
    overall: float
    fired: frozenset[str]


@functools.cache
def runs(name: str, bot: str) -> tuple[Run, ...]:
    """The bot's drill on every seed; cached, drills are deterministic."""
    s = loaded(name)
    out = []
    for seed in SEEDS:
        entries = play(s, seed, bot).log.entries
        out.append(Run(seed, outcome(entries).resolved, score(s.scenario, entries).overall, fired(entries)))
    return tuple(out)


def fired_count(name: str, bot: str, item: str) -> int:
    return sum(item in r.fired for r in runs(name, bot))


def _scores(name: str, bot: str) -> str:
    values = [r.overall for r in runs(name, bot)]
    return f"{statistics.mean(values):.1f} ({min(values):.0f}-{max(values):.0f})"


def table(names: list[str]) -> str:
    lines = [
        "| scenario | difficulty | expert resolved | novice resolved | idle resolved | expert | novice | idle |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for name in names:
        s = loaded(name).scenario
        resolved = {bot: sum(r.resolved for r in runs(name, bot)) for bot in BOTS}
        n = len(SEEDS)
        lines.append(
            f"| {name} | {s.scenario.difficulty} | {resolved['expert']}/{n} | {resolved['novice']}/{n} | {resolved['idle']}/{n} | "
            + " | ".join(_scores(name, bot) for bot in BOTS)
            + " |"
        )
    lines += ["", "| scenario | drama | fired, expert | fired, novice |", "| --- | --- | --- | --- |"]
    for name in names:
        for item in drama_items(loaded(name).scenario):
            n = len(SEEDS)
            lines.append(f"| {name} | {item} | {fired_count(name, 'expert', item)}/{n} | {fired_count(name, 'novice', item)}/{n} |")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    print(table(argv or shipped()))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
