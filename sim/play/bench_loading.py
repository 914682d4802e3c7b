"""How long a scenario takes to load, on generated organisations of growing size: a benchmark, not a test.

Writes generated scenarios (sim/scenario/generate.py) of 10, 100 and 1,000 services into a
temporary folder and prints, for each, the median over REPEATS of loading it (read, parse,
validate: `load_scenario`) and of the YAML step alone (`read_yaml`), in milliseconds:

    python -m sim.play.bench_loading
    python -m sim.play.bench_loading --sizes 1000 --repeats 21

The wall clock is read here only; nothing in a drill depends on it.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import yaml

from sim.scenario import load_scenario
from sim.scenario.generate import generated_scenario_yaml
from sim.scenario.yamlsafe import read_yaml


def median_ms(work: Callable[[], object], repeats: int) -> float:
    """The median of ``repeats`` timed calls, in milliseconds (one untimed call first warms up)."""
    work()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10,100,1000", help="services per generated organisation, comma-separated")
    parser.add_argument("--repeats", type=int, default=11, help="timed loads per size; the median is printed")
    args = parser.parse_args(argv)
    print(f"libyaml: {'yes' if yaml.__with_libyaml__ else 'no'}")
    with tempfile.TemporaryDirectory() as folder:
        for size in (int(s) for s in args.sizes.split(",")):
            path = Path(folder) / f"generated-{size}.yaml"
            path.write_text(generated_scenario_yaml(size), encoding="utf-8")
            load = median_ms(lambda: load_scenario(path), args.repeats)
            parse = median_ms(lambda: read_yaml(path), args.repeats)
            kib = path.stat().st_size / 1024
            print(f"{size:>5} services  {kib:7.0f} KiB  load {load:8.1f} ms  of which YAML {parse:8.1f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
