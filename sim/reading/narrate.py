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
from sim.log.clock import format_clock, format_duration
from sim.reading.names import IC, display_name
from sim.reading.staffing import STAKEHOLDER

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
    """Who reads a story line: the player ("you") or others ("the IC"), and how words from outside
    (names, findings, what someone typed; identifiers such as services and teams) are escaped."""

    you: str  # how the player is named
    text: Callable[[str], str] = _same  # free text: names, findings, what someone typed
    ident: Callable[[str], str] = _same  # identifiers: services, teams, alerts, faults, conflicts


YOU = Voice("you")  # the game and the debrief speak to the player
THE_IC = Voice("the IC")  # the report and the Scribe speak of the player (the report adds escaping)


@dataclass(frozen=True)
class Cast:
    """The people a line may name: person id -> display name, and -> team."""

    names: Mapping[str, str]
    teams: Mapping[str, str] = field(default_factory=dict)

    def name(self, person: str, voice: Voice) -> str:
        """The person as the voice names them; the player as "you" or "the IC"."""
        return voice.text(display_name(self.names, person, you=voice.you))

    def subject(self, person: str, voice: Voice) -> str:
        """The same, opening a sentence: "You", "The IC", "Dana Whitfield"."""
        name = self.name(person, voice)
        return name[:1].upper() + name[1:] if person == IC else name


def story(event: ev.Event, voice: Voice, cast: Cast, *, by_comms_lead: bool = False) -> str | None:
    """One line about `event` for a timeline, in `voice`; None when the event is not told. The
    hidden truth (what the IC could not see) is marked as such.

    `by_comms_lead`: a status update the Comms Lead posted (the event does not say who did).

    >>> cast = Cast({"dana": "Dana Whitfield"})
    >>> story(ev.SeveritySet("Sev1", None), YOU, cast), story(ev.SeveritySet("Sev1", "Sev2"), THE_IC, cast)
    ('You declared the incident at Sev1.', 'The IC changed the severity from Sev2 to Sev1.')
    >>> story(ev.Escalated("payments", "dana", "ic"), YOU, cast)
    'You escalated payments to Dana Whitfield.'
    >>> story(ev.PageMissed("dana", "on-a-plane"), THE_IC, cast)
    '(hidden) Dana Whitfield missed the page (on a plane).'
    """
    tell = _STORIES.get(type(event))
    if tell is None:
        return None
    line = _status_update(event, voice, cast, by_comms_lead) if isinstance(event, ev.StatusUpdate) else tell(event, voice, cast)
    return line if event.public else f"(hidden) {line}"


def speech(event: ev.Event, cast: Cast, *, task: str | None = None) -> tuple[str, str] | None:
    """What is said to the IC about `event` in the game, as (sender, text); None when nothing is.
    People speak in their own words; the pager and the channel tell the story to "you".

    `task`: the task the speaker holds ("investigate checkout"), for what they say about it.
    """
    say = _SPEECH.get(type(event))
    return say(event, cast, task) if say is not None else None


# --- story lines: past tense, one per event; "you" or "the IC" is the only difference -------------


def _pct(share: float) -> str:
    return f"{share * 100:.0f}%"


def _player(v: Voice) -> str:
    """The player opening a sentence: "You" or "The IC"."""
    return v.you[:1].upper() + v.you[1:]


def _was(person: str, v: Voice) -> str:
    """'you were', 'the IC was', 'Dana was'."""
    return "were" if person == IC and v.you == YOU.you else "was"


def _fault_started(e: ev.FaultStarted, v: Voice, c: Cast) -> str:
    return f"Fault {v.ident(e.fault)} started on {v.ident(e.service)}: {v.text(e.effect)}."


def _fault_grew(e: ev.FaultGrew, v: Voice, c: Cast) -> str:
    return f"Fault {v.ident(e.fault)} grew: {v.ident(e.service)} is now {v.text(e.effect)}."


def _fault_fixed(e: ev.FaultFixed, v: Voice, c: Cast) -> str:
    return f"The fix took effect: fault {v.ident(e.fault)} on {v.ident(e.service)} fixed by {c.name(e.by, v)}."


def _fault_mitigated(e: ev.FaultMitigated, v: Voice, c: Cast) -> str:
    return (
        f"Relief: {v.text(e.action)} by {c.name(e.by, v)} took fault {v.ident(e.fault)} on {v.ident(e.service)} "
        f"off until {format_clock(e.until)}; the cause is still there."
    )


def _fault_returned(e: ev.FaultReturned, v: Voice, c: Cast) -> str:
    return f"The relief wore off: fault {v.ident(e.fault)} is back, {v.ident(e.service)} {v.text(e.effect)}."


