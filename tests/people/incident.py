"""An incident under way in a test's world: acknowledged and declared, and people waited for."""

from __future__ import annotations

from sim.engine import Engine


def started(loaded, seed: int = 1) -> Engine:
    """A new drill at 61 s, just after the tiny world's fault starts at 1m and pages the IC, acknowledged and declared Sev1."""
    engine = Engine(loaded, seed=seed)
    engine.advance(61)
    assert engine.submit("/ack") and engine.submit("/declare sev1")
    return engine


def joined(engine: Engine, *people: str) -> None:
    """Advance in 5 s steps until every one of ``people`` is in the incident and free."""
    while any(engine.view.people[p].status != "available" for p in people):
        engine.advance(engine.now + 5)
