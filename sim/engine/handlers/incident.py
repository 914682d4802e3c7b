"""The incident's own commands: acknowledge, declare, severity, page, assign, update, close."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sim.scenario import commands as c
from sim.scenario import policy
from sim.engine.handlers.common import find_person, open_incident, team_or_person, unknown_service
from sim.engine.people import AVAILABLE, OFF, PAGED, ROLE, WORKING
from sim.log.events import PageAcknowledged, SeveritySet, StatusUpdate

if TYPE_CHECKING:
    from sim.engine.engine import Engine


def _ack(engine: Engine, _: c.Ack) -> str | None:
    if not engine.ic_paged:
        return "you have not been paged; nothing to acknowledge yet"
    if engine.ic_acknowledged:
        return "you have already acknowledged your page"
    engine.ic_acknowledged = True
    engine.emit(PageAcknowledged("ic"))
    return None


def _severity_name(engine: Engine, text: str) -> tuple[str | None, str | None]:
    name = policy.named(engine.scenario.severity, text)
    if name is not None:
        return name, None
    return None, f"unknown severity '{text}'; this organisation uses {', '.join(policy.ladder(engine.scenario.severity))}"


def _declare(engine: Engine, command: c.Declare) -> str | None:
    if engine.phase is None:
        return "nothing has been detected yet; wait for an alert or a customer report"
    if engine.phase != "detected":
        return f"the incident is already declared at {engine.severity}; use /sev to change it"
    name, problem = _severity_name(engine, command.severity)
    if problem:
        return problem
    engine.severity = name
    engine.emit(SeveritySet(name, None))
    engine.set_phase("declared")
    return None


def _set_severity(engine: Engine, command: c.SetSeverity) -> str | None:
    if engine.phase in (None, "detected"):
        return "declare the incident first, e.g. /declare sev2"
    if engine.phase == "resolved":
        return "the incident is resolved"
    name, problem = _severity_name(engine, command.severity)
    if problem:
        return problem
    if name == engine.severity:
        return f"the severity is already {name}"
    previous, engine.severity = engine.severity, name
    engine.emit(SeveritySet(name, previous))
    return None


def _page(engine: Engine, command: c.Page) -> str | None:
    if engine.phase == "resolved":
        return "the incident is resolved"
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
    problem = open_incident(engine)
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
    if engine.phase in (None, "detected"):
        return "declare the incident before posting status updates"
    if engine.phase == "resolved":
        return "the incident is resolved"
    engine.emit(StatusUpdate(command.text))
    return None


def _mitigated(engine: Engine, _: c.Mitigated) -> str | None:
    if engine.phase in (None, "detected"):
        return "declare the incident first"
    if engine.phase in ("mitigated", "resolved"):
        return f"the incident is already {engine.phase}"
    impact = engine.world.observed_impact
    if impact > 0:
        return f"dashboards still show {impact:.0%} of customers affected"
    engine.set_phase("mitigated")
    return None


def _resolve(engine: Engine, _: c.Resolve) -> str | None:
    if engine.phase != "mitigated":
        return "mark the incident mitigated first (/mitigated)" if engine.phase != "resolved" else "already resolved"
    if engine.world.observed_impact > 0:
        return f"dashboards show {engine.world.observed_impact:.0%} of customers affected again; not resolved"
    engine.set_phase("resolved")
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
