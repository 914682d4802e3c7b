"""`icdrill balance`: every (scenario, seed, bot) played on every core or on a Dask cluster, and
per scenario and bot the resolve rate, the score and customer-impact distributions, the drama
that fired and the bars missed (`sim.balance`)."""

from __future__ import annotations

import argparse
import json
import sys
import time

from tui.cli.columns import aligned
from tui.cli.exits import Exit, bad_input
from tui.cli.flags import bot_list
from tui.cli.loading import load


def add_parsers(sub: argparse._SubParsersAction) -> None:
    balance = sub.add_parser(
        "balance",
        help="Play every scenario x seed x bot on every core (or a Dask cluster) and check the bars.",
        description=(
            "Play each scenario on seeds 0 to N-1 with each bot and print, per scenario and bot, the resolve rate, "
            "the overall score and customer-impact-minutes (mean, p10, median, p90, min-max), how often each "
            "authored drama item fired, and WARNINGS for every bar the scenario misses (the expert resolves every "
            "seed, the idle IC none; mean score bands; customer impact expert < novice < idle; drama fires often "
            "enough). The results are the same, byte for byte, whatever --workers, --chunk and --cluster."
        ),
    )
    balance.add_argument("scenarios", nargs="+", metavar="SCENARIO", help="scenario files or ids")
    balance.add_argument("--seeds", type=int, default=20, metavar="N", help="play seeds 0 to N-1 (default: 20)")
    balance.add_argument(
        "--bots", type=bot_list, default=("expert", "novice", "idle"), metavar="LIST",
        help="bots separated by commas (default: expert,novice,idle)",
    )
    balance.add_argument(
        "--workers", type=int, default=None, metavar="K",
        help="processes to play on (default: one per core); with --cluster local, the LocalCluster's workers",
    )
    balance.add_argument(
        "--chunk", type=int, default=None, metavar="C",
        help="runs per task sent to a worker (default: about 4 tasks per worker, at most 20 runs a task)",
    )
    balance.add_argument(
        "--cluster", default=None, metavar="ADDRESS",
        help="play on the Dask scheduler at ADDRESS (tcp://host:8786), or on a LocalCluster started here with "
        "'local' (needs pip install 'icdrill[dask]'); --workers does not apply to a running scheduler",
    )
    balance.add_argument(
        "--out", default=None, metavar="FILE",
        help="append one JSON line per finished run to FILE; run again with the same FILE to play only the runs "
        "not in it yet (an edited scenario is played again)",
    )
    balance.add_argument(
        "--level", default=None, metavar="ID",
        help="play every scenario at this difficulty level (each must declare it; default: as written)",
    )
    balance.add_argument(
        "--json", action="store_true",
        help='print {"summary": ..., "runs": [...]} as JSON: the summary by scenario and bot, and every run in order',
    )


def balance_command(args: argparse.Namespace) -> int:
    from sim.balance import jobs_for, run_jobs, sources_of, summarise
    from sim.balance.cluster import ClusterError
    from sim.balance.results import ResultsError

    loaded = [load(ref, args.level) for ref in args.scenarios]
    if any(found is None for found in loaded):
        return Exit.BAD_INPUT  # load() said why, for each
    try:
        jobs = jobs_for(loaded, range(args.seeds), args.bots)
    except (ValueError, OSError) as err:
        return bad_input(getattr(err, "strerror", None) or str(err))
    bar = ProgressBar()
    try:
        rows = run_jobs(jobs, args.workers, args.chunk, args.cluster, bar.show, args.out)
    except (ClusterError, ResultsError) as err:
        return bad_input(str(err))
    finally:
        bar.close()
    summary = summarise(rows, sources_of(jobs))
    if args.json:
        level = {"level": args.level} if args.level is not None else {}
        print(json.dumps({**level, "summary": summary, "runs": rows}))
    else:
        print(report(summary, args.seeds, args.level))
    return Exit.OK


class ProgressBar:
    """`[#####-----] 120/600  45.2 runs/s  ETA 0:11` on stderr, redrawn in place, only on a terminal.

    It goes to the raw stream (`tui.cli.output`): a carriage return is the program's own terminal
    control, and a log or a pipe gets none of it."""

    WIDTH = 30

    def __init__(self) -> None:
        self._err = getattr(sys.stderr, "raw", sys.stderr)
        self._live = self._err.isatty()
        self._start = time.monotonic()
        self._drawn = False

    def show(self, done: int, total: int) -> None:
        if not self._live:
            return
        elapsed = time.monotonic() - self._start
        rate = done / elapsed if elapsed > 0 else 0.0
        left = (total - done) / rate if rate > 0 else 0.0
        filled = self.WIDTH * done // max(total, 1)
        eta = f"{int(left) // 60}:{int(left) % 60:02d}"
        line = f"\r  [{'#' * filled}{'-' * (self.WIDTH - filled)}] {done}/{total}  {rate:.1f} runs/s  ETA {eta} "
        print(line, end="", file=self._err, flush=True)
        self._drawn = True

    def close(self) -> None:
        if self._drawn:
            print(file=self._err, flush=True)  # end the bar's line, also before "icdrill: interrupted"


def report(summary: dict, seeds: int, level: str | None = None) -> str:
    """The summary as text: a table of the bots per scenario, the drama, the warnings."""
    blocks = []
    at = f" at level {level}" if level is not None else ""
    for scenario_id, part in summary.items():
        bots = part["bots"]
        lines = [f"{scenario_id}{at}: seeds 0-{seeds - 1}"]
        header = ["bot", "resolved", "score mean", "p10", "median", "p90", "min-max", "CIM mean", "p10", "median", "p90", "min-max"]
        table = [header]
        for bot, b in bots.items():
            table.append([bot, f"{round(b['resolve_rate'] * b['runs'])}/{b['runs']}", *_dist(b["score"]), *_dist(b["cim"])])
        lines += _columns(table, left={0})
        labels = list(next(iter(bots.values()))["drama"])
        if labels:
            drama = [["drama fired", *bots]]
            drama += [[label, *(f"{b['drama'][label]}/{b['runs']}" for b in bots.values())] for label in labels]
            lines += [""] + _columns(drama, left={0})
        warnings = part["warnings"] + [w for b in bots.values() for w in b["warnings"]]
        if warnings:
            lines += ["", "WARNINGS"] + [f"  - {w}" for w in warnings]
        else:
            lines += ["", "every bar met"]
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def _dist(d: dict) -> list[str]:
    return [f"{d['mean']:.1f}", f"{d['p10']:.1f}", f"{d['median']:.1f}", f"{d['p90']:.1f}", f"{d['min']:.1f}-{d['max']:.1f}"]


def _columns(rows: list[list[str]], left: set[int]) -> list[str]:
    return ["  " + line for line in aligned(rows, left)]


COMMANDS = {"balance": balance_command}
