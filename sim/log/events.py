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
    via: str = "named"  # named, broadcast, tech-lead, decision, hands-on


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
    relayed_by: str | None = None


@event("status_update")
class StatusUpdate(Event):
    text: str


# --- people in the room (hidden causes first) ----------------------------------------------------


@event("page_missed", public=False)
class PageMissed(Event):
    person: str
    reason: str  # asleep, on-a-plane, no-connectivity, fatigue


@event("report_distorted", public=False)
class ReportDistorted(Event):
    task: int
    relayed_by: str
    change: str


@event("escalated")
class Escalated(Event):
    team: str
    person: str
    by: str  # ic or policy


@event("owner_lookup_started")
class OwnerLookupStarted(Event):
    service: str


@event("owner_found")
class OwnerFound(Event):
    service: str
    team: str


@event("broadcast_asked")
class BroadcastAsked(Event):
    action: str
    service: str


@event("broadcast_unanswered")
class BroadcastUnanswered(Event):
    action: str
    service: str


@event("question_asked")
class QuestionAsked(Event):
    question: int
    person: str
    text: str


@event("question_answered")
class QuestionAnswered(Event):
    question: int
    person: str
    text: str


@event("question_lapsed")
class QuestionLapsed(Event):
    question: int
    person: str


@event("heads_down")
class HeadsDown(Event):
    action: str
    service: str
    until: int


@event("heads_up")
class HeadsUp(Event):
    held: int  # messages that waited for the IC


@event("role_assigned")
class RoleAssigned(Event):
    person: str
    role: str


@event("role_released")
class RoleReleased(Event):
    person: str
    role: str


@event("timeline_note")
class TimelineNote(Event):
    by: str
    text: str


@event("manager_joined")
class ManagerJoined(Event):
    manager: str


@event("manager_asked_status")
class ManagerAskedStatus(Event):
    manager: str
    late_by: int


@event("manager_theory")
class ManagerTheory(Event):
    manager: str
    person: str
    service: str


@event("dead_end_started")
class DeadEndStarted(Event):
    person: str
    service: str
    manager: str


@event("dead_end_ended")
class DeadEndEnded(Event):
    person: str
    lost: int  # seconds of responder time lost


@event("manager_redirected")
class ManagerRedirected(Event):
    manager: str


@event("authority_lent")
class AuthorityLent(Event):
    manager: str


@event("sales_pushed")
class SalesPushed(Event):
    person: str
    account: str
    pressure: int
    text: str


@event("sales_qualified")
class SalesQualified(Event):
    person: str
    evidence: str


@event("executive_requested")
class ExecutiveRequested(Event):
    person: str
    request: str


@event("executive_answered")
class ExecutiveAnswered(Event):
    person: str
    decision: str  # granted or declined


@event("pulled_off")
class PulledOff(Event):
    person: str
    by: str
    seconds: int


@event("conflict_raised")
class ConflictRaised(Event):
    conflict: str
    proposals: list[str]  # "person: action target (evidence)"


@event("conflict_polled")
class ConflictPolled(Event):
    conflict: str


@event("conflict_decided")
class ConflictDecided(Event):
    conflict: str
    person: str
    by: str  # ic or poll


@event("evidence_requested")
class EvidenceRequested(Event):
    task: int
    person: str


@event("evidence_shared")
class EvidenceShared(Event):
    task: int
    person: str
    findings: list[str] = field(default_factory=list)
    suggests: str | None = None


@event("drill_ended")
class DrillEnded(Event):
    reason: str


# --- people and setting ---------------------------------------------------------------------------


@event("person_present")
class PersonPresent(Event):
    """In the incident channel from the start (`present: true`), as if they had acknowledged a page."""

    person: str
    joins_as: str  # "responder" (available for work) or "stakeholder" (in the room, not on the rota)


@event("person_asleep", public=False)
class PersonAsleep(Event):
    """Asleep when the drill began (a night setting): their pages are answered slowly."""

    person: str


@event("manager_stayed_away", public=False)
class ManagerStayedAway(Event):
    """A manager who would have joined at their time cannot: on a plane or without connectivity."""

    manager: str
    reason: str


@event("executive_said")
class ExecutiveSaid(Event):
    """One of the scenario's lines for the executive, said as they swoop in."""

    person: str
    text: str


# --- faults: mitigation, worsening, growth by share ----------------------------------------------


