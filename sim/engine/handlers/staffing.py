"""Staffing commands: /owner, /escalate, /ask (broadcast), /handson, /back, /dm."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sim.scenario import commands as c
from sim.log.clock import format_clock
from sim.engine.handlers.common import find_person, not_over, open_incident, team_or_person, unknown_service

if TYPE_CHECKING:
    from sim.engine.engine import Engine


def _owner(engine: Engine, command: c.Owner) -> str | None:
    problem = unknown_service(engine, command.service)
    if problem:
        return problem
    if engine.vendors.runs(command.service):
        # Nobody inside owns it: the directory names the vendor, and the reply points at its
        # status page and support desk.
        engine.vendors.name_owner(command.service)
        return None
    escalation = engine.escalation
    if command.service in escalation.lookups:
        ends = escalation.lookups[command.service]
        return f"already looking up who owns {command.service}; the answer comes at {format_clock(ends)}"
    if command.service in escalation.found:
        return f"you already found the owner: {command.service} is owned by {escalation.found[command.service]}"
    escalation.look_up_owner(command.service)
    return None


def _escalate(engine: Engine, command: c.Escalate) -> str | None:
    problem = not_over(engine.incident)
    if problem:
        return problem
    team, person, problem = team_or_person(engine, command.target)
    if problem:
        return problem
    team = team or person.spec.team
    escalation = engine.escalation
    if not escalation.was_paged(team):
        return f"nobody on {team} has been paged yet; page them first (/page {team})"
    answered = escalation.answered(team)
    if answered is not None:
        return f"{answered.name} ({team}) already acknowledged; no need to escalate"
    if escalation.next_on_path(team) is None:
        steps = ", ".join(r.name for r in escalation.path(team)) or "nobody"
        return f"the escalation path of {team} is exhausted ({steps} paged); page someone else by name"
    escalation.escalate(team, "ic")
    return None


def _ask(engine: Engine, command: c.Ask) -> str | None:
    problem = open_incident(engine.incident) or unknown_service(engine, command.service)
    if problem:
        return problem
    people = engine.people
    if not people.in_incident():
        return "nobody is in the incident yet to hear it; page someone first"
    if (command.action, command.service) in people.broadcasts:
        return f"you already asked for '{command.action} {command.service}'; nobody has picked it up yet"
    people.broadcast(command.action, command.service)
    return None


def _hands_on(engine: Engine, command: c.HandsOn) -> str | None:
    problem = open_incident(engine.incident) or unknown_service(engine, command.service)
    if problem:
        return problem
    engine.people.hands_on(command.action, command.service)
    return None


def _back(engine: Engine, _: c.Back) -> str | None:
    if engine.incident.heads_down_until is None:
        return "you are not heads-down; /handson ACTION SERVICE does a task yourself"
    engine.people.back()
    return None


def _dm(engine: Engine, command: c.Dm) -> str | None:
    person, problem = find_person(engine, command.person)
    if person is None:
        return problem
    if not engine.people.answer(person, command.text):
        engine.people.message(person)  # no open question: they reply from their post, a little later
    return None


HANDLERS = {c.Owner: _owner, c.Escalate: _escalate, c.Ask: _ask, c.HandsOn: _hands_on, c.Back: _back, c.Dm: _dm}
