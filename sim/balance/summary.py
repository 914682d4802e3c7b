"""The summary of balance rows: per scenario and bot, resolve rate, score and customer-impact
distributions, how often each authored drama fired, and the bars missed (`sim.balance.bars`).

A pure function of the rows in job order: no time, host or process in it, so the same rows give
the same summary, byte for byte, whatever played them.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from sim.balance.bars import bot_warnings, cim_warnings
from sim.balance.jobs import Source
from sim.reading.drama import drama_items
from sim.scenario import LoadedScenario
from sim.scenario.model import Scenario


def distribution(values: list[float]) -> dict[str, float]:
    """mean, min, p10, median, p90, max; percentiles interpolated between the sorted values.

    >>> distribution([1.0, 2.0, 3.0, 4.0])
    {'mean': 2.5, 'min': 1.0, 'p10': 1.3, 'median': 2.5, 'p90': 3.7, 'max': 4.0}
    """
    ordered = sorted(values)
    return {
        "mean": math.fsum(ordered) / len(ordered),  # fsum: exact, whatever the order
        "min": ordered[0],
        "p10": _quantile(ordered, 0.1),
        "median": _quantile(ordered, 0.5),
        "p90": _quantile(ordered, 0.9),
        "max": ordered[-1],
    }


def _quantile(ordered: list[float], q: float) -> float:
    at = q * (len(ordered) - 1)
    low = math.floor(at)
    high = min(low + 1, len(ordered) - 1)
    return round(ordered[low] + (ordered[high] - ordered[low]) * (at - low), 10)


def authored_drama(scenario: Source | LoadedScenario | Scenario) -> list[str]:
    if isinstance(scenario, Source):
        return list(scenario.drama)
    return drama_items(scenario.scenario if isinstance(scenario, LoadedScenario) else scenario)


def summarise(rows: list[dict], scenarios: Mapping[str, Source | LoadedScenario | Scenario]) -> dict[str, Any]:
    """The summary of ``rows`` (from `run_jobs`), by scenario id then bot, in the rows' order.

    ``scenarios`` maps each scenario id of the rows to the scenario, so that every drama item it
    authors is counted, the ones that never fired included: `sources_of(jobs)`, or loaded
    scenarios (or their models) by id. Each scenario has ``bots`` and ``warnings`` (bars across
    the bots); each bot ``runs``, ``resolve_rate``, ``score`` and ``cim`` (`distribution`),
    ``drama`` ({label: runs it fired in}) and ``warnings``."""
    grouped: dict[str, dict[str, list[dict]]] = {}
    for row in rows:
        grouped.setdefault(row["scenario"], {}).setdefault(row["bot"], []).append(row)
    summary: dict[str, Any] = {}
    for scenario_id, by_bot in grouped.items():
        if scenario_id not in scenarios:
            raise KeyError(f"rows of scenario {scenario_id!r}, which `scenarios` does not give")
        labels = authored_drama(scenarios[scenario_id])
        bots = {bot: _bot_summary(bot, runs, labels) for bot, runs in by_bot.items()}
        means = {bot: part["cim"]["mean"] for bot, part in bots.items()}
        summary[scenario_id] = {"bots": bots, "warnings": cim_warnings(means)}
    return summary


def _bot_summary(bot: str, runs: list[dict], labels: list[str]) -> dict[str, Any]:
    scores = [r["overall"] for r in runs]
    score = distribution(scores)
    drama = {label: sum(label in r["drama_fired"] for r in runs) for label in labels}
    resolved = [r["resolved"] for r in runs]
    return {
        "runs": len(runs),
        "resolve_rate": sum(resolved) / len(runs),
        "score": score,
        "cim": distribution([r["customer_impact_minutes"] for r in runs]),
        "drama": drama,
        "warnings": bot_warnings(bot, [r["seed"] for r in runs], resolved, scores, score["mean"], drama),
    }