@event("fault_mitigated", public=False)
class FaultMitigated(Event):
    """A remedy took the fault off for a while; it returns at `until` unless fixed meanwhile."""

    fault: str
    service: str
    by: str
    action: str
    until: int


@event("fault_returned", public=False)
class FaultReturned(Event):
    """A mitigation wore off (or a worsening ended it): the fault hurts again, as it is by now."""

    fault: str
    service: str
    effect: str


@event("fault_worsened", public=False)
class FaultWorsened(Event):
    """A remedy that worsens moved the fault one step worse at once."""

    fault: str
    service: str
    by: str
    action: str
    effect: str


@event("fault_share_rose", public=False)
class FaultShareRose(Event):
    """A growth step raised the share of customers the fault hurts where it degrades a service."""

    fault: str
    service: str
    share: float


# --- vendors and alerts --------------------------------------------------------------------------


@event("vendor_named")
class VendorNamed(Event):
    """/owner on a service a third party runs: the directory names the vendor at once."""

    service: str
    vendor: str  # display name


@event("status_page_read")
class StatusPageRead(Event):
    service: str
    vendor: str
    status: str  # operational, incident or resolved: what the page says, which lags the truth
    posted: int | None  # when the page posted the notice shown; None while it says operational


@event("ticket_opened")
class TicketOpened(Event):
    ticket: int
    service: str
    vendor: str
    text: str  # what the IC wrote; may be empty


@event("ticket_answered")
class TicketAnswered(Event):
    ticket: int
    service: str
    vendor: str
    text: str  # the vendor's support answer, as the scenario writes it


# --- direct messages (issue 11): a /dm that answers no question gets a reply ----------------------


@event("dm_replied")
class DmReplied(Event):
    """A person answers the IC's /dm from their own post, worded by the phrasebook: what they are
    doing as they see it, never the hidden truth. A DM that answers their open question gets no
    reply of this kind (`question_answered` is the exchange)."""

    person: str
    topic: str  # working, free, role, not-in-incident; manager, sales, executive (in character)
    task: str | None  # "investigate payments-db", when working
    left: int | None  # seconds left on the time-box as they count it (<= 0: over it); None without one
    role: str | None  # the role they hold, when the topic is role



# --- live injects (issue 14): a facilitator's requests during a drill ------------------------------


@event("inject_applied", public=False)
class InjectApplied(Event):
    """A facilitator's request carried out at this moment (`icdrill watch`): the whole request, as
    `sim.engine.injects` takes it, so that a replay sends it again at the same point."""

    request: dict[str, Any]


@event("inject_refused", public=False)
class InjectRefused(Event):
    """A facilitator's request that could not be carried out at this moment, and why."""

    request: dict[str, Any]
    reason: str


@event("person_said")
class PersonSaid(Event):
    """A person's message in the room: sent in their name by the facilitator, or their line in an inject."""

    person: str
    text: str


@event("person_left")
class PersonLeft(Event):
    """The person dropped out of the incident: they give up their task or role and answer nothing more."""

    person: str

# --- serialisation -----------------------------------------------------------------------------


def to_record(seq: int, t: int, ev: Event) -> dict[str, Any]:
    """The log record of an event: seq, t and kind first, then the fields in declared order."""
    record: dict[str, Any] = {"seq": seq, "t": t, "kind": ev.kind}
    names = _FIELD_NAMES.get(type(ev))
    if names is None:
        names = _FIELD_NAMES[type(ev)] = tuple(f.name for f in dataclasses.fields(ev))
    for name in names:
        record[name] = getattr(ev, name)
    return record


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}  # event class -> its fields in declared order, asked once

# No sort_keys: the record's own order is the stable order. ensure_ascii keeps lines pure ASCII.
# One encoder for every line: json.dumps with these options builds a new one per call.
_ENCODER = json.JSONEncoder(separators=(",", ":"), ensure_ascii=True)


def to_json(record: dict[str, Any]) -> str:
    return _ENCODER.encode(record)


def from_record(record: dict[str, Any]) -> tuple[int, int, Event]:
    """Inverse of ``to_record``; raises KeyError or TypeError on a record of unknown shape."""
    cls = _REGISTRY[record["kind"]]
    values = {f.name: record[f.name] for f in dataclasses.fields(cls)}
    return record["seq"], record["t"], cls(**values)
