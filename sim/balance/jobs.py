"""What `icdrill balance` plays: one job per (scenario, seed, bot), each carrying its scenario's text.

A worker on another machine has not got the client's files, so a job carries the scenario file's
bytes and its included org file's bytes (`Source`), and the worker loads from those
(`sim.scenario.loader.load_scenario_bytes`). Jobs of one scenario share one `Source` object:
pickle sends it once per chunk of jobs, not once per job.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from sim.play.bots import BOTS
from sim.reading.drama import drama_items
from sim.scenario import LoadedScenario, load_scenario
from sim.scenario.locate import resolve

DEFAULT_BOTS = ("expert", "novice", "idle")


@dataclass(frozen=True)
class Source:
    """A scenario as a worker anywhere can load it: its bytes, and its org file's."""

    id: str
    content_hash: str  # the loader's: sha256 of the scenario's bytes then the org file's
    display: str  # the path its problems would name
    raw: bytes
    org_raw: bytes | None
    drama: tuple[str, ...]  # the authored drama labels (sim.reading.drama), for the summary
    level: str | None = None  # the difficulty level its drills are played at (None: as written)

    @property
    def run_hash(self) -> str:
        """What its runs are known by in a results file: the content hash, or at a level a hash of
        the content hash and the level (the same file at two levels gives two sets of runs)."""
        if self.level is None:
            return self.content_hash
        return hashlib.sha256(f"{self.content_hash}\0level\0{self.level}".encode()).hexdigest()


@dataclass(frozen=True)
class Job:
    source: Source
    seed: int
    bot: str

    @property
    def key(self) -> tuple[str, int, str]:
        """What identifies a run across processes and reruns: an edited scenario is a new key."""
        return (self.source.run_hash, self.seed, self.bot)


def source_of(loaded: LoadedScenario) -> Source:
    """The bytes ``loaded`` was read from, and its level (a worker loads the bytes as written and
    applies the level, as a replay does); ValueError when its files changed since."""
    raw = loaded.path.read_bytes()
    include = loaded.scenario.include
    org_raw = None
    if include:
        org_raw = Path(os.path.normpath(loaded.path.absolute().parent / include.strip())).read_bytes()
    digest = hashlib.sha256(raw)
    if org_raw is not None:
        digest.update(org_raw)
    if digest.hexdigest() != loaded.content_hash:
        raise ValueError(f"{loaded.path} changed while it was being read; run again")
    scenario = loaded.scenario
    drama = tuple(drama_items(scenario))
    return Source(scenario.scenario.id, loaded.content_hash, str(loaded.path), raw, org_raw, drama, loaded.level)


def jobs_for(
    scenarios: Iterable[str | Path | LoadedScenario],
    seeds: Iterable[int] = range(20),
    bots: Sequence[str] = DEFAULT_BOTS,
) -> list[Job]:
    """Every (scenario, seed, bot), scenario by scenario, seed by seed, the bots in turn.

    A scenario is an id from the scenarios folder, a file, or a scenario already loaded. The bots
    of a seed sit side by side so that each chunk of jobs mixes slow and quick drills. Raises
    ScenarioError for a file that does not validate, OSError for one that cannot be read, and
    ValueError for an unknown bot or two files that give the same scenario id."""
    unknown = [b for b in bots if b not in BOTS]
    if unknown or not bots:
        raise ValueError(f"unknown bots {unknown}; the bots are {', '.join(BOTS)}" if unknown else "no bots given")
    sources: dict[str, Source] = {}
    for ref in scenarios:
        loaded = ref if isinstance(ref, LoadedScenario) else load_scenario(resolve(str(ref)))
        source = source_of(loaded)
        seen = sources.get(source.id)
        if seen is not None and seen.run_hash != source.run_hash:
            raise ValueError(f"{seen.display} and {source.display} both give the scenario id {source.id}")
        sources[source.id] = source
    seeds = list(seeds)
    return [Job(source, seed, bot) for source in sources.values() for seed in seeds for bot in bots]


def sources_of(jobs: Iterable[Job]) -> dict[str, Source]:
    """The scenarios of ``jobs`` by id, in job order: what `summarise` needs to know of them."""
    return {job.source.id: job.source for job in jobs}
