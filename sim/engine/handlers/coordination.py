"""Coordination commands: /role, /unrole, /decide, /poll, /evidence, /note."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sim.scenario import commands as c
from sim.log.clock import format_clock
from sim.engine.handlers.common import find_person, open_incident
from sim.engine.people import AWAY, OFF, PAGED, WORKING
from sim.log.events import TimelineNote

if TYPE_CHECKING:
    from sim.engine.engine import Engine


def _role(engine: Engine, command: c.Role) -> str | None:
    problem = open_incident(engine.incident)
    if problem:
        return problem
    person, problem = find_person(engine, command.person)
    if person is None:
        return problem
    roles = engine.roles
    held = roles.role_of(person.id)
    if held == command.role:
        return f"{person.name} already holds {held}"
    if held is not None:
        return f"{person.name} already holds {held}; one role each (/unrole {held} first)"
    if person.status == OFF:
        return f"{person.name} is not in the incident; page them first (/page {person.id})"
    if person.status == PAGED:
        return f"{person.name} has not acknowledged the page yet"
    if person.status == WORKING:
        task = person.task
        return f"{person.name} is busy: {task.action} {task.service}; give the role to someone free"
    if person.status == AWAY:
        return f"{person.name} is away from the incident for now; try again when they are back"
    holder = roles.holder(command.role)
    if holder is not None:
        return f"{command.role} is held by {holder.name}; /unrole {command.role} first"
    roles.fill(person, command.role)
    return None


def _unrole(engine: Engine, command: c.Unrole) -> str | None:
    if command.role not in c.ROLES:
        return f"'{command.role}' is not a role (roles: {', '.join(c.ROLES)})"
    problem = open_incident(engine.incident)
    if problem:
        return problem
    if engine.roles.holder(command.role) is None:
        return f"nobody holds {command.role}; you hold it already"
    engine.roles.release(command.role)
    return None


def _decide(engine: Engine, command: c.Decide) -> str | None:
    conflicts = engine.conflicts
    if not conflicts.open:
        return "there is no open disagreement to decide"
    person, problem = find_person(engine, command.person)
    if person is None:
        return problem
    found = conflicts.proposals_of(person.id)
    if found:
        conflict, proposal = found[0]
        conflicts.decide(conflict, proposal, "ic")
        return None
    proposals = [conflicts.say(p, evidence=False) for conflict in conflicts.open.values() for p in conflict.proposals]
    return f"{person.name} has made no proposal to decide on; the proposals are {' and '.join(proposals)}"


def _poll(engine: Engine, _: c.Poll) -> str | None:
    conflicts = engine.conflicts
    waiting = [cid for cid in conflicts.open if cid not in conflicts.polling]
    if not waiting:
        if conflicts.polling:
            settles = min(conflicts.polling.values())
            return f"a poll is already running; it settles at {format_clock(settles)}"
        return "there is no open disagreement to poll on"
    conflicts.poll(conflicts.open[waiting[0]])
    return None


def _evidence(engine: Engine, command: c.Evidence) -> str | None:
    person, problem = find_person(engine, command.person)
    if person is None:
        return problem
    roles = engine.roles
    report = roles.last_report.get(person.id)
    if report is None:
        return f"{person.name} has reported nothing yet; there is no evidence to ask for"
    if report.task in roles.evidence_pending:
        return f"you already asked {person.name} for the evidence behind that report; it is on its way"
    roles.ask_evidence(person)
    return None


def _note(engine: Engine, command: c.Note) -> str | None:
    if engine.incident.phase is None:
        return "there is no incident yet: nothing to note"
    engine.emit(TimelineNote("ic", command.text))
    return None


HANDLERS = {
    c.Role: _role,
    c.Unrole: _unrole,
    c.Decide: _decide,
    c.Poll: _poll,
    c.Evidence: _evidence,
    c.Note: _note,
}