def _fault_worsened(e: ev.FaultWorsened, v: Voice, c: Cast) -> str:
    return (
        f"{v.text(e.action).capitalize()} by {c.name(e.by, v)} made fault {v.ident(e.fault)} worse: "
        f"{v.ident(e.service)} is now {v.text(e.effect)}."
    )


def _fault_share_rose(e: ev.FaultShareRose, v: Voice, c: Cast) -> str:
    return f"Fault {v.ident(e.fault)} spread: it now hurts {_pct(e.share)} of the customers it reaches."


def _impact_changed(e: ev.ImpactChanged, v: Voice, c: Cast) -> str:
    return f"True impact: {_pct(e.impact)} of customers, true severity {v.text(e.severity)}."


def _alert_fired(e: ev.AlertFired, v: Voice, c: Cast) -> str:
    return f"Alert {v.ident(e.alert)} fired on {v.ident(e.service)}."


def _by(by: str, v: Voice, c: Cast) -> str:
    """Who paged or escalated: the player, the paging policy, or a person."""
    return "the paging policy" if by == "policy" else c.name(by, v)


def _paged(e: ev.Paged, v: Voice, c: Cast) -> str:
    if e.person == IC:
        return f"{_player(v)} {_was(IC, v)} paged ({v.text(e.by)})."
    team = v.ident(c.teams.get(e.person, "?"))
    return f"{c.subject(e.person, v)} ({team}) was paged by {_by(e.by, v, c)}."


def _page_acknowledged(e: ev.PageAcknowledged, v: Voice, c: Cast) -> str:
    return f"{c.subject(e.person, v)} acknowledged the page."


def _page_missed(e: ev.PageMissed, v: Voice, c: Cast) -> str:
    return f"{c.subject(e.person, v)} missed the page ({MISSED.get(e.reason) or v.text(e.reason)})."


def _escalated(e: ev.Escalated, v: Voice, c: Cast) -> str:
    by = _by(e.by, v, c)
    return f"{by[:1].upper() + by[1:]} escalated {v.ident(e.team)} to {c.name(e.person, v)}."


def _severity_set(e: ev.SeveritySet, v: Voice, c: Cast) -> str:
    if e.previous is None:
        return f"{_player(v)} declared the incident at {v.text(e.severity)}."
    return f"{_player(v)} changed the severity from {v.text(e.previous)} to {v.text(e.severity)}."


_VIA = {"hands-on": "hands-on", "tech-lead": "through the Tech Lead"}


def _task_assigned(e: ev.TaskAssigned, v: Voice, c: Cast) -> str:
    box = f", time-box {format_duration(e.timebox)}" if e.timebox else ""
    via = f" ({_VIA[e.via]})" if e.via in _VIA else ""
    what = "Task given" if e.action == "investigate" else "Fix ordered"
    return f"{what}: {c.name(e.person, v)} to {v.text(e.action)} {v.ident(e.service)}{box}{via}."


def _findings(findings: list[str], v: Voice) -> str:
    return " ".join(v.text(x) for x in findings)


def _task_reported(e: ev.TaskReported, v: Voice, c: Cast) -> str:
    relayed = f", relayed by {c.name(e.relayed_by, v)}" if e.relayed_by else ""
    if e.action == "investigate":
        return f"{c.subject(e.person, v)} reported on {v.ident(e.service)}{relayed}: {_findings(e.findings, v)}"
    task = f"{v.text(e.action)} {v.ident(e.service)}"
    return f"Fix reported by {c.name(e.person, v)} ({task}){relayed}: {_findings(e.findings, v)}"


def _evidence_shared(e: ev.EvidenceShared, v: Voice, c: Cast) -> str:
    return f"{c.subject(e.person, v)} shared the source evidence: {_findings(e.findings, v)}"


def _status_update(e: ev.StatusUpdate, v: Voice, c: Cast, by_comms_lead: bool = False) -> str:
    by = " by the Comms Lead" if by_comms_lead else ""
    return f"Status update posted{by}: \u201c{v.text(e.text)}\u201d"


def _role_title(role: str, v: Voice) -> str:
    return ROLE_TITLES.get(role) or v.text(role)


def _role_assigned(e: ev.RoleAssigned, v: Voice, c: Cast) -> str:
    return f"{c.subject(e.person, v)} took the {_role_title(e.role, v)} role."


def _role_released(e: ev.RoleReleased, v: Voice, c: Cast) -> str:
    return f"{c.subject(e.person, v)} handed the {_role_title(e.role, v)} role back to {v.you}."


