"""Ownership and escalation: who really owns a service, and who to page when nobody answers.

A team's escalation path is its primary on-call, then its secondary, then its manager (who
answers for sure unless on a plane or without connectivity, and slowly when asleep). The IC escalates with /escalate; when the IC does not, the paging policy does,
`escalation.policy_after` after the last page on that team went unanswered: slowly, which is the
point. Owner lookups (/owner) dig the true owner out of commits and the org chart, which takes
`behaviour.owner_lookup`; until then the view shows what the (possibly stale) catalog lists.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sim.log.events import Escalated, OwnerFound, OwnerLookupStarted
from sim.scenario.paging import escalation_paths
from sim.scenario.shared import per_scenario

if TYPE_CHECKING:
    from sim.engine.engine import Engine
    from sim.engine.people import Responder

IC, POLICY = "ic", "policy"


class Escalation:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.incident = engine.incident
        self._paths: dict[str, tuple[Responder, ...]] = {}  # team -> its escalation path, worked out once
        self._teams: dict[str, tuple[Responder, ...]] = {}  # team -> its members and its path, by id
        self._pages: dict[str, int] = {}  # team -> pages sent on its path so far
        self.lookups: dict[str, int] = {}  # service -> when its running owner lookup ends
        self.found: dict[str, str] = {}  # service -> true owner team, once looked up

    def start(self) -> None:
        pass

    # --- escalation paths --------------------------------------------------------------------

    def path(self, team: str) -> list[Responder]:
        """Primary on-call, secondary on-call, then the team's manager."""
        found = self._paths.get(team)
        if found is None:
            found = self._paths[team] = self._path(team)
        return list(found)

    def _path(self, team: str) -> tuple[Responder, ...]:
        # The directory and the teams do not change during a drill: the paths are worked out once
        # per scenario (`sim.scenario.paging`, the rule lint reasons with too), not at every page.
        scenario = self.engine.scenario
        ids = per_scenario(scenario, escalation_paths, lambda: escalation_paths(scenario)).get(team, ())
        people = self.engine.people.by_id
        return tuple(people[pid] for pid in ids)

    def _members(self, team: str) -> tuple[Responder, ...]:
        found = self._teams.get(team)
        if found is None:
            found = self._teams[team] = self._members_of(team)
        return found

    def _members_of(self, team: str) -> tuple[Responder, ...]:
        people = self.engine.people.by_id
        members = {pid: r for pid, r in people.items() if r.spec.team == team}
        members.update({r.id: r for r in self.path(team)})
        return tuple(members[pid] for pid in sorted(members))

    def answered(self, team: str) -> Responder | None:
        """Someone of the team (or its manager) who acknowledged a page, if anyone did."""
        acked = self.engine.people.acknowledged
        return next((r for r in self._members(team) if r.id in acked), None)

    def was_paged(self, team: str) -> bool:
        paged = self.engine.people.paged_at
        return any(r.id in paged for r in self._members(team))

    def next_on_path(self, team: str) -> Responder | None:
        people = self.engine.people
        return next((r for r in self.path(team) if r.id not in people.paged_at and r.status == "off"), None)

    def escalate(self, team: str, by: str) -> Responder | None:
        """Page the next person on the team's path; None when the path is exhausted."""
        person = self.next_on_path(team)
        if person is None:
            return None
        self.engine.emit(Escalated(team, person.id, by))
        manager = self.engine.scenario.teams[team].manager
        self.engine.people.page(person, by, team=team, sure=person.id == manager)
        return person

    def watch(self, team: str) -> None:
        """A page went out on `team`'s path: unanswered, the policy escalates after policy_after."""
        if team not in self.engine.scenario.teams:
            return
        self._pages[team] = self._pages.get(team, 0) + 1
        self.engine.env.process(self._policy(team, self._pages[team]))

    def _policy(self, team: str, page: int):
        yield self.engine.env.timeout(self.engine.scenario.escalation.policy_after)
        if self._pages.get(team) != page:
            return  # a later page on this team (an escalation, say) restarted the clock
        if self.incident.over() or self.answered(team) is not None:
            return
        self.escalate(team, POLICY)

    # --- owners ------------------------------------------------------------------------------

    def look_up_owner(self, service: str) -> None:
        ends = self.engine.now + self.engine.scenario.behaviour.owner_lookup
        self.lookups[service] = ends
        self.engine.emit(OwnerLookupStarted(service))
        self.engine.env.process(self._look_up(service, ends))

    def _look_up(self, service: str, ends: int):
        yield self.engine.env.timeout(ends - self.engine.now)
        team = self.engine.scenario.services[service].owner
        del self.lookups[service]
        self.found[service] = team
        self.engine.emit(OwnerFound(service, team))
