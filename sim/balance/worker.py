"""Playing jobs into result rows, in whichever process runs them (a pool worker, a Dask worker).

Each process loads a scenario once, from the bytes its jobs carry, and keeps it for the next
chunk: loading and validating is a sizeable part of a short drill. The cache is keyed by content
hash (and level), so an edited scenario is a new entry; drills are pure functions of (scenario, seed, bot),
so sharing the loaded scenario between them changes nothing in their logs.
"""

from __future__ import annotations

from sim.balance.jobs import Job, Source
from sim.play.drill import play
from sim.reading.drama import fired
from sim.reading.outcome import outcome
from sim.reading.scoring import score
from sim.scenario import LoadedScenario
from sim.scenario.levels import at_level
from sim.scenario.loader import load_scenario_bytes

_LOADED: dict[str, LoadedScenario] = {}


def loaded(source: Source) -> LoadedScenario:
    """The scenario of ``source``, at its level, loaded once per process."""
    found = _LOADED.get(source.run_hash)
    if found is None:
        found = at_level(load_scenario_bytes(source.raw, source.display, source.org_raw), source.level)
        _LOADED[source.run_hash] = found
    return found


def forget() -> None:
    """Empty this process's cache of loaded scenarios: the benchmark times each way from a cold
    start, as one `icdrill balance` command starts."""
    _LOADED.clear()


def play_job(job: Job) -> dict:
    """One drill, as a JSON-ready row: no time, host or process in it, floats as the scorer gives them."""
    scenario = loaded(job.source)
    entries = play(scenario, job.seed, job.bot).log.entries
    result = outcome(entries)
    card = score(scenario.scenario, entries)
    return {
        "scenario": job.source.id,
        "seed": job.seed,
        "bot": job.bot,
        "resolved": result.resolved,
        "overall": float(card.overall),
        "dimensions": {d.name: float(d.score) if d.judged else None for d in card.dimensions},
        "customer_impact_minutes": float(result.customer_impact_minutes),
        "time_to_mitigate": result.time_to_mitigate,
        "events": result.events,
        "drama_fired": sorted(fired(entries)),
    }


def play_chunk(jobs: list[Job]) -> list[dict]:
    """The rows of a chunk of jobs, in its order: the unit of work sent to a worker."""
    return [play_job(job) for job in jobs]
