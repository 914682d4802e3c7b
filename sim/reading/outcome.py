"""The outcome of a drill, read from its log: a pure function of the events."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from sim.log.events import DrillEnded, FaultStarted, ImpactChanged, PhaseChanged
from sim.log.eventlog import Entry


@dataclass(frozen=True)
class Outcome:
    resolved: bool
    ended_by: str
    ended_at: int
    time_to_mitigate: int | None  # seconds from the first fault to customer impact back at zero
    customer_impact_minutes: float  # integral of the share of customers affected, in minutes
    events: int

    def as_dict(self) -> dict:
        return asdict(self)


def outcome(entries: list[Entry]) -> Outcome:
    impact, since, area = 0.0, 0, 0.0
    first_fault = mitigated_at = None
    resolved = False
    ended_by, ended_at = "still running", entries[-1].t if entries else 0
    for entry in entries:
        event = entry.event
        if isinstance(event, FaultStarted) and first_fault is None:
            first_fault = entry.t
        elif isinstance(event, ImpactChanged):
            area += impact * (entry.t - since)
            impact, since = event.impact, entry.t
            mitigated_at = entry.t if impact == 0 else None
        elif isinstance(event, PhaseChanged) and event.phase == "resolved":
            resolved = True
        elif isinstance(event, DrillEnded):
            ended_by, ended_at = event.reason, entry.t
    area += impact * (ended_at - since)
    ttm = None if mitigated_at is None or first_fault is None else mitigated_at - first_fault
    # Resolved means closed by the IC with nobody still hurt, not merely marked so.
    return Outcome(resolved and impact == 0, ended_by, ended_at, ttm, round(area / 60, 2), len(entries))
