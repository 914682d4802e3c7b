"""The incident's own commands: acknowledge, declare, severity, page, assign, update, close."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sim.scenario import commands as c
from sim.scenario import policy
from sim.engine.handlers.common import find_person, not_over, open_incident, team_or_person, unknown_service
from sim.engine.incident import DECLARED, DETECTED, MITIGATED, RESOLVED
from sim.engine.people import AVAILABLE, OFF, PAGED, ROLE, WORKING
from sim.log.events import PageAcknowledged, SeveritySet

if TYPE_CHECKING:
    from sim.engine.engine import Engine


def _ack(engine: Engine, _: c.Ack) -> str | None:
    incident = engine.incident
    if not incident.ic_paged:
        return "you have not been paged; nothing to acknowledge yet"
    if incident.ic_acknowledged:
        return "you have already acknowledged your page"
    incident.ic_acknowledged = True
    engine.emit(PageAcknowledged("ic"))
    return None


def _severity_name(engine: Engine, text: str) -> tuple[str | None, str | None]:
    name = policy.named(engine.scenario.severity, text)
    if name is not None:
        return name, None
    return None, f"unknown severity '{text}'; this organisation uses {', '.join(policy.ladder(engine.scenario.severity))}"


def _declare(engine: Engine, command: c.Declare) -> str | None:
    incident = engine.incident
    if incident.phase is None:
        return "nothing has been detected yet; wait for an alert or a customer report"
    if incident.phase != DETECTED:
        return f"the incident is already declared at {incident.severity}; use /sev to change it"
    name, problem = _severity_name(engine, command.severity)
    if problem:
        return problem
    incident.severity = name
    engine.emit(SeveritySet(name, None))
    engine.set_phase(DECLARED)
    return None


def _set_severity(engine: Engine, command: c.SetSeverity) -> str | None:
    incident = engine.incident
    if incident.phase in (None, DETECTED):
        return "declare the incident first, e.g. /declare sev2"
    problem = not_over(incident)
    if problem:
        return problem
    name, problem = _severity_name(engine, command.severity)
    if problem:
        return problem
    if name == incident.severity:
        return f"the severity is already {name}"
    previous, incident.severity = incident.severity, name
    engine.emit(SeveritySet(name, previous))
    return None


def _page(engine: Engine, command: c.Page) -> str | None:
    problem = not_over(engine.incident)  # paging needs no incident yet: an IC may staff up early
    if problem:
        return problem
    team, person, problem = team_or_person(engine, command.target)
    if problem:
        return problem
    if team is not None:
        person = engine.people.on_call(team)
        if person is None:
            return f"team {team} has nobody on call; page a person by name"
    if person.status == PAGED:
        return f"{person.name} was paged already; waiting for an acknowledgement"
    if person.status in (AVAILABLE, WORKING, ROLE):
        return f"{person.name} is already in the incident"
    engine.people.page(person, "ic")
    return None


def _assign(engine: Engine, command: c.Assign) -> str | None:
    problem = open_incident(engine.incident)
    if problem:
        return problem
    person, problem = find_person(engine, command.person)
    if person is None:
        return problem
    problem = unknown_service(engine, command.service)
    if problem:
        return problem
    if person.status == OFF:
        return f"{person.name} is not in the incident; page them first (/page {person.id})"
    if person.status == PAGED:
        return f"{person.name} has not acknowledged the page yet"
    if person.status == ROLE:
        role = engine.roles.role_of(person.id)
        return f"{person.name} holds {role}; /unrole {role} first"
    if person.status == WORKING:
        task = person.task
        return f"{person.name} is busy: {task.action} {task.service}; wait for the report"
    if command.action != "investigate" and not engine.people.can_work_on(person, command.service):
        return f"{person.name} ({person.spec.team}) has no access to change {command.service}; find its owner"
    engine.people.assign(person, command.action, command.service, command.timebox)
    return None


def _update(engine: Engine, command: c.Update) -> str | None:
    if engine.incident.phase in (None, DETECTED):
        return "declare the incident before posting status updates"
    problem = not_over(engine.incident)
    if problem:
        return problem
    engine.post_update(command.text)
    return None


def _mitigated(engine: Engine, _: c.Mitigated) -> str | None:
    phase = engine.incident.phase
    if phase in (None, DETECTED):
        return "declare the incident first"
    if phase in (MITIGATED, RESOLVED):
        return f"the incident is already {phase}"
    impact = engine.world.observed_impact
    if impact > 0:
        return f"dashboards still show {impact:.0%} of customers affected"
    engine.set_phase(MITIGATED)
    return None


def _resolve(engine: Engine, _: c.Resolve) -> str | None:
    phase = engine.incident.phase
    if phase != MITIGATED:
        return "mark the incident mitigated first (/mitigated)" if phase != RESOLVED else "already resolved"
    if engine.world.observed_impact > 0:
        return f"dashboards show {engine.world.observed_impact:.0%} of customers affected again; not resolved"
    engine.set_phase(RESOLVED)
    return None


HANDLERS = {
    c.Ack: _ack,
    c.Declare: _declare,
    c.SetSeverity: _set_severity,
    c.Page: _page,
    c.Assign: _assign,
    c.Update: _update,
    c.Mitigated: _mitigated,
    c.Resolve: _resolve,
}
