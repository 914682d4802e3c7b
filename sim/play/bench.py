"""Headless speed of the engine, part by part, beside a bare SimPy loop doing the same number of events.

Every figure comes from the same process and run, the configurations interleaved seed block by
seed block, so the ratios hold on any machine (and on a busy one) even though the absolute figures
do not. Run it with `icdrill bench`. What it separates:

- a drill as `icdrill run` plays it (the scorecard, the outcome, the room summary, the JSONL log
  written), with the scorecard and outcome only, and the engine and the bot alone;
- the bot alone (time spent in its `decide` and `next_look`), and the engine without it: the
  bot's own commands replayed as a fixed script at the same seconds (the same log), once with the
  drive loop's 15-second ticks and once with a tick only where a command is due (the cost of
  the ticks themselves); the idle bot's drill;
- the model beside bare SimPy: the SimPy events the model processes against a bare loop of as many;
- a recorded drill (every event on disk as it happens, `sim.log.recording`) against the same
  drills unrecorded;
- the same fault in generated organisations of 10, 100 and 1,000 services (`sim.scenario.generate`,
  built here and never shipped): microseconds per log event, and the ratio 1,000 to 10.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import simpy

from sim.engine import Engine
from sim.log import events as ev
from sim.log.recording import Recorder, recording_header
from sim.play.bots import BOTS, Bot
from sim.play.drill import TICK, drive, play
from sim.reading.outcome import outcome
from sim.reading.scoring import score
from sim.reading.summary import room_summary
from sim.reading.view import View
from sim.scenario import LoadedScenario, load_scenario
from sim.scenario.generate import write_generated

SIZES = (10, 100, 1000)  # services in the generated organisations
BLOCK = 10  # seeds per turn when configurations take turns


@dataclass
class Timing:
    """One configuration: drills played, seconds spent, log events produced."""

    label: str
    drills: int = 0
    seconds: float = 0.0
    events: int = 0

    @property
    def drills_per_second(self) -> float:
        return self.drills / self.seconds if self.seconds else 0.0

    @property
    def us_per_event(self) -> float:
        return 1e6 * self.seconds / self.events if self.events else 0.0


@dataclass
class Counts:
    """What the drills do, counted in a pass of their own so that timing is not disturbed."""

    simpy_steps: int = 0  # SimPy events the model processes
    ticks: int = 0  # the drive loop's ticks
    looks: int = 0  # ticks at which the bot was asked
    decide_seconds: float = 0.0  # time inside the bot (decide and next_look)


@dataclass
class BenchResult:
    scenario: str
    bot: str
    drills: int
    timings: dict[str, Timing]
    counts: Counts
    bare_seconds: float  # a bare SimPy loop through `counts.simpy_steps` events
    scale: list[tuple[int, Timing]] = field(default_factory=list)  # (services, timing)

    @property
    def scale_ratio(self) -> float | None:
        """Cost per log event on the largest generated organisation over the smallest's."""
        if len(self.scale) < 2 or not self.scale[0][1].us_per_event:
            return None
        return self.scale[-1][1].us_per_event / self.scale[0][1].us_per_event


class _Timed(Bot):
    """A bot wrapped so the time spent inside it is measured; it decides exactly as the bot does."""

    def __init__(self, bot: Bot, counts: Counts) -> None:
        self.bot, self.counts = bot, counts

    def decide(self, view: View) -> list[str]:
        start = time.perf_counter()
        try:
            return self.bot.decide(view)
        finally:
            self.counts.decide_seconds += time.perf_counter() - start
            self.counts.looks += 1

    def next_look(self, view: View) -> int | None:
        start = time.perf_counter()
        try:
            return self.bot.next_look(view)
        finally:
            self.counts.decide_seconds += time.perf_counter() - start


def _commands(engine: Engine) -> list[tuple[int, str]]:
    """What the IC typed and when: the drill again as a fixed script."""
    return [(e.t, e.event.text) for e in engine.log.entries if isinstance(e.event, ev.CommandIssued)]