def _timeline_note(e: ev.TimelineNote, v: Voice, c: Cast) -> str:
    author = v.you if e.by == IC else f"{c.name(e.by, v)}, Scribe"
    return f"Timeline note ({author}): {v.text(e.text)}"


def _manager_theory(e: ev.ManagerTheory, v: Voice, c: Cast) -> str:
    return f"{c.subject(e.manager, v)} sent {c.name(e.person, v)} after a theory about {v.ident(e.service)}."


def _dead_end_ended(e: ev.DeadEndEnded, v: Voice, c: Cast) -> str:
    return f"{c.subject(e.person, v)} came back from the dead end ({format_duration(e.lost)} lost)."


def _manager_redirected(e: ev.ManagerRedirected, v: Voice, c: Cast) -> str:
    return f"{_player(v)} asked {c.name(e.manager, v)} to route requests through {v.you}."


def _sales_qualified(e: ev.SalesQualified, v: Voice, c: Cast) -> str:
    return f"{_player(v)} answered {c.name(e.person, v)}'s push for a higher severity with the impact evidence."


def _executive_requested(e: ev.ExecutiveRequested, v: Voice, c: Cast) -> str:
    return f"{c.subject(e.person, v)} asked for {WANTS.get(e.request) or v.text(e.request)}."


def _executive_answered(e: ev.ExecutiveAnswered, v: Voice, c: Cast) -> str:
    return f"{_player(v)} {v.text(e.decision)} {c.name(e.person, v)}'s request."


def _pulled_off(e: ev.PulledOff, v: Voice, c: Cast) -> str:
    return f"{c.subject(e.person, v)} was pulled off the incident by {c.name(e.by, v)} for {format_duration(e.seconds)}."


def _inject_applied(e: ev.InjectApplied, v: Voice, c: Cast) -> str:
    if "say" in e.request:
        return f"The facilitator spoke as {c.name(e.request['say']['from'], v)}."
    return f"The facilitator sent the inject {v.ident(e.request['inject'])}."


def _inject_refused(e: ev.InjectRefused, v: Voice, c: Cast) -> str:
    return f"A facilitator's request was refused: {v.text(e.reason)}."


def _person_said(e: ev.PersonSaid, v: Voice, c: Cast) -> str:
    return f"{c.subject(e.person, v)} said: {v.text(e.text)}"


def _person_left(e: ev.PersonLeft, v: Voice, c: Cast) -> str:
    return f"{c.subject(e.person, v)} dropped out of the incident."


def _broadcast_unanswered(e: ev.BroadcastUnanswered, v: Voice, c: Cast) -> str:
    return f"Nobody picked up '{v.text(e.action)} {v.ident(e.service)}'."


def _conflict_raised(e: ev.ConflictRaised, v: Voice, c: Cast) -> str:
    return f"Disagreement ({v.ident(e.conflict)}): " + " vs ".join(v.text(p) for p in e.proposals) + "."


def _conflict_decided(e: ev.ConflictDecided, v: Voice, c: Cast) -> str:
    who = _player(v) if e.by == IC else "A poll"
    return f"{who} settled the disagreement {v.ident(e.conflict)}: going with {c.name(e.person, v)}'s proposal."


def _phase_changed(e: ev.PhaseChanged, v: Voice, c: Cast) -> str:
    if e.phase == "mitigated":
        return f"{_player(v)} marked the incident mitigated; monitoring."
    if e.phase == "resolved":
        return f"{_player(v)} resolved the incident."
    if e.phase in ("detected", "declared"):
        return f"The incident was {e.phase}."
    return f"The incident is now {v.text(e.phase)}."


def _heads_down(e: ev.HeadsDown, v: Voice, c: Cast) -> str:
    return f"{_player(v)} went heads-down on {v.text(e.action)} {v.ident(e.service)}."


def _drill_ended(e: ev.DrillEnded, v: Voice, c: Cast) -> str:
    return f"The drill ended ({v.text(e.reason)})."


# --- people and setting ---


def _person_present(e: ev.PersonPresent, v: Voice, c: Cast) -> str:
    return f"{c.subject(e.person, v)} was in the incident channel from the start."


def _person_asleep(e: ev.PersonAsleep, v: Voice, c: Cast) -> str:
    return f"{c.subject(e.person, v)} was asleep when it began."


def _manager_stayed_away(e: ev.ManagerStayedAway, v: Voice, c: Cast) -> str:
    why = MISSED.get(e.reason) or v.text(e.reason)
    return f"{c.subject(e.manager, v)} never joined the channel ({why})."


# --- vendors and alerts: a third party's status page and support desk ----------------------------


