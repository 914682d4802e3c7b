"""The phrasebook: every sentence that tells people about an event of the log comes from here.

Four readers tell the same events: the game (messages said to the IC), the debrief's key moments,
the report's timeline and the Scribe's timeline notes (the engine writes those into the log). Each
picks which events it tells; the words are all here, so one event is told one way.

- `story(event, voice, cast)`: a line about the event for a timeline, or None for an event that is
  not told. The `Voice` says who reads it: the player ("you") or others ("the IC"), and how words
  from outside (names, findings, typed text, identifiers) are escaped for the medium.
- `speech(event, cast)`: what is said to the IC in the game, as (sender, text), or None.

Person names come only through `sim.reading.names.display_name`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from sim.log import events as ev
from sim.log.clock import format_duration
from sim.reading.names import IC, display_name

ROLE_TITLES = {
    "deputy": "Deputy",
    "tech-lead": "Tech Lead",
    "comms-lead": "Comms Lead",
    "scribe": "Scribe",
    "customer-liaison": "Customer Liaison",
    "internal-liaison": "Internal Liaison",
}
MISSED = {
    "asleep": "asleep",
    "on-a-plane": "on a plane",
    "no-connectivity": "without connectivity",
    "fatigue": "pager fatigue",
}
WANTS = {  # what an executive's request asks for
    "customer-list": "a list of every affected customer",
    "customer-call": "an engineer on a call with the customer",
}


def _same(text: str) -> str:
    return text


@dataclass(frozen=True)
class Voice:
    """Who reads a story line: how the player is named, and how outside words are escaped."""

    reader: str  # game, debrief, report or scribe
    you: str  # the player: "you" or "the IC"
    text: Callable[[str], str] = _same  # free text: names, findings, what someone typed
    ident: Callable[[str], str] = _same  # identifiers: services, teams, alerts, faults


GAME = Voice("game", "You")
DEBRIEF = Voice("debrief", "you")
SCRIBE = Voice("scribe", "the IC")


@dataclass(frozen=True)
class Cast:
    """The people a line may name: person id -> display name, and -> team."""

    names: Mapping[str, str]
    teams: Mapping[str, str] = field(default_factory=dict)

    def name(self, person: str, voice: Voice) -> str:
        return voice.text(display_name(self.names, person, you=voice.you))


def story(event: ev.Event, voice: Voice, cast: Cast, *, by_comms_lead: bool = False) -> str | None:
    """One line about `event` for a timeline, in `voice`; None when the event is not told.

    `by_comms_lead`: a status update the Comms Lead posted (the event does not say who did).
    """
    tell = _STORIES.get(type(event))
    if tell is None:
        return None
    if isinstance(event, ev.StatusUpdate):
        return _status_update(event, voice, cast, by_comms_lead)
    return tell(event, voice, cast)


def speech(event: ev.Event, cast: Cast, *, task: str | None = None) -> tuple[str, str] | None:
    """What is said to the IC about `event`, as (sender, text); None when nothing is said.

    `task`: the task the speaker holds ("investigate checkout"), for what they say about it.
    """
    say = _SPEECH.get(type(event))
    return say(event, cast, task) if say is not None else None


# --- story lines --------------------------------------------------------------------------------


def _pct(share: float) -> str:
    return f"{share * 100:.0f}%"


def _fault_started(e: ev.FaultStarted, v: Voice, c: Cast) -> str:
    if v.reader == "debrief":
        return f"(hidden) fault {e.fault} starts on {e.service}: {e.effect}"
    return f"Fault begins (found later): {v.ident(e.service)} {e.effect} ({v.ident(e.fault)})."


def _fault_grew(e: ev.FaultGrew, v: Voice, c: Cast) -> str:
    if v.reader == "debrief":
        return f"(hidden) fault {e.fault} grows: {e.service} {e.effect}"
    return f"Left unfixed, the fault grows: {v.ident(e.service)} is now {e.effect}."


def _fault_fixed(e: ev.FaultFixed, v: Voice, c: Cast) -> str:
    if v.reader == "debrief":
        return f"fix lands: fault {e.fault} fixed by {c.name(e.by, v)}"
    return f"The fix takes effect: {v.ident(e.fault)} on {v.ident(e.service)} is fixed (by {c.name(e.by, v)})."


def _impact_changed(e: ev.ImpactChanged, v: Voice, c: Cast) -> str:
    if v.reader == "debrief":
        return f"(hidden) true impact {e.impact:.0%} of customers, true severity {e.severity}"
    return f"Customer impact is now {_pct(e.impact)} (true severity: {v.text(e.severity)})."


def _alert_fired(e: ev.AlertFired, v: Voice, c: Cast) -> str:
    return f"Alert {v.ident(e.alert)} fires on {v.ident(e.service)}."


def _paged(e: ev.Paged, v: Voice, c: Cast) -> str:
    if e.person == IC:
        if v.reader == "debrief":
            return f"you are paged ({e.by})"
        return f"Detected: the IC is paged ({v.text(e.by)})."
    by = {IC: "by the IC", "policy": "by the escalation policy"}.get(e.by, f"by {c.name(e.by, v)}")
    return f"{c.name(e.person, v)} ({v.ident(c.teams.get(e.person, '?'))}) is paged {by}."


def _page_acknowledged(e: ev.PageAcknowledged, v: Voice, c: Cast) -> str:
    if e.person != IC:
        return f"{c.name(e.person, v)} acknowledges the page."
    return "you acknowledge" if v.reader == "debrief" else "The IC acknowledges the page."


def _page_missed(e: ev.PageMissed, v: Voice, c: Cast) -> str:
    return f"{c.name(e.person, v)} misses the page ({MISSED.get(e.reason, v.text(e.reason))})."


def _escalated(e: ev.Escalated, v: Voice, c: Cast) -> str:
    if v.reader == "report":
        by = "the IC" if e.by == IC else "the escalation policy"
        return f"{by.capitalize()} escalates {v.ident(e.team)} to {c.name(e.person, v)}."
    by = v.you if e.by == IC else "the paging policy"
    end = "." if v.reader == "scribe" else ""
    return f"{e.team} escalated to {c.name(e.person, v)} by {by}{end}"


def _severity_set(e: ev.SeveritySet, v: Voice, c: Cast) -> str:
    if v.reader == "debrief":
        return f"declared {e.severity}" if e.previous is None else f"severity {e.previous} -> {e.severity}"
    if v.reader == "scribe":
        return f"Severity set to {e.severity}." if e.previous is None else f"Severity changed {e.previous} -> {e.severity}."
    if e.previous is None:
        return f"The IC declares the incident at {v.text(e.severity)}."
    return f"The IC changes the severity: {v.text(e.previous)} to {v.text(e.severity)}."


def _task_assigned(e: ev.TaskAssigned, v: Voice, c: Cast) -> str:
    if v.reader == "debrief":
        return f"fix under way: {c.name(e.person, v)} to {e.action} {e.service}"
    box = f", time-box {format_duration(e.timebox)}" if e.timebox else ""
    via = {"hands-on": " (the IC, hands-on)", "tech-lead": " (through the Tech Lead)"}.get(e.via, "")
    return f"Fix ordered: {c.name(e.person, v)} to {e.action} {v.ident(e.service)}{box}{via}."


def _task_reported(e: ev.TaskReported, v: Voice, c: Cast) -> str:
    if v.reader == "scribe":
        return f"Fix reported by {c.name(e.person, v)}: {e.action} {e.service}. {' '.join(e.findings)}"
    findings = " ".join(v.text(x) for x in e.findings)
    relayed = f", relayed by {c.name(e.relayed_by, v)}" if e.relayed_by else ""
    return f"{c.name(e.person, v)} reports on {v.ident(e.service)}{relayed}: {findings}"


def _evidence_shared(e: ev.EvidenceShared, v: Voice, c: Cast) -> str:
    findings = " ".join(v.text(x) for x in e.findings)
    if v.reader == "scribe":
        return f"Source evidence from {c.name(e.person, v)}: {findings}"
    return f"{c.name(e.person, v)} shares the evidence: {findings}"


def _status_update(e: ev.StatusUpdate, v: Voice, c: Cast, by_comms_lead: bool = False) -> str:
    if v.reader == "debrief":
        return "status update posted" + (" by the Comms Lead" if by_comms_lead else "")
    if v.reader == "scribe":
        return f"Status update posted: {e.text}"
    return f"Status update: \u201c{v.text(e.text)}\u201d"


def _role_title(role: str, v: Voice) -> str:
    return ROLE_TITLES.get(role, v.text(role))


def _role_assigned(e: ev.RoleAssigned, v: Voice, c: Cast) -> str:
    role = e.role if v.reader == "debrief" else _role_title(e.role, v)
    return f"{c.name(e.person, v)} takes the {role} role" + ("" if v.reader == "debrief" else ".")


def _role_released(e: ev.RoleReleased, v: Voice, c: Cast) -> str:
    return f"{c.name(e.person, v)} hands the {_role_title(e.role, v)} role back to {v.you}."


def _timeline_note(e: ev.TimelineNote, v: Voice, c: Cast) -> str:
    author = v.you if e.by == IC else f"{c.name(e.by, v)}, scribe"
    return f"Timeline note ({author}): {v.text(e.text)}"


def _manager_theory(e: ev.ManagerTheory | ev.DeadEndStarted, v: Voice, c: Cast) -> str:
    end = "" if v.reader == "debrief" else "."
    return f"{c.name(e.manager, v)} sends {c.name(e.person, v)} after a theory about {v.ident(e.service)}{end}"


def _dead_end_ended(e: ev.DeadEndEnded, v: Voice, c: Cast) -> str:
    return f"{c.name(e.person, v)} is back from the dead end ({format_duration(e.lost)} lost)."


def _manager_redirected(e: ev.ManagerRedirected, v: Voice, c: Cast) -> str:
    return f"The IC asks {c.name(e.manager, v)} to route requests through the IC."


def _sales_qualified(e: ev.SalesQualified, v: Voice, c: Cast) -> str:
    if v.reader == "debrief":
        return "you answer the Head of Sales with impact evidence"
    return f"The IC answers {c.name(e.person, v)}'s push for a higher severity with the impact evidence."


def _executive_requested(e: ev.ExecutiveRequested, v: Voice, c: Cast) -> str:
    return f"{c.name(e.person, v)} asks for a {v.text(e.request.replace('-', ' '))}."


def _executive_answered(e: ev.ExecutiveAnswered, v: Voice, c: Cast) -> str:
    if v.reader == "debrief":
        return f"you {e.decision} {c.name(e.person, v)}'s request"
    return f"The IC {v.text(e.decision)} {c.name(e.person, v)}'s request."


def _pulled_off(e: ev.PulledOff, v: Voice, c: Cast) -> str:
    return f"{c.name(e.person, v)} is pulled off the incident by {c.name(e.by, v)} for {format_duration(e.seconds)}."


def _conflict_raised(e: ev.ConflictRaised, v: Voice, c: Cast) -> str:
    if v.reader == "debrief":
        return "disagreement: " + " vs ".join(p.split(" (")[0] for p in e.proposals)
    if v.reader == "scribe":
        return "Disagreement: " + " vs ".join(e.proposals)
    return f"Experts disagree ({v.ident(e.conflict)}): " + "; ".join(v.text(p) for p in e.proposals) + "."


def _conflict_decided(e: ev.ConflictDecided, v: Voice, c: Cast) -> str:
    name = c.name(e.person, v)
    if v.reader == "debrief":
        return f"disagreement settled for {name} ({'by you' if e.by == IC else 'by a poll'})"
    if v.reader == "scribe":
        how = "decided by the IC" if e.by == IC else "settled by a poll"
        return f"Going with {name}'s proposal ({how})."
    how = "the IC decides" if e.by == IC else "a poll settles it"
    return f"Disagreement {v.ident(e.conflict)}: {how} for {name}'s proposal."


def _phase_changed(e: ev.PhaseChanged, v: Voice, c: Cast) -> str:
    if v.reader == "debrief":
        return f"incident {e.phase}"
    if v.reader == "scribe":
        return f"Incident {e.phase}."
    if e.phase == "mitigated":
        return "The IC marks the incident mitigated; monitoring."
    if e.phase == "resolved":
        return "The IC resolves the incident."
    return f"The incident is {v.text(e.phase)}."


def _heads_down(e: ev.HeadsDown, v: Voice, c: Cast) -> str:
    return f"you go heads-down on {e.action} {e.service}"


def _drill_ended(e: ev.DrillEnded, v: Voice, c: Cast) -> str:
    if v.reader == "debrief":
        return f"drill ends: {e.reason}"
    return f"The drill ends ({v.text(e.reason)})."


_STORIES: dict[type, Callable] = {
    ev.FaultStarted: _fault_started,
    ev.FaultGrew: _fault_grew,
    ev.FaultFixed: _fault_fixed,
    ev.ImpactChanged: _impact_changed,
    ev.AlertFired: _alert_fired,
    ev.Paged: _paged,
    ev.PageAcknowledged: _page_acknowledged,
    ev.PageMissed: _page_missed,
    ev.Escalated: _escalated,
    ev.SeveritySet: _severity_set,
    ev.TaskAssigned: _task_assigned,
    ev.TaskReported: _task_reported,
    ev.EvidenceShared: _evidence_shared,
    ev.StatusUpdate: _status_update,
    ev.RoleAssigned: _role_assigned,
    ev.RoleReleased: _role_released,
    ev.TimelineNote: _timeline_note,
    ev.ManagerTheory: _manager_theory,
    ev.DeadEndStarted: _manager_theory,
    ev.DeadEndEnded: _dead_end_ended,
    ev.ManagerRedirected: _manager_redirected,
    ev.SalesQualified: _sales_qualified,
    ev.ExecutiveRequested: _executive_requested,
    ev.ExecutiveAnswered: _executive_answered,
    ev.PulledOff: _pulled_off,
    ev.ConflictRaised: _conflict_raised,
    ev.ConflictDecided: _conflict_decided,
    ev.PhaseChanged: _phase_changed,
    ev.HeadsDown: _heads_down,
    ev.DrillEnded: _drill_ended,
}


# --- speech: what the room says to the IC ---------------------------------------------------------


def _name(c: Cast, person: str) -> str:
    return display_name(c.names, person, you="You")


def _say_paged(e: ev.Paged, c: Cast, task: str | None):
    if e.person == IC:
        return "pager", f"You are paged ({e.by}). You are the Incident Commander."
    return None


def _say_acknowledged(e: ev.PageAcknowledged, c: Cast, task: str | None):
    if e.person == IC:
        return None
    return _name(c, e.person), "Acknowledged, I'm here. What do you need?"


def _say_on_it(e: ev.TaskAcknowledged, c: Cast, task: str | None):
    return _name(c, e.person), f"On it: {task}."


def _say_more_time(e: ev.MoreTimeAsked, c: Cast, task: str | None):
    minutes = max(1, round(e.extra / 60))
    return _name(c, e.person), f"Still on {task}; I need about {minutes} more min."


def _say_report(e: ev.TaskReported, c: Cast, task: str | None):
    name = _name(c, e.person)
    sender = name if e.relayed_by is None else f"{_name(c, e.relayed_by)} (relaying {name})"
    return sender, " ".join(e.findings)


def _say_escalated(e: ev.Escalated, c: Cast, task: str | None):
    who = "You escalated" if e.by == IC else "The paging policy escalated"
    return "pager", f"{who} {e.team} to {_name(c, e.person)}."


def _say_owner(e: ev.OwnerFound, c: Cast, task: str | None):
    return "directory", f"{e.service} is owned by {e.team}."


def _say_unanswered(e: ev.BroadcastUnanswered, c: Cast, task: str | None):
    return "channel", f"Nobody picked up '{e.action} {e.service}'."


def _say_question(e: ev.QuestionAsked, c: Cast, task: str | None):
    return _name(c, e.person), e.text


def _say_joined(e: ev.ManagerJoined, c: Cast, task: str | None):
    return _name(c, e.manager), "Joined the incident channel. What's going on?"


def _say_asked_status(e: ev.ManagerAskedStatus, c: Cast, task: str | None):
    return _name(c, e.manager), "Any update? Leadership is asking me."


def _say_theory(e: ev.ManagerTheory, c: Cast, task: str | None):
    return _name(c, e.person), f"{_name(c, e.manager)} asked me to check {e.service} first; switching."


def _say_dead_end_ended(e: ev.DeadEndEnded, c: Cast, task: str | None):
    return _name(c, e.person), "Nothing in that direction; back on my task."


def _say_redirected(e: ev.ManagerRedirected, c: Cast, task: str | None):
    return _name(c, e.manager), "Understood, I'll bring anything through you."


def _say_authority(e: ev.AuthorityLent, c: Cast, task: str | None):
    return _name(c, e.manager), "To everyone: the IC runs this incident. Requests go through them."


def _say_sales_pushed(e: ev.SalesPushed, c: Cast, task: str | None):
    return _name(c, e.person), e.text


def _say_sales_qualified(e: ev.SalesQualified, c: Cast, task: str | None):
    return f"you to {_name(c, e.person)}", e.evidence


def _say_executive(e: ev.ExecutiveRequested, c: Cast, task: str | None):
    wanted = WANTS["customer-list"] if e.request == "customer-list" else WANTS["customer-call"]
    return _name(c, e.person), f"I need {wanted}, now."


def _say_pulled_off(e: ev.PulledOff, c: Cast, task: str | None):
    return _name(c, e.person), f"{_name(c, e.by)} pulled me off for about {max(1, e.seconds // 60)} min."


def _say_conflict(e: ev.ConflictRaised, c: Cast, task: str | None):
    return "channel", "Disagreement: " + " vs ".join(e.proposals)


def _say_evidence(e: ev.EvidenceShared, c: Cast, task: str | None):
    return f"{_name(c, e.person)} (source)", " ".join(e.findings)


_SPEECH: dict[type, Callable] = {
    ev.Paged: _say_paged,
    ev.PageAcknowledged: _say_acknowledged,
    ev.TaskAcknowledged: _say_on_it,
    ev.MoreTimeAsked: _say_more_time,
    ev.TaskReported: _say_report,
    ev.Escalated: _say_escalated,
    ev.OwnerFound: _say_owner,
    ev.BroadcastUnanswered: _say_unanswered,
    ev.QuestionAsked: _say_question,
    ev.ManagerJoined: _say_joined,
    ev.ManagerAskedStatus: _say_asked_status,
    ev.ManagerTheory: _say_theory,
    ev.DeadEndEnded: _say_dead_end_ended,
    ev.ManagerRedirected: _say_redirected,
    ev.AuthorityLent: _say_authority,
    ev.SalesPushed: _say_sales_pushed,
    ev.SalesQualified: _say_sales_qualified,
    ev.ExecutiveRequested: _say_executive,
    ev.PulledOff: _say_pulled_off,
    ev.ConflictRaised: _say_conflict,
    ev.EvidenceShared: _say_evidence,
}
