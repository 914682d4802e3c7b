"""What the inject tests share: the two shipped scenarios that declare injects, a drill under way
in each, and the log read by kind."""

from __future__ import annotations

import functools
from pathlib import Path

from sim.engine import Engine
from sim.scenario import load_scenario

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"


@functools.cache
def loaded(name: str):
    return load_scenario(SCENARIOS / f"{name}.yaml")


def under_way(name: str = "payments-db-saturation", seed: int = 1, at: int = 300) -> Engine:
    """A drill at `at` s, the IC paged (the default scenario's fault starts at 3m), acknowledged and declared."""
    engine = Engine(loaded(name), seed)
    engine.advance(at)
    assert engine.submit("/ack") and engine.submit("/declare sev2")
    return engine


def events(engine: Engine, kind: str, since: int = 0) -> list:
    return [e.event for e in engine.log.entries[since:] if e.event.kind == kind]


def joined(engine: Engine, *people: str) -> None:
    """Advance in 5 s steps until every one of ``people`` is in the incident and free."""
    while any(engine.view.people[p].status != "available" for p in people):
        engine.advance(engine.now + 5)