def _ticket_opened(e: ev.TicketOpened, v: Voice, c: Cast) -> str:
    said = f": \u201c{v.text(e.text)}\u201d" if e.text else ""
    return f"{_player(v)} opened support ticket #{e.ticket} with {v.text(e.vendor)} about {v.ident(e.service)}{said}."


def _ticket_answered(e: ev.TicketAnswered, v: Voice, c: Cast) -> str:
    return f"{v.text(e.vendor)} support answered ticket #{e.ticket}: {v.text(e.text)}"


def _status_page(e: ev.StatusPageRead, v: Voice, c: Cast) -> str:
    vendor, service = v.text(e.vendor), v.ident(e.service)
    posted = f" (posted {format_clock(e.posted)})" if e.posted is not None else ""
    if e.status == "incident":
        return f"{vendor} status page: investigating an incident affecting {service}{posted}."
    if e.status == "resolved":
        return f"{vendor} status page: the incident affecting {service} is resolved{posted}."
    return f"{vendor} status page: all systems operational."


def _vendor_named(e: ev.VendorNamed, v: Voice, c: Cast) -> str:
    service = v.ident(e.service)
    return (
        f"{service} is run by {v.text(e.vendor)}, a third party: nobody inside owns it. Check its status page "
        f"(/status-page {service}) or open a support ticket (/ticket {service} ...)."
    )


_STORIES: dict[type, Callable] = {
    ev.PersonPresent: _person_present,
    ev.PersonAsleep: _person_asleep,
    ev.ManagerStayedAway: _manager_stayed_away,
    ev.FaultStarted: _fault_started,
    ev.FaultGrew: _fault_grew,
    ev.FaultFixed: _fault_fixed,
    ev.FaultMitigated: _fault_mitigated,
    ev.FaultReturned: _fault_returned,
    ev.FaultWorsened: _fault_worsened,
    ev.FaultShareRose: _fault_share_rose,
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
    ev.DeadEndEnded: _dead_end_ended,
    ev.ManagerRedirected: _manager_redirected,
    ev.SalesQualified: _sales_qualified,
    ev.ExecutiveRequested: _executive_requested,
    ev.ExecutiveAnswered: _executive_answered,
    ev.PulledOff: _pulled_off,
    ev.BroadcastUnanswered: _broadcast_unanswered,
    ev.ConflictRaised: _conflict_raised,
    ev.ConflictDecided: _conflict_decided,
    ev.PhaseChanged: _phase_changed,
    ev.HeadsDown: _heads_down,
    ev.DrillEnded: _drill_ended,
    ev.TicketOpened: _ticket_opened,
    ev.TicketAnswered: _ticket_answered,
    ev.StatusPageRead: _status_page,
    # live injects (issue 14): the facilitator's hand is hidden truth; what it makes people do is not
    ev.InjectApplied: _inject_applied,
    ev.InjectRefused: _inject_refused,
    ev.PersonSaid: _person_said,
    ev.PersonLeft: _person_left,
}


# --- speech: what the room says to the IC, as (sender, text) -------------------------------------


def _name(c: Cast, person: str) -> str:
    """A sender's name; the player, when they speak, is "You"."""
    return display_name(c.names, person, you="You")


def _say_paged(e: ev.Paged, c: Cast, task: str | None) -> tuple[str, str] | None:
    return ("pager", f"You are paged ({e.by}). You are the Incident Commander.") if e.person == IC else None


def _say_report(e: ev.TaskReported, c: Cast, task: str | None) -> tuple[str, str]:
    name = _name(c, e.person)
    sender = name if e.relayed_by is None else f"{_name(c, e.relayed_by)} (relaying {name})"
    return sender, " ".join(e.findings)


_IN_CHARACTER = {  # a stakeholder's reply to a DM: who they are, not what the incident is
    "manager": "Thanks. I'm following the channel; tell me if you need anyone from my team.",
    "sales": "Thanks. The account keeps asking me when it will be fixed; when is your next update?",
    "executive": "Noted. Keep me posted through the status updates.",
}


