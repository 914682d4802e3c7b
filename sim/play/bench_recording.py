"""How much memory and time `icdrill score` takes on a giant recording: a benchmark, not a test.

A real drill logs a few hundred events, a long human session a few thousand. A hostile or broken
recording can hold millions: a real session's header and events, then filler events that each
pass every check of the reader (numbered in turn, time never going back). This writes such a
file of about SIZE_MB megabytes in a temporary folder, runs `icdrill score` on it in a child
process, and prints the file's size, its events, the seconds taken and the child's peak memory:

    python -m sim.play.bench_recording --mb 200
    python -m sim.play.bench_recording --mb 20 --kinds status_update,task_assigned

With `--drills` it measures instead what recording costs a drill as it is played: the median
time of an expert drill recorded (to a temporary folder, fsynced as the game does) against the
same drill unrecorded, and the worst engine step of a recorded game at 10x speed (the game's
clock advances 2.5 sim seconds a tick; the expert stands in for the player every 15 s):

    python -m sim.play.bench_recording --drills
    python -m sim.play.bench_recording --drills --scenarios sale-day-meltdown --repeats 21

The wall clock is read here only, to time the child; nothing in a drill depends on it.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from sim.log import events as ev
from sim.log.events import to_json, to_record
from sim.engine import Engine
from sim.log.recording import Recorder, recording_header
from sim.play.bots import BOTS
from sim.play.drill import drive, play
from sim.scenario import load_scenario
from sim.scenario import locate as catalog

# Filler, kind by kind: cheap public observations (the default mix), or events a dimension judges.
FILLERS = {
    "impact_observed": lambda n: ev.ImpactObserved(impact=0.25),
    "service_observed": lambda n: ev.ServiceObserved(service="payments-db", health="degraded"),
    "alert_fired": lambda n: ev.AlertFired(alert="checkout-errors", service="checkout"),
    "command_issued": lambda n: ev.CommandIssued(text="/note x"),
    "status_update": lambda n: ev.StatusUpdate(text="Impact: checkout. Actions: restart. Next update: 10 min"),
    "task_assigned": lambda n: ev.TaskAssigned(task=n, person="dana", action="investigate", service="payments-db", timebox=600),
    "broadcast_asked": lambda n: ev.BroadcastAsked(action="investigate", service="payments-db"),
    "person_listed": lambda n: ev.PersonListed(person=f"p{n}", name=f"P {n}", team="payments", on_call="primary"),
    "timeline_note": lambda n: ev.TimelineNote(by="ic", text=f"note {n}"),
}
DEFAULT_KINDS = ("impact_observed", "service_observed", "alert_fired", "command_issued")


def write_giant(path: Path, megabytes: float, kinds: tuple[str, ...] = DEFAULT_KINDS, scenario: str | None = None) -> int:
    """Write a recording of about ``megabytes`` MB at ``path``; the number of events in it."""
    loaded = load_scenario(catalog.resolve(scenario))
    engine = play(loaded, 0, "expert")
    header = recording_header(engine.log.header, scenario_path=loaded.path, driver="player", trainee="bench")
    real = engine.log.entries[:-1]  # everything but drill_ended, which closes the file
    target = int(megabytes * 1_000_000)
    written = 0
    with open(path, "w", encoding="ascii", buffering=1 << 20) as out:
        for line in _lines(header, real, kinds, engine.log.entries[-1], target):
            out.write(line)
            written += 1
    return written - 1  # the header is no event


def _lines(header, real, kinds, last, target: int) -> Iterator[str]:
    size = 0

    def line(record) -> str:
        nonlocal size
        text = to_json(record) + "\n"
        size += len(text)
        return text

    yield line(header)
    for entry in real:
        yield line(to_record(entry.seq, entry.t, entry.event))
    seq, t = len(real), real[-1].t
    while size < target:
        kind = kinds[seq % len(kinds)]
        yield line(to_record(seq, t, FILLERS[kind](seq)))
        seq += 1
    yield line(to_record(seq, t, last.event))


def measure(path: Path, command: str = "score") -> tuple[int, float, float]:
    """Run `icdrill COMMAND path` in a child: (exit code, seconds, the child's peak RSS in MB)."""
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "tui.cli", command, str(path)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    seconds = time.perf_counter() - start
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # kilobytes on Linux
    notes = [line for line in done.stderr.splitlines() if line.strip()]
    for note in notes[:3]:
        print(f"  {command} said: {note[:160]}")
    return done.returncode, seconds, peak_kb / 1024


GAME_TICK = 0.25  # wall seconds between the game's clock ticks (tui/app.py TICK)


def drill_seconds(loaded, seed: int, folder: Path | None) -> float:
    """Seconds for one expert drill from a new engine to its end, recorded into ``folder`` when given."""
    start = time.perf_counter()
    engine = Engine(loaded, seed)
    if folder is None:
        drive(engine, "expert")
    else:
        header = recording_header(engine.log.header, scenario_path=loaded.path, driver="expert", trainee="bench")
        with Recorder(folder / f"{loaded.scenario.scenario.id}-{seed}-{start}.jsonl", header).attach(engine.log):
            drive(engine, "expert")
    return time.perf_counter() - start


def worst_game_step(loaded, seed: int, folder: Path, speed: float = 10.0) -> tuple[float, float]:
    """The longest ``advance`` and the longest ``submit`` (seconds) of a recorded game at ``speed``,
    stepped as the game's clock steps it, the expert deciding every 15 sim seconds."""
    engine = Engine(loaded, seed)
    header = recording_header(engine.log.header, scenario_path=loaded.path, driver="expert", trainee="bench")
    bot, clock, looked = BOTS["expert"](), 0.0, 0
    worst_advance = worst_submit = 0.0
    with Recorder(folder / f"{loaded.scenario.scenario.id}-game-{seed}.jsonl", header).attach(engine.log):
        while not engine.ended:
            clock = max(clock, engine.now) + speed * GAME_TICK
            start = time.perf_counter()
            engine.advance(int(clock))
            worst_advance = max(worst_advance, time.perf_counter() - start)
            if engine.now - looked >= 15 and not engine.ended:
                looked = engine.now
                for text in bot.decide(engine.view):
                    if engine.ended:
                        break
                    start = time.perf_counter()
                    engine.submit(text)
                    worst_submit = max(worst_submit, time.perf_counter() - start)
    return worst_advance, worst_submit


def drill_figures(scenarios: list[str], repeats: int) -> None:
    """Print, per scenario, recorded against unrecorded drills and the worst step of a recorded game."""
    with tempfile.TemporaryDirectory(prefix="icdrill-bench-") as name:
        folder = Path(name)
        for scenario in scenarios:
            loaded = load_scenario(catalog.resolve(scenario))
            drill_seconds(loaded, 0, None)  # warm up: imports, caches
            bare, recorded, advances, submits = [], [], [], []
            for seed in range(repeats):  # interleaved, so a busy machine slows both alike
                bare.append(drill_seconds(loaded, seed, None))
                recorded.append(drill_seconds(loaded, seed, folder))
                advance, submit = worst_game_step(loaded, seed, folder)
                advances.append(advance)
                submits.append(submit)
            plain, rec = statistics.median(bare) * 1000, statistics.median(recorded) * 1000
            print(
                f"{scenario:<24} drill unrecorded {plain:6.1f} ms  recorded {rec:6.1f} ms  ({rec / plain:4.1f}x)  "
                f"worst step at 10x: advance {max(advances) * 1000:5.2f} ms (median game {statistics.median(advances) * 1000:5.2f}), "
                f"submit {max(submits) * 1000:5.2f} ms"
            )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sim.play.bench_recording", description=__doc__.split("\n")[0])
    parser.add_argument("--mb", type=float, default=200.0, help="size of the recording in MB (default: 200)")
    parser.add_argument("--kinds", default=",".join(DEFAULT_KINDS), help=f"filler kinds, comma-separated, of: {', '.join(FILLERS)}")
    parser.add_argument("--command", choices=("score", "report", "replay"), default="score")
    parser.add_argument("--drills", action="store_true", help="measure recorded against unrecorded drills instead")
    parser.add_argument("--scenarios", default="payments-db-saturation,sale-day-meltdown", help="for --drills: scenario ids, comma-separated")
    parser.add_argument("--repeats", type=int, default=11, help="for --drills: drills (seeds) per scenario; medians are printed")
    args = parser.parse_args(argv)
    if args.drills:
        drill_figures([s for s in args.scenarios.split(",") if s], max(1, args.repeats))
        return 0
    kinds = tuple(k for k in args.kinds.split(",") if k)
    unknown = [k for k in kinds if k not in FILLERS]
    if unknown or not kinds:
        parser.error(f"unknown filler kind(s): {', '.join(unknown) or '(none given)'}")
    with tempfile.TemporaryDirectory(prefix="icdrill-bench-") as folder:
        path = Path(folder) / "giant.jsonl"
        start = time.perf_counter()
        events = write_giant(path, args.mb, kinds)
        made = time.perf_counter() - start
        size = path.stat().st_size / 1_000_000
        print(f"recording  {size:.1f} MB, {events} events ({', '.join(kinds)}), written in {made:.1f} s")
        code, seconds, peak = measure(path, args.command)
        print(f"{args.command:<10} exit {code}, {seconds:.1f} s, peak memory (RSS) {peak:.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
