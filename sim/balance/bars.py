"""The bars a shipped scenario must clear (issues 4, 9 and 10), in one place.

`tests/scoring/test_calibration.py` and `tests/scenario/test_shipped_drama.py` hold the shipped
library to them; `icdrill balance` warns when a scenario misses one. scenarios/README.md states
them for authors:

- the expert resolves every seed, the idle IC none;
- mean overall score: expert 85 or more, novice 35 to 70, idle 15 or less, and no seed more than
  10 points outside its bot's band;
- mean customer-impact-minutes ordered expert < novice < idle;
- each authored drama item fires in at least 75% of the expert's runs and 50% of the novice's.
"""

from __future__ import annotations

import math

# Mean overall score per bot, inclusive; a single seed may stray SLACK points beyond.
BANDS: dict[str, tuple[float, float]] = {"expert": (85.0, 100.0), "novice": (35.0, 70.0), "idle": (0.0, 15.0)}
SLACK = 10.0
# The share of runs each bot must resolve: the expert all, the idle IC none (1.0 and 0.0 exactly).
RESOLVE = {"expert": 1.0, "idle": 0.0}
# The share of runs in which each authored drama item must fire, per bot.
DRAMA = {"expert": 0.75, "novice": 0.5}
# Mean customer-impact-minutes must rise strictly along this order.
CIM_ORDER = ("expert", "novice", "idle")


def drama_runs(bot: str, runs: int) -> int:
    """How many of ``runs`` a drama item must fire in for ``bot`` (15 of 20 for the expert)."""
    return math.ceil(DRAMA[bot] * runs)


def bot_warnings(bot: str, seeds: list[int], resolved: list[bool], scores: list[float], mean: float, drama: dict[str, int]) -> list[str]:
    """What ``bot``'s runs of one scenario miss: its resolve bar, its band, its drama bars.

    ``seeds``, ``resolved`` and ``scores`` are the runs in order; ``drama`` counts each authored label."""
    runs = len(seeds)
    out = []
    if bot in RESOLVE and runs:
        want = bool(RESOLVE[bot])
        off = [s for s, r in zip(seeds, resolved) if r != want]
        if off:
            count = sum(resolved)
            bar, which = ("every run", "not resolved") if want else ("none", "resolved")
            out.append(f"{bot}: resolved {count} of {runs} runs; the bar is {bar} ({which}: seeds {_seeds(off)})")
    if bot in BANDS and runs:
        low, high = BANDS[bot]
        if not low <= mean <= high:
            out.append(f"{bot}: mean overall score {mean:.1f} is outside its band {low:g}-{high:g}")
        strays = [(s, v) for s, v in zip(seeds, scores) if not low - SLACK <= v <= high + SLACK]
        if strays:
            shown = ", ".join(f"{s} ({v:.1f})" for s, v in strays[:10]) + (" ..." if len(strays) > 10 else "")
            out.append(f"{bot}: {len(strays)} seeds more than {SLACK:g} points outside {low:g}-{high:g}: {shown}")
    if bot in DRAMA and runs:
        need = drama_runs(bot, runs)
        for label, count in drama.items():
            if count < need:
                out.append(f"{bot}: drama '{label}' fired in {count} of {runs} runs (the bar: {need}, {DRAMA[bot]:.0%})")
    return out


def cim_warnings(means: dict[str, float]) -> list[str]:
    """A warning when the bots' mean customer-impact-minutes do not rise expert < novice < idle."""
    present = [bot for bot in CIM_ORDER if bot in means]
    if all(means[a] < means[b] for a, b in zip(present, present[1:])):
        return []
    shown = ", ".join(f"{bot} {means[bot]:.1f}" for bot in present)
    return [f"mean customer-impact-minutes must rise {' < '.join(present)}; they are {shown}"]


def _seeds(seeds: list[int]) -> str:
    return ", ".join(map(str, seeds[:10])) + (" ..." if len(seeds) > 10 else "")