def _count(loaded: LoadedScenario, seeds: range, bot: str) -> tuple[Counts, dict[int, list[tuple[int, str]]]]:
    """Steps, ticks, looks and time in the bot, and each seed's commands as a script."""
    counts = Counts()
    scripts = {}
    original_step, original_advance = simpy.Environment.step, Engine.advance

    def counting_step(env):
        counts.simpy_steps += 1
        original_step(env)

    def counting_advance(engine, until):
        counts.ticks += 1
        original_advance(engine, until)

    simpy.Environment.step, Engine.advance = counting_step, counting_advance
    try:
        for seed in seeds:
            scripts[seed] = _commands(play(loaded, seed, _Timed(BOTS[bot](), counts)))
    finally:
        simpy.Environment.step, Engine.advance = original_step, original_advance
    return counts, scripts


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


def _as_run(loaded: LoadedScenario, bot: str, folder: Path) -> Callable[[int], int]:
    """A drill as `icdrill run --log` plays it, without the recording and the history."""

    def one(seed: int) -> int:
        engine = play(loaded, seed, bot)
        entries = engine.log.entries
        score(loaded.scenario, entries)
        outcome(entries)
        room_summary(entries)
        (folder / "log.jsonl").write_text(engine.log.to_jsonl(), encoding="utf-8")
        return len(entries)

    return one


def _scored(loaded: LoadedScenario, bot: str) -> Callable[[int], int]:
    def one(seed: int) -> int:
        entries = play(loaded, seed, bot).log.entries
        score(loaded.scenario, entries)
        outcome(entries)
        return len(entries)

    return one


def _bare(loaded: LoadedScenario, bot: str) -> Callable[[int], int]:
    return lambda seed: len(play(loaded, seed, bot).log)


def _scripted(loaded: LoadedScenario, scripts: dict[int, list[tuple[int, str]]], tick: int) -> Callable[[int], int]:
    return lambda seed: len(drive(Engine(loaded, seed), None, scripts[seed], tick).log)


def _recorded(loaded: LoadedScenario, bot: str, folder: Path) -> Callable[[int], int]:
    """A drill with every event written to disk as it happens, as the game and `icdrill run` record."""

    def one(seed: int) -> int:
        engine = Engine(loaded, seed)
        path = folder / f"{seed}.jsonl"
        header = recording_header(engine.log.header, scenario_path=loaded.path, driver=bot, trainee="bench")
        with Recorder(path, header, exclusive=False).attach(engine.log):
            drive(engine, bot)
        path.unlink()
        return len(engine.log)

    return one


def _time(runs: dict[str, Callable[[int], int]], seeds: range, progress=None, block_size: int = BLOCK) -> dict[str, Timing]:
    """Each configuration over every seed, taking turns a block of seeds at a time."""
    timings = {label: Timing(label) for label in runs}
    done, total = 0, len(seeds) * len(runs)
    for start in range(0, len(seeds), block_size):
        block = seeds[start : start + block_size]
        for label, one in runs.items():
            timing = timings[label]
            began = time.perf_counter()
            for seed in block:
                timing.events += one(seed)
            timing.seconds += time.perf_counter() - began
            timing.drills += len(block)
            done += len(block)
            if progress is not None:
                progress(done, total)
    return timings