def dm_reply(e: ev.DmReplied) -> str:
    """What a person answers a DM, from their own post.

    >>> dm_reply(ev.DmReplied("dana", "working", "investigate payments-db", 250, None))
    'Working on investigate payments-db, about 4m left on the time-box.'
    >>> dm_reply(ev.DmReplied("dana", "working", "restart payments-api", -30, None))
    'Working on restart payments-api; I am past the time-box and will say how much longer I need.'
    >>> dm_reply(ev.DmReplied("dana", "role", None, None, "tech-lead")), dm_reply(ev.DmReplied("dana", "free", None, None, None))
    ('Holding Tech Lead; what do you need?', 'Free, what do you need?')
    """
    if e.topic == "working":
        if e.left is None:
            return f"Working on {e.task}; nothing to report yet."
        if e.left <= 0:
            return f"Working on {e.task}; I am past the time-box and will say how much longer I need."
        return f"Working on {e.task}, about {max(1, round(e.left / 60))}m left on the time-box."
    if e.topic == "role":
        return f"Holding {ROLE_TITLES.get(e.role or '', e.role)}; what do you need?"
    if e.topic == "free":
        return "Free, what do you need?"
    if e.topic == "not-in-incident":
        return "I'm not on this incident; page me if you need me."
    return _IN_CHARACTER.get(e.topic, "Got it.")


_SPEECH: dict[type, Callable] = {
    # direct messages: the reply to a DM that answered no question
    ev.DmReplied: lambda e, c, task: (_name(c, e.person), dm_reply(e)),
    # people and setting: a stakeholder present from the start speaks through their own events
    ev.PersonPresent: lambda e, c, task: None if e.joins_as == STAKEHOLDER else (
        _name(c, e.person), "I'm in the incident channel already. What do you need?"),
    ev.ExecutiveSaid: lambda e, c, task: (_name(c, e.person), e.text),
    ev.PersonSaid: lambda e, c, task: (_name(c, e.person), e.text),
    ev.PersonLeft: lambda e, c, task: ("channel", f"{_name(c, e.person)} left the incident channel."),
    ev.Paged: _say_paged,
    ev.PageAcknowledged: lambda e, c, task: None if e.person == IC else (
        _name(c, e.person), "Acknowledged, I'm here. What do you need?"),
    ev.TaskAcknowledged: lambda e, c, task: (_name(c, e.person), f"On it: {task}."),
    ev.MoreTimeAsked: lambda e, c, task: (
        _name(c, e.person), f"Still on {task}; I need about {max(1, round(e.extra / 60))} more min."),
    ev.TaskReported: _say_report,
    ev.EvidenceShared: lambda e, c, task: (f"{_name(c, e.person)} (source)", " ".join(e.findings)),
    ev.QuestionAsked: lambda e, c, task: (_name(c, e.person), e.text),
    ev.Escalated: lambda e, c, task: ("pager", story(e, YOU, c)),
    ev.OwnerFound: lambda e, c, task: ("directory", f"{e.service} is owned by {e.team}."),
    ev.BroadcastUnanswered: lambda e, c, task: ("channel", story(e, YOU, c)),
    ev.ConflictRaised: lambda e, c, task: ("channel", story(e, YOU, c)),
    ev.ManagerJoined: lambda e, c, task: (_name(c, e.manager), "Joined the incident channel. What's going on?"),
    ev.ManagerAskedStatus: lambda e, c, task: (_name(c, e.manager), "Any update? Leadership is asking me."),
    ev.ManagerTheory: lambda e, c, task: (
        _name(c, e.person), f"{_name(c, e.manager)} asked me to check {e.service} first; switching."),
    ev.DeadEndEnded: lambda e, c, task: (_name(c, e.person), "Nothing in that direction; back on my task."),
    ev.ManagerRedirected: lambda e, c, task: (_name(c, e.manager), "Understood, I'll bring anything through you."),
    ev.AuthorityLent: lambda e, c, task: (
        _name(c, e.manager), "To everyone: the IC runs this incident. Requests go through them."),
    ev.SalesPushed: lambda e, c, task: (_name(c, e.person), e.text),
    ev.SalesQualified: lambda e, c, task: (f"you to {_name(c, e.person)}", e.evidence),  # the IC's own words
    ev.ExecutiveRequested: lambda e, c, task: (_name(c, e.person), f"I need {WANTS.get(e.request, e.request)}, now."),
    ev.PulledOff: lambda e, c, task: (
        _name(c, e.person), f"{_name(c, e.by)} pulled me off for about {max(1, e.seconds // 60)} min."),
    # vendors: the directory, the vendor's status page and its support desk
    ev.VendorNamed: lambda e, c, task: ("directory", _vendor_named(e, YOU, c)),
    ev.StatusPageRead: lambda e, c, task: ("status page", _status_page(e, YOU, c)),
    ev.TicketOpened: lambda e, c, task: (f"{e.vendor} support", f"Ticket #{e.ticket} received about {e.service}; we will get back to you."),
    ev.TicketAnswered: lambda e, c, task: (f"{e.vendor} support", f"Ticket #{e.ticket}: {e.text}"),
}
