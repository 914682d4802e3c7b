"""Headless speed of the engine beside a bare SimPy loop doing the same number of events.

Both are measured in the same process and run, so the ratio holds on any machine even though the
absolute figures do not. Run it with `icdrill bench`.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import simpy

from sim.play.drill import play
from sim.scenario import LoadedScenario


@dataclass(frozen=True)
class BenchResult:
    drills: int
    seconds: float
    simpy_steps: int
    log_events: int
    bare_seconds: float

    @property
    def drills_per_second(self) -> float:
        return self.drills / self.seconds

    @property
    def steps_per_second(self) -> float:
        return self.simpy_steps / self.seconds

    @property
    def log_events_per_second(self) -> float:
        return self.log_events / self.seconds

    @property
    def bare_steps_per_second(self) -> float:
        return self.simpy_steps / self.bare_seconds

    @property
    def ratio(self) -> float:
        """How many times slower than bare SimPy, event for event."""
        return self.bare_steps_per_second / self.steps_per_second


def _count_steps(loaded: LoadedScenario, seeds: range, bot: str) -> int:
    """SimPy events the drills process, counted in a separate pass so timing is not disturbed."""
    steps = 0
    original = simpy.Environment.step

    def counting(env):
        nonlocal steps
        steps += 1
        original(env)

    simpy.Environment.step = counting
    try:
        for seed in seeds:
            play(loaded, seed, bot)
    finally:
        simpy.Environment.step = original
    return steps


def _bare_simpy(steps: int) -> float:
    """Seconds for a bare SimPy process to go through `steps` timeouts."""
    env = simpy.Environment()

    def ticker(env):
        for _ in range(steps - 2):  # the process start and its end are events too
            yield env.timeout(1)

    env.process(ticker(env))
    start = time.perf_counter()
    env.run()
    return time.perf_counter() - start


def bench(loaded: LoadedScenario, drills: int = 200, bot: str = "expert", progress=None) -> BenchResult:
    seeds = range(drills)
    steps = _count_steps(loaded, seeds, bot)
    events = 0
    start = time.perf_counter()
    for seed in seeds:
        events += len(play(loaded, seed, bot).log)
        if progress is not None:
            progress(seed + 1, drills)
    seconds = time.perf_counter() - start
    return BenchResult(drills, seconds, steps, events, _bare_simpy(steps))


def report(result: BenchResult, scenario: str, bot: str) -> str:
    return "\n".join(
        [
            f"scenario {scenario}, bot {bot}, {result.drills} drills in {result.seconds:.2f} s",
            f"  drills per second        {result.drills_per_second:10.1f}",
            f"  SimPy events per second  {result.steps_per_second:10.0f}   ({result.simpy_steps} events)",
            f"  log events per second    {result.log_events_per_second:10.0f}   ({result.log_events} events)",
            f"  bare SimPy, same events  {result.bare_steps_per_second:10.0f} events per second",
            f"  ratio                    {result.ratio:10.1f}x  (bare SimPy events/s over icdrill's)",
        ]
    )