def bench(
    loaded: LoadedScenario,
    drills: int = 200,
    bot: str = "expert",
    progress=None,
    sizes: tuple[int, ...] = SIZES,
) -> BenchResult:
    """Every figure of `report`, for `drills` seeds of `loaded` played by `bot`."""
    seeds = range(drills)
    counts, scripts = _count(loaded, seeds, bot)
    few = range(min(drills, 20))  # a recorded drill waits on the disk: fewer of them
    with tempfile.TemporaryDirectory(prefix="icdrill-bench-") as folder:
        timings = _time(
            {
                "as icdrill run": _as_run(loaded, bot, Path(folder)),
                "with scoring": _scored(loaded, bot),
                "engine and bot": _bare(loaded, bot),
                "engine, script": _scripted(loaded, scripts, TICK),
                "engine, script, no ticks": _scripted(loaded, scripts, loaded.scenario.end.time_limit),
                "engine, idle bot": _bare(loaded, "idle"),
            },
            seeds,
            progress,
        )
        recorded = {"recorded": _recorded(loaded, bot, Path(folder)), "unrecorded": _bare(loaded, bot)}
        timings.update(_time(recorded, few, block_size=1))
    result = BenchResult(loaded.scenario.scenario.id, bot, drills, timings, counts, _bare_simpy(counts.simpy_steps))
    # One drill of each size in turn, so that a change in the machine's load falls on all of them.
    scaled = _time({str(n): _bare(generated(n), bot) for n in sizes}, range(min(drills, 20)), block_size=1)
    result.scale = [(n, scaled[str(n)]) for n in sizes]
    return result


def generated(services: int) -> LoadedScenario:
    """A scenario on an organisation of `services` services with one fault (`sim.scenario.generate`),
    written to a temporary folder, loaded as any scenario is, and the files removed."""
    with tempfile.TemporaryDirectory(prefix="icdrill-bench-org-") as folder:
        return load_scenario(write_generated(folder, services))


def report(result: BenchResult) -> str:
    t, c = result.timings, result.counts
    run, bare = t["as icdrill run"], t["engine and bot"]
    script, flat = t["engine, script"], t["engine, script, no ticks"]
    per = result.drills
    bot_share = c.decide_seconds / per / (bare.seconds / bare.drills) if bare.seconds else 0.0
    ticks_us = 1e6 * (script.seconds / script.drills - flat.seconds / flat.drills) / max(1, c.ticks / per)
    model_ratio = (flat.seconds / flat.drills) / (result.bare_seconds / per) if result.bare_seconds else 0.0
    lines = [
        f"scenario {result.scenario}, bot {result.bot}, {per} drills per configuration",
        "  drills per second (each on one core)",
        *(f"    {label:28}{timing.drills_per_second:10.1f}   {timing.us_per_event:7.1f} us per log event" for label, timing in t.items() if label not in ("recorded", "unrecorded")),
        f"  per drill: {run.events / run.drills:.0f} log events, {c.simpy_steps / per:.0f} SimPy events, "
        f"{c.ticks / per:.0f} ticks of the drive loop, {c.looks / per:.0f} looks by the bot",
        f"  the bot alone              {1e6 * c.decide_seconds / per:10.0f} us per drill in decide ({bot_share:.0%} of engine and bot)",
        f"  the drive loop's ticks     {ticks_us:10.1f} us per tick (script with ticks against without; "
        "near 0 is within the noise)",
        f"  bare SimPy, same events    {c.simpy_steps / result.bare_seconds:10.0f} events per second",
        f"  ratio                      {model_ratio:10.1f}x  (the model, script without ticks, over bare SimPy event for event)",
        f"  ratio with bot and ticks   {(bare.seconds / bare.drills) / (result.bare_seconds / per):10.1f}x",
    ]
    rec, unrec = t["recorded"], t["unrecorded"]
    if rec.drills:
        lines.append(
            f"  recorded drill             {1e3 * rec.seconds / rec.drills:10.2f} ms against {1e3 * unrec.seconds / unrec.drills:.2f} ms "
            f"unrecorded ({rec.seconds / unrec.seconds:.1f}x, {rec.drills} drills each)"
        )
    for services, timing in result.scale:
        lines.append(
            f"  {services:>5} services           {timing.us_per_event:10.1f} us per log event   "
            f"({timing.drills_per_second:.1f} drills/s, {timing.events / max(1, timing.drills):.0f} events per drill)"
        )
    if result.scale_ratio is not None:
        lines.append(f"  per-event cost {result.scale[-1][0]} to {result.scale[0][0]} services {result.scale_ratio:6.1f}x")
    return "\n".join(lines)
