"""The probe table: each strategy's expected rank beside the scorecard, dimension by dimension.

    python -m tests.scoring.probe_table [SCENARIO ...]

Scores are means over SEEDS; the closing note of issue 9 quotes this table.
"""

from __future__ import annotations

import functools
import statistics
import sys

from sim.play.drill import play
from sim.reading.scoring import DIMENSIONS, score
from tests.scoring.helpers import scenario
from tests.scoring.probes import STRATEGIES, Strategy

SCENARIOS = ("payments-db-saturation", "sale-day-meltdown", "search-deploy-and-cache")
SEEDS = (0, 1, 2)


@functools.cache
def card(name: str, seed: int, strategy: str):
    s = next(x for x in STRATEGIES if x.name == strategy)
    loaded = scenario(name)
    entries = play(loaded, seed, s.make()).log.entries
    return entries, score(loaded.scenario, entries)


def applies(name: str, s: Strategy) -> bool:
    """A probe whose habit needs an event (a Sales push) only counts where the good player meets it."""
    return s.needs is None or any(isinstance(e.event, s.needs) for e in card(name, SEEDS[0], "good")[0])


def table(name: str) -> list[tuple[Strategy, int, float, dict[str, float]]]:
    """(strategy, expected rank here, mean overall, mean of each dimension) per applicable probe."""
    rows = []
    for s in STRATEGIES:
        if not applies(name, s):
            continue
        cards = [card(name, seed, s.name)[1] for seed in SEEDS]
        dims = {d: statistics.mean(c.dimension(d).score for c in cards) for d in DIMENSIONS}
        rows.append((s, s.rank_for(scenario(name).scenario), statistics.mean(c.overall for c in cards), dims))
    return rows


def spearman(xs: list[float], ys: list[float]) -> float:
    """Rank correlation, ties given their average rank."""

    def ranks(values):
        order = sorted(range(len(values)), key=lambda i: values[i])
        out = [0.0] * len(values)
        i = 0
        while i < len(order):
            j = i
            while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
                j += 1
            for k in range(i, j + 1):
                out[order[k]] = (i + j) / 2 + 1
            i = j + 1
        return out

    rx, ry = ranks(xs), ranks(ys)
    mx, my = statistics.mean(rx), statistics.mean(ry)
    num = sum((a - mx) * (b - my) for a, b in zip(rx, ry))
    den = (sum((a - mx) ** 2 for a in rx) * sum((b - my) ** 2 for b in ry)) ** 0.5
    return num / den if den else 0.0


def main(names: list[str]) -> None:
    for name in names or SCENARIOS:
        rows = table(name)
        rho = spearman([-rank for _, rank, _, _ in rows], [overall for _, _, overall, _ in rows])
        print(f"\n{name} (mean of seeds {', '.join(map(str, SEEDS))}; Spearman {rho:.3f})")
        print(f"{'strategy':20} {'rank':>4} {'score':>6}  " + " ".join(f"{d[:6]:>6}" for d in DIMENSIONS))
        for s, rank, overall, dims in rows:
            print(f"{s.name:20} {rank:>4} {overall:6.1f}  " + " ".join(f"{dims[d]:6.1f}" for d in DIMENSIONS))


if __name__ == "__main__":
    main(sys.argv[1:])
