"""The playbook IC: impact before severity, named delegation with time-boxes, updates on cadence,
the fix the evidence points to, and the room held as the article advises: managers redirected
privately, the Head of Sales answered with impact evidence, the executive's swoop declined,
disagreements decided, questions answered, owners looked up, silent pages escalated; a vendor's
service in trouble has its status page read and a support ticket opened, and its fix goes to a
team that holds the integration."""

from __future__ import annotations

from sim.log import events as ev
from sim.play.bots.base import (
    Bot,
    closing_text,
    fix_suggestions,
    owners_confirmed,
    reports,
    severity_for,
    status_text,
    suspects,
    tasks_started,
    teams_for,
    vendor,
)
from sim.reading.names import display_name
from sim.reading.view import PersonView, View

TIMEBOX = "10m"
MONITOR_BEFORE_RESOLVE = 180  # seconds of clean dashboards before closing
IDLE_BEFORE_ROLE = 120  # seconds a free responder waits for a task before taking a role
ROLES_URGENT = 600  # seconds after the declaration when any free responder takes an empty seat


class ExpertBot(Bot):
    name = "expert"

    def __init__(self) -> None:
        self.paged_teams: set[str] = set()
        self.escalated: set[tuple[str, int]] = set()
        self.looked_up: set[str] = set()
        self.evidence_asked: set[int] = set()
        self.settled: set[str] = set()
        self.noted: set[str] = set()
        self.read = 0  # messages of the inbox already handled
        self.clean_since: int | None = None
        self.vendors_contacted: set[str] = set()

    def decide(self, view: View) -> list[str]:
        if view.ended or view.phase is None:
            return []
        commands: list[str] = []
        if not view.ic_acknowledged:
            commands.append("/ack")
        if view.phase == "detected":
            commands.append(f"/declare {severity_for(view, view.observed_impact)}")
            return commands  # the rest follows on the next tick, once declared
        if view.phase == "resolved":
            return commands
        troubled = _triage(view)
        fixes = self._open_fixes(view)  # the view does not change while the bot decides: read it once
        commands += self._answer_the_room(view)
        commands += self._reassess(view)
        commands += self._find_owners(troubled, fixes)
        commands += self._contact_vendors(view, troubled)
        commands += self._staff(view, troubled, fixes)
        commands += self._check_relayed(view)
        delegated, free = self._delegate(view, troubled, fixes)
        commands += delegated
        commands += self._fill_roles(view, troubled, free)
        commands += self._memorialize(view)
        commands += self._close(view)
        due = view.next_update_due()
        if "comms-lead" not in view.roles and due is not None and view.now + 30 >= due:
            commands.append(f"/update {status_text(view)}")
        return commands

    def next_look(self, view: View) -> int | None:
        """The first moment a rule of `decide` that waits on the clock starts to hold: a silent
        page's escalation, a free responder taking an empty seat, the close after clean
        dashboards, an update falling due. Every other rule answers only to what the view shows."""
        if view.ended or view.phase in (None, "resolved"):
            return None
        times = []
        timeout = view.catalog.escalation.timeout
        people = view.engaged.values()
        times += [p.since + timeout for p in people if p.status == "paged" and (p.team, p.since) not in self.escalated]
        if "comms-lead" not in view.roles or "scribe" not in view.roles:
            if view.declared_at is not None:
                times.append(view.declared_at + ROLES_URGENT)
            times += [p.since + IDLE_BEFORE_ROLE for p in people if p.status == "available"]
        if view.phase == "mitigated" and self.clean_since is not None:
            times.append(self.clean_since + MONITOR_BEFORE_RESOLVE)
        due = view.next_update_due()
        if "comms-lead" not in view.roles and due is not None:
            times.append(due - 30)
        # Each rule holds from its time on (now - since >= wait): one already past was weighed at
        # this look and, with the same view, weighs the same later.
        return min((t for t in times if t > view.now), default=None)

    def _answer_the_room(self, view: View) -> list[str]:
        commands = []
        for message in view.inbox[self.read :]:
            event = message.event
            if isinstance(event, ev.ManagerJoined):
                commands.append(f"/redirect {event.manager}")  # privately, before any theory spreads
            elif isinstance(event, ev.SalesPushed) and view.sales_pressure:
                commands.append("/qualify")  # impact evidence, not an inflated severity
            elif isinstance(event, ev.ExecutiveRequested):
                commands.append("/decline")  # the list or the fix, not both
        self.read = len(view.inbox)
        for question, (person, _) in sorted(view.questions.items()):
            commands.append(f"/dm {person} Yes, go ahead; tell me what you find.")
        for conflict, proposals in sorted(view.conflicts.items()):
            if conflict in self.settled:
                continue
            self.settled.add(conflict)
            backed = [p.split(":")[0] for p in proposals if _proposal_fix(p) in fix_suggestions(view)]
            # A fix already under way needs no second pair of hands: ask the room instead.
            underway = backed and _proposal_fix(next(p for p in proposals if p.startswith(backed[0]))) in tasks_started(view)
            commands.append(f"/decide {backed[0].lower()}" if backed and not underway else "/poll")
        return list(dict.fromkeys(commands))

    def _reassess(self, view: View) -> list[str]:
        names = view.catalog.severity_names
        now = severity_for(view, view.observed_impact)
        # Raise the severity when impact grows; never lower it mid-incident on a dip.
        if view.observed_impact > 0 and names.index(now) < names.index(view.severity):
            return [f"/sev {now}"]
        return []

    def _find_owners(self, troubled: list[str], fixes: list[str]) -> list[str]:
        """Confirm who owns each troubled service: the catalog may be stale or empty."""
        wanted = [s for s in troubled + [f.split()[1] for f in fixes] if s not in self.looked_up]
        self.looked_up.update(wanted)
        return [f"/owner {s}" for s in dict.fromkeys(wanted)]

    def _contact_vendors(self, view: View, troubled: list[str]) -> list[str]:
        """A third party's service in trouble: nobody inside can see into it, so read its status
        page and open a ticket with its support."""
        pointed = [r.points_to for r in reports(view) if r.points_to]
        wanted = [s for s in dict.fromkeys(troubled + pointed) if vendor(view, s) and s not in self.vendors_contacted]
        commands = []
        for service in wanted:
            self.vendors_contacted.add(service)
            impact = f"{view.observed_impact:.0%} of our customers affected"
            commands += [f"/status-page {service}", f"/ticket {service} Errors from {service} since our incident began; {impact}. Please investigate."]
        return commands

    def _staff(self, view: View, troubled: list[str], fixes: list[str]) -> list[str]:
        targets = [f.split()[1] for f in fixes]
        wanted = [t for s in troubled + targets for t in teams_for(view, s)]
        commands = []
        for team in dict.fromkeys(wanted):
            if team in self.paged_teams or any(p.team == team for p in view.engaged.values()):
                continue
            self.paged_teams.add(team)
            commands.append(f"/page {team}")
        timeout = view.catalog.escalation.timeout
        for person in view.engaged.values():
            key = (person.team, person.since)
            if person.status == "paged" and view.now - person.since >= timeout and key not in self.escalated:
                self.escalated.add(key)
                commands.append(f"/escalate {person.team}")
        return commands

    def _check_relayed(self, view: View) -> list[str]:
        """A relayed report may have lost a detail: ask its author for the source evidence."""
        commands = []
        for report in reports(view):
            if report.relayed_by and report.task not in self.evidence_asked:
                self.evidence_asked.add(report.task)
                commands.append(f"/evidence {report.person}")
        return commands

    def _open_fixes(self, view: View) -> list[str]:
        started = tasks_started(view)
        return [f for f in fix_suggestions(view, trust_relayed=False) if f not in started]

    def _delegate(self, view: View, troubled: list[str], fixes: list[str]) -> tuple[list[str], list[PersonView]]:
        """Tasks for free people, and who is still free afterwards."""
        commands = []
        free = [p for p in view.engaged.values() if p.status == "available"]
        confirmed = owners_confirmed(view)
        for suggestion in fixes:
            action, target = suggestion.split()
            if target not in confirmed:
                continue  # the catalog may be stale: wait for the lookup before handing out a change
            person = _pick(free, lambda p: _can_change(view, p, target))
            if person is None:
                continue
            free.remove(person)
            commands.append(f"/assign {person.id} {action} {target} {TIMEBOX}")
        pointed = [r.points_to for r in reports(view) if r.points_to]
        started = tasks_started(view)
        frontier = [s for s in troubled + pointed if f"investigate {s}" not in started]
        for service in dict.fromkeys(frontier):
            person = _pick(free, lambda p: p.team in teams_for(view, service)) or _pick(free, lambda p: True)
            if person is None:
                break
            free.remove(person)
            commands.append(f"/assign {person.id} investigate {service} {TIMEBOX}")
        return commands, free

    def _fill_roles(self, view: View, troubled: list[str], free: list[PersonView]) -> list[str]:
        """Someone with nothing to do for two minutes takes the Comms Lead seat, then the Scribe's,
        unless they are the only one of their team in the incident while it owns the root of the
        trouble (the fix will most likely need them)."""
        in_incident = [p for p in view.engaged.values() if p.status != "paged"]
        roots = _roots(view, troubled)

        # Ten minutes into a declared incident the seats cannot wait for an ideal candidate.
        urgent = view.declared_at is not None and view.now - view.declared_at >= ROLES_URGENT

        def spare(p: PersonView) -> bool:
            teammates = sum(1 for q in in_incident if q.team == p.team)
            needed = teammates == 1 and _owns_trouble(view, p, roots)
            return not needed and (urgent or view.now - p.since >= IDLE_BEFORE_ROLE)

        idle = [p for p in free if spare(p)]
        commands = []
        for role in ("comms-lead", "scribe"):
            if role not in view.roles and idle:
                commands.append(f"/role {idle.pop(0).id} {role}")
        return commands

    def _memorialize(self, view: View) -> list[str]:
        """Until a Scribe takes over, the IC pins the key moments to the timeline personally."""
        if "scribe" in view.roles:
            return []
        moments = [("declared", f"Declared {view.severity}: {view.observed_impact:.0%} of customers affected.")]
        moments += [
            (f"fix {r.task}", f"{_name(view, r.person)} did {r.action} on {r.service}.")
            for r in view.reports
            if r.action != "investigate"
        ]
        if view.phase == "mitigated":
            moments.append(("mitigated", "Mitigated: dashboards show no customer impact."))
        fresh = [(key, text) for key, text in moments if key not in self.noted]
        self.noted.update(key for key, _ in fresh)
        return [f"/note {text}" for _, text in fresh]

    def _close(self, view: View) -> list[str]:
        if view.observed_impact > 0 or view.alerts.keys() - _noise(view):
            self.clean_since = None
            return []
        if self.clean_since is None:
            self.clean_since = view.now
        if view.phase == "declared":
            return ["/mitigated"]
        if view.phase == "mitigated" and view.now - self.clean_since >= MONITOR_BEFORE_RESOLVE:
            return [f"/update {closing_text(view)}", "/resolve"]
        return []


