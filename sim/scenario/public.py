"""The public catalog: what the organisation knows before any play (and only that).

The IC's view, the TUI and the bots see the scenario only through this: services as the service
catalog lists them (a stale or missing owner included), teams, the people directory, the severity
ladder. Faults, fixes, alerts' definitions and true owners stay in the engine; what the pager
prints beside an alert (its severity label) and which third party runs a service are public.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sim.scenario import policy
from sim.scenario.model import Escalation, Scenario, Setting, SeverityPolicy


@dataclass(frozen=True)
class ServiceCard:
    name: str
    listed_owner: str | None  # what the catalog says, which may be stale or missing
    tier: int
    traffic: float
    depends_on: dict[str, str]
    monitored: bool
    vendor: str | None = None  # the third party that runs it (display name); None for an internal service


@dataclass(frozen=True)
class TeamCard:
    name: str
    manager: str | None


@dataclass(frozen=True)
class PersonCard:
    id: str
    team: str
    on_call: str
    skills: tuple[str, ...]


@dataclass(frozen=True)
class Catalog:
    scenario_id: str
    title: str
    briefing: str
    services: dict[str, ServiceCard]
    teams: dict[str, TeamCard]
    people: dict[str, PersonCard]
    severity: SeverityPolicy
    escalation: Escalation
    setting: Setting | None = None  # the hour, the day and the traffic: public, the IC knows the time
    alert_severity: dict[str, str] = field(default_factory=dict)  # alert id -> the label the pager shows
    # service -> every service it depends on, filled as asked (`below`); the catalog never changes
    _below: dict[str, frozenset[str]] = field(default_factory=dict, init=False, repr=False, compare=False)

    @classmethod
    def from_scenario(cls, scenario: Scenario) -> Catalog:
        services = {}
        for name, spec in sorted(scenario.services.items()):
            listed = None if spec.catalog_missing else (spec.catalog_owner or spec.owner)
            vendor = None if spec.vendor is None else (spec.vendor.name or name)
            services[name] = ServiceCard(name, listed, spec.tier, spec.traffic, dict(spec.depends_on), spec.monitored, vendor)
        teams = {name: TeamCard(spec.name or name, spec.manager) for name, spec in sorted(scenario.teams.items())}
        people = {
            pid: PersonCard(pid, spec.team, spec.on_call, tuple(spec.skills)) for pid, spec in sorted(scenario.people.items())
        }
        meta = scenario.scenario
        severities = {alert.id: alert.severity for alert in sorted(scenario.alerts, key=lambda a: a.id)}
        return cls(
            meta.id, meta.title, meta.briefing, services, teams, people, scenario.severity, scenario.escalation,
            scenario.setting, severities,
        )

    def below(self, service: str) -> frozenset[str]:
        """Every listed service `service` depends on, directly or not (the catalog's edges to a
        service it does not list lead nowhere). Worked out once per service: the catalog is shared
        by every drill of its scenario (`sim.scenario.shared`)."""
        found = self._below.get(service)
        if found is None:
            seen: set[str] = set()
            stack = list(self.services[service].depends_on)
            while stack:
                dep = stack.pop()
                if dep in seen or dep not in self.services:
                    continue
                seen.add(dep)
                stack.extend(self.services[dep].depends_on)
            found = self._below[service] = frozenset(seen)
        return found

    @property
    def severity_names(self) -> list[str]:
        return policy.ladder(self.severity)
