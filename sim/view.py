"""What the Incident Commander can see: a fold of the public events of the log.

The TUI and the bots read only this view (plus the public catalog of the scenario: services,
owners, traffic, teams, the severity ladder). Hidden events are skipped, so nothing here can
reveal which fault is playing or what fixes it, except what play has uncovered.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sim import events as ev
from sim.log import Entry
from sim.scenario.model import Scenario


@dataclass
class PersonView:
    id: str
    name: str
    team: str
    on_call: str
    status: str = "off"  # off, paged, available, working
    task: str | None = None
    task_id: int | None = None
    since: int = 0


@dataclass(frozen=True)
class Message:
    """Something said to the IC."""

    t: int
    sender: str
    text: str
    event: ev.Event


@dataclass
class View:
    scenario: Scenario
    now: int = 0
    phase: str | None = None
    severity: str | None = None
    ic_paged_at: int | None = None
    ic_acknowledged: bool = False
    declared_at: int | None = None
    mitigated_at: int | None = None
    last_update_at: int | None = None
    fix_underway: bool = False
    ended: str | None = None
    observed_impact: float = 0.0
    health: dict[str, str] = field(default_factory=dict)
    alerts: dict[str, str] = field(default_factory=dict)  # firing alert id -> service
    people: dict[str, PersonView] = field(default_factory=dict)
    inbox: list[Message] = field(default_factory=list)
    rejections: list[tuple[int, str, str]] = field(default_factory=list)
    updates: list[tuple[int, str]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.health = {s: ("ok" if spec.monitored else "unknown") for s, spec in sorted(self.scenario.services.items())}

    @property
    def status_phase(self) -> str:
        """The phase the update cadence is set by: investigating, identified or monitoring."""
        if self.phase in ("mitigated", "resolved"):
            return "monitoring"
        return "identified" if self.fix_underway else "investigating"

    def update_interval(self) -> int | None:
        """Seconds allowed between status updates now, or None before declaring."""
        if self.severity is None:
            return None
        cadence = self.scenario.severity.cadence[self.severity]
        return getattr(cadence, self.status_phase)

    def next_update_due(self) -> int | None:
        if self.declared_at is None or self.phase == "resolved":
            return None
        if self.last_update_at is None:
            return self.declared_at + self.scenario.severity.first_update
        return self.last_update_at + (self.update_interval() or 0)

    def apply(self, entry: Entry) -> None:
        self.now = max(self.now, entry.t)
        event = entry.event
        if not event.public:
            return
        handler = _FOLDS.get(type(event))
        if handler is not None:
            handler(self, entry.t, event)


def _person_listed(v: View, t: int, e: ev.PersonListed) -> None:
    v.people[e.person] = PersonView(e.person, e.name, e.team, e.on_call)


def _service_observed(v: View, t: int, e: ev.ServiceObserved) -> None:
    v.health[e.service] = e.health


def _impact_observed(v: View, t: int, e: ev.ImpactObserved) -> None:
    v.observed_impact = e.impact


def _alert_fired(v: View, t: int, e: ev.AlertFired) -> None:
    v.alerts[e.alert] = e.service


def _alert_cleared(v: View, t: int, e: ev.AlertCleared) -> None:
    v.alerts.pop(e.alert, None)


def _phase_changed(v: View, t: int, e: ev.PhaseChanged) -> None:
    v.phase = e.phase
    if e.phase == "declared":
        v.declared_at = t
    elif e.phase == "mitigated":
        v.mitigated_at = t


def _paged(v: View, t: int, e: ev.Paged) -> None:
    if e.person == "ic":
        v.ic_paged_at = t
        v.inbox.append(Message(t, "pager", f"You are paged ({e.by}). You are the Incident Commander.", e))
        return
    person = v.people[e.person]
    person.status, person.since = "paged", t


def _page_acknowledged(v: View, t: int, e: ev.PageAcknowledged) -> None:
    if e.person == "ic":
        v.ic_acknowledged = True
        return
    person = v.people[e.person]
    person.status, person.since = "available", t
    v.inbox.append(Message(t, person.name, "Acknowledged, I'm here. What do you need?", e))


def _severity_set(v: View, t: int, e: ev.SeveritySet) -> None:
    v.severity = e.severity


def _task_assigned(v: View, t: int, e: ev.TaskAssigned) -> None:
    person = v.people[e.person]
    person.status, person.task, person.task_id, person.since = "working", f"{e.action} {e.service}", e.task, t
    if e.action != "investigate":
        v.fix_underway = True


def _task_acknowledged(v: View, t: int, e: ev.TaskAcknowledged) -> None:
    person = v.people[e.person]
    v.inbox.append(Message(t, person.name, f"On it: {person.task}.", e))


def _more_time(v: View, t: int, e: ev.MoreTimeAsked) -> None:
    person = v.people[e.person]
    minutes = max(1, round(e.extra / 60))
    v.inbox.append(Message(t, person.name, f"Still on {person.task}; I need about {minutes} more min.", e))


def _task_reported(v: View, t: int, e: ev.TaskReported) -> None:
    person = v.people[e.person]
    person.status, person.task, person.task_id, person.since = "available", None, None, t
    if e.observed is not None:
        v.health[e.service] = e.observed
    v.inbox.append(Message(t, person.name, " ".join(e.findings), e))


def _status_update(v: View, t: int, e: ev.StatusUpdate) -> None:
    v.last_update_at = t
    v.updates.append((t, e.text))


def _rejected(v: View, t: int, e: ev.CommandRejected) -> None:
    v.rejections.append((t, e.text, e.reason))


def _ended(v: View, t: int, e: ev.DrillEnded) -> None:
    v.ended = e.reason


_FOLDS = {
    ev.PersonListed: _person_listed,
    ev.ServiceObserved: _service_observed,
    ev.ImpactObserved: _impact_observed,
    ev.AlertFired: _alert_fired,
    ev.AlertCleared: _alert_cleared,
    ev.PhaseChanged: _phase_changed,
    ev.Paged: _paged,
    ev.PageAcknowledged: _page_acknowledged,
    ev.SeveritySet: _severity_set,
    ev.TaskAssigned: _task_assigned,
    ev.TaskAcknowledged: _task_acknowledged,
    ev.MoreTimeAsked: _more_time,
    ev.TaskReported: _task_reported,
    ev.StatusUpdate: _status_update,
    ev.CommandRejected: _rejected,
    ev.DrillEnded: _ended,
}
