"""The playbook IC: impact before severity, named delegation with time-boxes, updates on cadence,
and the fix the investigation points to."""

from __future__ import annotations

from sim.bots.base import Bot, owner, reports, severity_for, status_text, suspects
from sim.view import PersonView, View

TIMEBOX = "10m"
MONITOR_BEFORE_RESOLVE = 180  # seconds of clean dashboards before closing


class ExpertBot(Bot):
    name = "expert"

    def __init__(self) -> None:
        self.investigated: set[str] = set()
        self.fixes_done: set[str] = set()
        self.paged_teams: set[str] = set()
        self.clean_since: int | None = None

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
        commands += self._reassess(view)
        commands += self._staff(view)
        commands += self._delegate(view)
        commands += self._close(view)
        due = view.next_update_due()
        if due is not None and view.now + 30 >= due and view.phase != "resolved":
            commands.append(f"/update {status_text(view)}")
        return commands

    def _reassess(self, view: View) -> list[str]:
        names = [level.name for level in view.catalog.severity.levels]
        now = severity_for(view, view.observed_impact)
        # Raise the severity when impact grows; never lower it mid-incident on a dip.
        if view.observed_impact > 0 and names.index(now) < names.index(view.severity):
            return [f"/sev {now}"]
        return []

    def _staff(self, view: View) -> list[str]:
        wanted = [owner(view, s) for s in suspects(view)] + [owner(view, r.suggests.split()[1]) for r in self._open_fixes(view)]
        commands = []
        for team in dict.fromkeys(wanted):
            if team in self.paged_teams or any(p.team == team and p.status != "off" for p in view.people.values()):
                continue
            self.paged_teams.add(team)
            commands.append(f"/page {team}")
        return commands

    def _open_fixes(self, view: View):
        return [r for r in reports(view) if r.suggests and r.suggests not in self.fixes_done]

    def _delegate(self, view: View) -> list[str]:
        commands = []
        free = [p for p in view.people.values() if p.status == "available"]
        for report in self._open_fixes(view):
            action, target = report.suggests.split()
            person = _pick(free, lambda p: _can_change(view, p, target))
            if person is None:
                continue
            free.remove(person)
            self.fixes_done.add(report.suggests)
            commands.append(f"/assign {person.id} {action} {target} {TIMEBOX}")
        frontier = [s for s in suspects(view) + self._pointed(view) if s not in self.investigated]
        for service in dict.fromkeys(frontier):
            person = _pick(free, lambda p: p.team == owner(view, service)) or _pick(free, lambda p: True)
            if person is None:
                break
            free.remove(person)
            self.investigated.add(service)
            commands.append(f"/assign {person.id} investigate {service} {TIMEBOX}")
        return commands

    def _pointed(self, view: View) -> list[str]:
        return [r.points_to for r in reports(view) if r.points_to]

    def _close(self, view: View) -> list[str]:
        if view.observed_impact > 0 or view.alerts.keys() - _noise_free(view):
            self.clean_since = None
            return []
        if self.clean_since is None:
            self.clean_since = view.now
        if view.phase == "declared":
            return ["/mitigated"]
        if view.phase == "mitigated" and view.now - self.clean_since >= MONITOR_BEFORE_RESOLVE:
            return [f"/update {status_text(view)} Resolved.", "/resolve"]
        return []


def _noise_free(view: View) -> set[str]:
    """Alerts firing on services whose dashboards look healthy: noise the expert learns to ignore."""
    return {a for a, s in view.alerts.items() if view.health.get(s) == "ok"}


def _can_change(view: View, person: PersonView, service: str) -> bool:
    spec = view.catalog.people[person.id]
    return spec.team == owner(view, service) or service in spec.skills


def _pick(people: list[PersonView], test) -> PersonView | None:
    for person in people:
        if test(person):
            return person
    return None
