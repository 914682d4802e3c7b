"""Typed events: every change in a drill is one of these, stamped with sim time and sequence.

``PUBLIC`` events are what the Incident Commander can see or hear; the others are the hidden
truth (which fault, true health, true impact) that only scoring, the report and the debrief read.
Field order is the key order of the JSONL log, so it never changes between processes.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass, field
from typing import Any, ClassVar


@dataclass(frozen=True)
class Event:
    kind: ClassVar[str] = "event"
    public: ClassVar[bool] = True


_REGISTRY: dict[str, type[Event]] = {}


def _register(cls: type[Event]) -> type[Event]:
    _REGISTRY[cls.kind] = cls
    return cls


def event(kind: str, *, public: bool = True):
    """Class decorator: a frozen dataclass registered under ``kind``."""

    def wrap(cls: type) -> type[Event]:
        cls.kind = kind
        cls.public = public
        return _register(dataclass(frozen=True)(cls))

    return wrap


# --- hidden truth -------------------------------------------------------------------------------


@event("fault_started", public=False)
class FaultStarted(Event):
    fault: str
    service: str
    effect: str


@event("fault_grew", public=False)
class FaultGrew(Event):
    fault: str
    service: str
    effect: str


@event("fault_fixed", public=False)
class FaultFixed(Event):
    fault: str
    service: str
    by: str


@event("health_changed", public=False)
class HealthChanged(Event):
    service: str
    health: str


@event("impact_changed", public=False)
class ImpactChanged(Event):
    impact: float
    severity: str


# --- what the IC can see --------------------------------------------------------------------------


@event("drill_started")
class DrillStarted(Event):
    scenario: str
    title: str
    time_limit: int


@event("person_listed")
class PersonListed(Event):
    person: str
    name: str
    team: str
    on_call: str


@event("service_observed")
class ServiceObserved(Event):
    service: str
    health: str


@event("impact_observed")
class ImpactObserved(Event):
    impact: float


@event("alert_fired")
class AlertFired(Event):
    alert: str
    service: str


@event("alert_cleared")
class AlertCleared(Event):
    alert: str
    service: str


@event("phase_changed")
class PhaseChanged(Event):
    phase: str


@event("command_issued")
class CommandIssued(Event):
    text: str


@event("command_rejected")
class CommandRejected(Event):
    text: str
    reason: str


@event("paged")
class Paged(Event):
    person: str
    by: str


@event("page_acknowledged")
class PageAcknowledged(Event):
    person: str


@event("severity_set")
class SeveritySet(Event):
    severity: str
    previous: str | None


@event("task_assigned")
class TaskAssigned(Event):
    task: int
    person: str
    action: str
    service: str
    timebox: int | None


@event("task_acknowledged")
class TaskAcknowledged(Event):
    task: int
    person: str


@event("more_time_asked")
class MoreTimeAsked(Event):
    task: int
    person: str
    extra: int


@event("task_reported")
class TaskReported(Event):
    task: int
    person: str
    action: str
    service: str
    findings: list[str] = field(default_factory=list)
    observed: str | None = None
    points_to: str | None = None
    suggests: str | None = None


@event("status_update")
class StatusUpdate(Event):
    text: str


@event("drill_ended")
class DrillEnded(Event):
    reason: str


# --- serialisation -----------------------------------------------------------------------------


def to_record(seq: int, t: int, ev: Event) -> dict[str, Any]:
    """The log record of an event: seq, t and kind first, then the fields in declared order."""
    record: dict[str, Any] = {"seq": seq, "t": t, "kind": ev.kind}
    for f in dataclasses.fields(ev):
        record[f.name] = getattr(ev, f.name)
    return record


def to_json(record: dict[str, Any]) -> str:
    # No sort_keys: the record's own order is the stable order. ensure_ascii keeps lines pure ASCII.
    return json.dumps(record, separators=(",", ":"), ensure_ascii=True)


def from_record(record: dict[str, Any]) -> tuple[int, int, Event]:
    """Inverse of ``to_record``; raises KeyError or TypeError on a record of unknown shape."""
    cls = _REGISTRY[record["kind"]]
    values = {f.name: record[f.name] for f in dataclasses.fields(cls)}
    return record["seq"], record["t"], cls(**values)
