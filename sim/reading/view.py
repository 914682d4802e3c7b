"""What the Incident Commander can see: a fold of the public events of the log.

The TUI and the bots read only this view, which holds the public catalog (`sim.scenario.public`) and
never the scenario itself. Hidden events are skipped, so nothing here can reveal which fault is
playing or what fixes it, except what play has uncovered. What is said to the IC (the inbox) is
worded by the phrasebook, `sim.reading.narrate.speech`, like every other sentence about an event;
who is doing what is the one fold the scorecard reads too, `sim.reading.staffing`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sim.log import events as ev
from sim.log.eventlog import Entry
from sim.reading.names import resolve_person
from sim.reading.narrate import Cast, dm_reply, speech
from sim.reading.staffing import Post, Staffing
from sim.scenario import policy
from sim.scenario.commands import Dm, parse
from sim.scenario.public import Catalog


@dataclass
class PersonView:
    """A person as the IC sees them: who they are, and where they stand (the staffing fold's post)."""

    id: str
    name: str
    team: str
    on_call: str
    post: Post = field(default_factory=Post, repr=False)

    @property
    def status(self) -> str:
        """off, paged, available, working or role (`sim.reading.staffing`)."""
        return self.post.status

    @property
    def task(self) -> str | None:
        return self.post.task

    @property
    def task_id(self) -> int | None:
        return self.post.task_id

    @property
    def since(self) -> int:
        return self.post.since


@dataclass(frozen=True)
class Message:
    """Something said to the IC."""

    t: int
    sender: str
    text: str
    event: ev.Event


@dataclass
class Said:
    """A command the IC typed, as the log has it: accepted, or refused with the reason."""

    t: int
    text: str
    refused: str | None = None  # the reason the engine gave; None when it was carried out


@dataclass
class View:
    catalog: Catalog
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
    staffing: Staffing = field(default_factory=Staffing)  # who is doing what, folded once
    names: dict[str, str] = field(default_factory=dict)  # person id -> display name
    inbox: list[Message] = field(default_factory=list)
    commands: list[Said] = field(default_factory=list)  # every command typed, in order
    updates: list[tuple[int, str]] = field(default_factory=list)
    owners: dict[str, str | None] = field(default_factory=dict)  # as listed, corrected by lookups
    roles: dict[str, str] = field(default_factory=dict)  # role -> person
    heads_down_until: int | None = None
    held: list[Message] = field(default_factory=list)  # said while the IC was heads-down
    questions: dict[int, tuple[str, str]] = field(default_factory=dict)  # open: id -> (person, text)
    managers: list[str] = field(default_factory=list)
    redirected: list[str] = field(default_factory=list)
    sales_pressure: int = 0
    executive_request: tuple[str, str] | None = None  # (person, request) awaiting an answer
    conflicts: dict[str, list[str]] = field(default_factory=dict)  # open: id -> proposals
    notes: list[tuple[int, str, str]] = field(default_factory=list)  # (t, by, text)
    # person -> their private thread with the IC, in order: (t, "you" or the person's id, text): the
    # IC's /dm texts, the person's questions to the IC and their replies to DMs
    dms: dict[str, list[tuple[int, str, str]]] = field(default_factory=dict)
    tasks: dict[int, tuple[int, ev.TaskAssigned]] = field(default_factory=dict)  # id -> (assigned at, assignment)
    # Indexes over the inbox, kept as messages arrive so readers need not rescan it every tick.
    reports: list[ev.TaskReported] = field(default_factory=list)
    suggestions: list[tuple[str, bool]] = field(default_factory=list)  # (fix, came through a relay)
    owners_confirmed: set[str] = field(default_factory=set)
    present: set[str] = field(default_factory=set)  # in the channel from the start (`person_present`)
    # vendors: what each vendor's status page said when last read, and tickets awaiting an answer
    status_pages: dict[str, str] = field(default_factory=dict)  # service -> operational, incident, resolved
    tickets_open: dict[int, str] = field(default_factory=dict)  # ticket -> service
    cast: Cast = field(init=False, repr=False)  # the names the phrasebook says things with
    # Indexes for readers that scan a large organisation at every look (the bots): the people
    # whose post is not off (paged, available, working, in a role; nobody goes back to off), in the
    # directory's order, and the services whose dashboards show them degraded or down.
    engaged: dict[str, PersonView] = field(default_factory=dict)
    teams: dict[str, str] = field(default_factory=dict)  # person id -> team, as listed
    listed: dict[str, int] = field(default_factory=dict, repr=False)  # person id -> place in the directory
    unwell: set[str] = field(default_factory=set)
    # Public events folded so far: a reader that saw the view at one version knows nothing in it has
    # changed while the version is the same (the bots look again only then, or at a deadline).
    version: int = 0

    def __post_init__(self) -> None:
        self.cast = Cast(self.names)
        services = self.catalog.services
        self.health = {s: ("ok" if card.monitored else "unknown") for s, card in services.items()}
        self.owners = {s: card.listed_owner for s, card in services.items()}

    @property
    def rejections(self) -> list[tuple[int, str, str]]:
        """The refused commands as (t, text, reason), read off `commands` rather than kept twice."""
        return [(s.t, s.text, s.refused) for s in self.commands if s.refused is not None]

    @property
    def status_phase(self) -> str:
        """The phase the update cadence is set by: investigating, identified or monitoring."""
        return policy.status_phase(self.phase, self.fix_underway)

    def update_interval(self) -> int | None:
        """Seconds allowed between status updates now, or None before declaring."""
        return policy.update_interval(self.catalog.severity, self.severity, self.status_phase)

    def next_update_due(self) -> int | None:
        return policy.next_update_due(
            self.catalog.severity,
            severity=self.severity,
            phase=self.phase,
            fix_underway=self.fix_underway,
            declared_at=self.declared_at,
            last_update_at=self.last_update_at,
        )

    def deliver(self, message: Message) -> None:
        """A message reaches the IC's inbox (at once, or when the IC comes back from hands-on work)."""
        self.inbox.append(message)
        event = message.event
        if isinstance(event, ev.TaskReported):
            self.reports.append(event)
            if event.suggests:
                self.suggestions.append((event.suggests, event.relayed_by is not None))
        elif isinstance(event, ev.EvidenceShared) and event.suggests:
            self.suggestions.append((event.suggests, False))
        elif isinstance(event, (ev.OwnerFound, ev.VendorNamed)):
            self.owners_confirmed.add(event.service)  # a vendor named is who runs it, confirmed

    def alert_severity(self, alert: str) -> str:
        """The label the pager shows with an alert: critical, warning or info."""
        return self.catalog.alert_severity.get(alert, "critical")

    def role_of(self, person: str) -> str | None:
        return next((role for role, holder in self.roles.items() if holder == person), None)

    def apply(self, entry: Entry) -> None:
        self.now = max(self.now, entry.t)
        event = entry.event
        if not event.public:
            return
        self.version += 1
        self.staffing.apply(entry)
        person = getattr(event, "person", None)
        if person in self.people and person not in self.engaged and self.people[person].status != "off":
            self._engage(person)
        handler = _FOLDS.get(type(event))
        if handler is not None:
            handler(self, entry.t, event)
        said = speech(event, self.cast, task=self.staffing.task(getattr(event, "person", None)))
        if said is not None:
            self._say(Message(entry.t, *said, event))

    def _engage(self, person: str) -> None:
        """`person` leaves off: `engaged` again, in the directory's order (rare: once a person)."""
        engaged = sorted([*self.engaged, person], key=self.listed.__getitem__)
        self.engaged = {p: self.people[p] for p in engaged}

    def _say(self, message: Message) -> None:
        """A message to the IC; it waits unread while the IC is heads-down."""
        if self.heads_down_until is not None:
            self.held.append(message)
        else:
            self.deliver(message)


def _person_listed(v: View, t: int, e: ev.PersonListed) -> None:
    v.people[e.person] = PersonView(e.person, e.name, e.team, e.on_call, v.staffing.of(e.person))
    v.names[e.person] = e.name
    v.teams[e.person] = e.team
    v.listed.setdefault(e.person, len(v.listed))
    if e.person in v.engaged:
        v.engaged[e.person] = v.people[e.person]  # listed again (a hand-made log): the new card, same place
    elif v.people[e.person].status != "off":
        v._engage(e.person)


def _set_health(v: View, service: str, health: str) -> None:
    v.health[service] = health
    if health in ("degraded", "down"):
        v.unwell.add(service)
    else:
        v.unwell.discard(service)


def _service_observed(v: View, t: int, e: ev.ServiceObserved) -> None:
    _set_health(v, e.service, e.health)


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


def _page_acknowledged(v: View, t: int, e: ev.PageAcknowledged) -> None:
    if e.person == "ic":
        v.ic_acknowledged = True


def _severity_set(v: View, t: int, e: ev.SeveritySet) -> None:
    v.severity = e.severity


def _task_assigned(v: View, t: int, e: ev.TaskAssigned) -> None:
    v.tasks[e.task] = (t, e)  # for the task board: nobody says the assignment back to the IC
    if e.action != "investigate":
        v.fix_underway = True


def _task_reported(v: View, t: int, e: ev.TaskReported) -> None:
    if e.observed is not None:
        _set_health(v, e.service, e.observed)


def _owner_found(v: View, t: int, e: ev.OwnerFound) -> None:
    v.owners[e.service] = e.team


def _question_asked(v: View, t: int, e: ev.QuestionAsked) -> None:
    v.questions[e.question] = (e.person, e.text)
    v.dms.setdefault(e.person, []).append((t, e.person, e.text))  # asked privately: it is in their thread


def _question_closed(v: View, t: int, e: ev.QuestionAnswered | ev.QuestionLapsed) -> None:
    v.questions.pop(e.question, None)


def _heads_down(v: View, t: int, e: ev.HeadsDown) -> None:
    v.heads_down_until = e.until


def _heads_up(v: View, t: int, e: ev.HeadsUp) -> None:
    v.heads_down_until = None
    for message in v.held:
        v.deliver(message)
    v.held = []


def _role_assigned(v: View, t: int, e: ev.RoleAssigned) -> None:
    v.roles[e.role] = e.person


def _role_released(v: View, t: int, e: ev.RoleReleased) -> None:
    v.roles.pop(e.role, None)


def _timeline_note(v: View, t: int, e: ev.TimelineNote) -> None:
    v.notes.append((t, e.by, e.text))


def _manager_joined(v: View, t: int, e: ev.ManagerJoined) -> None:
    v.managers.append(e.manager)


def _manager_redirected(v: View, t: int, e: ev.ManagerRedirected) -> None:
    v.redirected.append(e.manager)


def _sales_pushed(v: View, t: int, e: ev.SalesPushed) -> None:
    v.sales_pressure = e.pressure


def _sales_qualified(v: View, t: int, e: ev.SalesQualified) -> None:
    v.sales_pressure = 0


def _executive_requested(v: View, t: int, e: ev.ExecutiveRequested) -> None:
    v.executive_request = (e.person, e.request)


def _executive_answered(v: View, t: int, e: ev.ExecutiveAnswered) -> None:
    v.executive_request = None


def _conflict_raised(v: View, t: int, e: ev.ConflictRaised) -> None:
    v.conflicts[e.conflict] = list(e.proposals)


def _conflict_decided(v: View, t: int, e: ev.ConflictDecided) -> None:
    v.conflicts.pop(e.conflict, None)


def _status_update(v: View, t: int, e: ev.StatusUpdate) -> None:
    v.last_update_at = t
    v.updates.append((t, e.text))


def _issued(v: View, t: int, e: ev.CommandIssued) -> None:
    v.commands.append(Said(t, e.text))
    dm = _dm_to(v, e.text)
    if dm is not None:
        v.dms.setdefault(dm[0], []).append((t, "you", dm[1]))


def _rejected(v: View, t: int, e: ev.CommandRejected) -> None:
    # The engine logs a refusal right after the command it refuses.
    if v.commands and v.commands[-1].text == e.text and v.commands[-1].refused is None:
        v.commands[-1].refused = e.reason
        dm = _dm_to(v, e.text)
        if dm is not None and v.dms.get(dm[0], [])[-1:] == [(t, "you", dm[1])]:
            v.dms[dm[0]].pop()  # a refused DM (the drill had ended) was never sent


def _dm_to(v: View, text: str) -> tuple[str, str] | None:
    """(person id, text) of a /dm command, the person resolved as the engine resolves them; else None.
    The log keeps what the IC typed, so the thread reads it back the same way."""
    if not text.lstrip().lower().startswith("/dm"):
        return None
    command = parse(text)
    if not isinstance(command, Dm):
        return None
    person, _ = resolve_person(v.names, command.person, v.teams)
    return (person, command.text) if person is not None else None


def _dm_replied(v: View, t: int, e: ev.DmReplied) -> None:
    v.dms.setdefault(e.person, []).append((t, e.person, dm_reply(e)))


def _status_page_read(v: View, t: int, e: ev.StatusPageRead) -> None:
    v.status_pages[e.service] = e.status


def _ticket_opened(v: View, t: int, e: ev.TicketOpened) -> None:
    v.tickets_open[e.ticket] = e.service


def _ticket_answered(v: View, t: int, e: ev.TicketAnswered) -> None:
    v.tickets_open.pop(e.ticket, None)


def _ended(v: View, t: int, e: ev.DrillEnded) -> None:
    v.ended = e.reason


# --- people and setting ---


def _person_present(v: View, t: int, e: ev.PersonPresent) -> None:
    v.present.add(e.person)


_FOLDS = {
    ev.PersonPresent: _person_present,
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
    ev.TaskReported: _task_reported,
    ev.StatusUpdate: _status_update,
    ev.CommandIssued: _issued,
    ev.CommandRejected: _rejected,
    ev.DrillEnded: _ended,
    ev.OwnerFound: _owner_found,
    ev.QuestionAsked: _question_asked,
    ev.QuestionAnswered: _question_closed,
    ev.QuestionLapsed: _question_closed,
    ev.HeadsDown: _heads_down,
    ev.HeadsUp: _heads_up,
    ev.RoleAssigned: _role_assigned,
    ev.RoleReleased: _role_released,
    ev.TimelineNote: _timeline_note,
    ev.ManagerJoined: _manager_joined,
    ev.ManagerRedirected: _manager_redirected,
    ev.SalesPushed: _sales_pushed,
    ev.SalesQualified: _sales_qualified,
    ev.ExecutiveRequested: _executive_requested,
    ev.ExecutiveAnswered: _executive_answered,
    ev.ConflictRaised: _conflict_raised,
    ev.ConflictDecided: _conflict_decided,
    ev.StatusPageRead: _status_page_read,
    ev.TicketOpened: _ticket_opened,
    ev.TicketAnswered: _ticket_answered,
    ev.DmReplied: _dm_replied,
}
