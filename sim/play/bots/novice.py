"""A new IC on a first shift: acts late, under-calls, does one thing at a time, forgets updates.

It is the expert's playbook with the habits the article warns about: it reacts only every few
minutes, calls the severity one level too low, trusts the service catalog, first asks the
channel ("can someone look at X?"), then hands out work without time-boxes to one person at a
time, posts updates far apart, escalates a silent page only long after it should (three timeouts),
lets managers steer engineers, grabs the quick relief a report offers before the real fix it
names, gives in to the Head of Sales (Sev0) and to the executive's request, leaves questions
unanswered, settles a disagreement for whoever spoke first, and names a Comms Lead only once
someone has sat idle for a long while."""

from __future__ import annotations

from sim.log import events as ev
from sim.play.bots.base import (
    Bot,
    fix_suggestions,
    owner,
    relief_suggestions,
    reports,
    severity_for,
    status_text,
    suspects,
    tasks_started,
    teams_for,
)
from sim.reading.view import View

REACTION = 240  # seconds between the novice's looks at the incident
UPDATE_EVERY = 1800  # seconds: far longer than any cadence asks
LATE_ESCALATION = 3  # escalation timeouts a silent page waits before the novice escalates
IDLE_FOR_A_ROLE = 600  # seconds someone sits idle before the novice thinks of a Comms Lead


class NoviceBot(Bot):
    name = "novice"

    def __init__(self) -> None:
        self.look_at: int | None = None
        self.investigated: set[str] = set()
        self.last_update: int | None = None
        self.read = 0
        self.refusals_read = 0
        self.asked_around = False
        self.escalated: dict[str, int] = {}  # team -> when the novice escalated it

    def decide(self, view: View) -> list[str]:
        if view.ended or view.phase is None:
            return []
        if self.look_at is None:
            self.look_at = view.now + REACTION
        if view.now < self.look_at:
            return []
        self.look_at = view.now + REACTION
        if view.phase == "detected":
            return ["/ack", f"/declare {_one_lower(view)}"]
        if view.phase == "resolved":
            return []
        return self._give_in(view) + self._escalate_late(view) + self._one_step(view) + self._late_role(view) + self._maybe_update(view)

    def next_look(self, view: View) -> int | None:
        """The novice acts only every `REACTION` seconds; in between it answers nothing, whatever the view shows."""
        return self.look_at

    def _escalate_late(self, view: View) -> list[str]:
        """A page nobody answered, escalated at last, long after the timeout."""
        wait = LATE_ESCALATION * view.catalog.escalation.timeout
        silent = sorted({p.team for p in view.engaged.values() if p.status == "paged" and view.now - p.since >= wait})
        return [f"/escalate {team}" for team in silent if self.escalated.setdefault(team, view.now) == view.now]

    def _late_role(self, view: View) -> list[str]:
        if "comms-lead" in view.roles:
            return []
        idle = [p for p in view.engaged.values() if p.status == "available" and view.now - p.since >= IDLE_FOR_A_ROLE]
        return [f"/role {idle[0].id} comms-lead"] if idle else []

    def _give_in(self, view: View) -> list[str]:
        """The pressure of the room, answered the way a first-timer does."""
        commands = []
        for message in view.inbox[self.read :]:
            event = message.event
            top = view.catalog.severity_names[0]
            if isinstance(event, ev.SalesPushed) and event.pressure >= 2 and view.severity != top:
                commands.append(f"/sev {top}")
            elif isinstance(event, ev.ExecutiveRequested):
                commands.append("/grant")
            elif isinstance(event, ev.BroadcastUnanswered):
                self.investigated.discard(event.service)  # nobody took it: ask a named person next
        self.read = len(view.inbox)
        for conflict, proposals in sorted(view.conflicts.items()):
            commands.append(f"/decide {proposals[0].split(':')[0].lower()}")
        return list(dict.fromkeys(commands))

    def _one_step(self, view: View) -> list[str]:
        """Exactly one move per look: the novice does not run things in parallel."""
        if view.phase == "mitigated":
            return ["/resolve"]
        if view.observed_impact == 0 and not (set(view.alerts.values()) & set(suspects(view))):
            return ["/mitigated"]
        if any(p.status == "working" for p in view.engaged.values()):
            return []
        helpers = [p for p in view.engaged.values() if p.status == "available"]
        lookups = self._after_refusals(view)
        if lookups:
            return lookups
        started = tasks_started(view)
        # The quick win first: a relief the report names goes before the real fix it names too.
        for suggestion in relief_suggestions(view) + fix_suggestions(view):
            if suggestion not in started:
                action, target = suggestion.split()
                # The owner as far as the IC knows; for a vendor's service, the teams that hold it.
                teams = teams_for(view, target)
                able = [p for p in helpers if view.catalog.people[p.id].team in teams]
                if able:
                    return [f"/assign {able[0].id} {action} {target}"]
                if teams and not any(p.team in teams for p in view.engaged.values()):
                    return [f"/page {teams[0]}"]
        pointed = [r.points_to for r in reports(view) if r.points_to]
        # The service that paged comes first in a novice's mind, whatever its traffic.
        alerting = sorted(set(view.alerts.values()), key=lambda s: (view.catalog.services[s].tier, s))
        todo = [s for s in dict.fromkeys(alerting + suspects(view) + pointed) if s not in self.investigated]
        if not todo:
            return []
        if not helpers:
            # Page the team of the first troubled service whose team nobody has paged yet; a
            # silent page is left to the paging policy rather than escalated.
            paged = {p.team for p in view.engaged.values()}
            teams = [owner(view, s) for s in todo]
            fresh = [t for t in teams if t is not None and t not in paged]
            return [f"/page {fresh[0]}"] if fresh else []
        self.investigated.add(todo[0])
        if not self.asked_around:
            # "Can someone look at X?": the first ask goes to the channel, not to a named person.
            self.asked_around = True
            return [f"/ask investigate {todo[0]}"]
        return [f"/assign {helpers[0].id} investigate {todo[0]}"]

    def _after_refusals(self, view: View) -> list[str]:
        """Told someone has no access, the novice finally asks who owns the service."""
        for _, text, reason in view.rejections[self.refusals_read :]:
            if "has no access to change" in reason:
                self.refusals_read = len(view.rejections)
                return [f"/owner {text.split()[3]}"]
        self.refusals_read = len(view.rejections)
        return []

    def _maybe_update(self, view: View) -> list[str]:
        if view.declared_at is None:
            return []
        last = self.last_update if self.last_update is not None else view.declared_at
        if view.now - last < UPDATE_EVERY:
            return []
        self.last_update = view.now
        return [f"/update {status_text(view)}"]


def _one_lower(view: View) -> str:
    names = view.catalog.severity_names
    called = names.index(severity_for(view, view.observed_impact))
    return names[min(called + 1, len(names) - 1)]