def _proposal_fix(proposal: str) -> str:
    """'Luis: restart payments-api (evidence)' -> 'restart payments-api'."""
    return " ".join(proposal.split(":", 1)[1].split("(")[0].split())


def _triage(view: View) -> list[str]:
    """Services worth a look, the root of the trouble first: a suspect none of whose own
    dependencies look wrong is where a cause most likely sits; its dependents only echo it.
    Alerts on services whose dashboards look healthy are noise and are left alone."""
    troubled = [s for s in suspects(view) if view.health.get(s) != "ok"]
    trouble = set(troubled)
    below = {s: _depends_on_trouble(view, s, trouble) for s in troubled}
    return sorted(troubled, key=lambda s: below[s])  # stable: the critical-first order breaks ties


def _depends_on_trouble(view: View, service: str, troubled: set[str]) -> int:
    """How many troubled services sit below this one in the dependency graph."""
    return len(view.catalog.below(service) & troubled)


def _roots(view: View, troubled: list[str]) -> list[str]:
    trouble = set(troubled)
    return [s for s in troubled if not view.catalog.below(s) & trouble]


def _noise(view: View) -> set[str]:
    """Alerts firing on services whose dashboards look healthy: noise the expert learns to ignore."""
    return {a for a, s in view.alerts.items() if view.health.get(s) == "ok"}


def _name(view: View, person: str) -> str:
    return display_name(view.names, person, you="The IC")


def _owns_trouble(view: View, person: PersonView, troubled: list[str]) -> bool:
    return any(person.team in teams_for(view, s) for s in troubled)


def _can_change(view: View, person: PersonView, service: str) -> bool:
    card = view.catalog.people[person.id]
    return card.team in teams_for(view, service) or service in card.skills


def _pick(people: list[PersonView], test) -> PersonView | None:
    for person in people:
        if test(person):
            return person
    return None
