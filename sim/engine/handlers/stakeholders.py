"""Commands that answer the stakeholders (managers, the Head of Sales, the executive): /redirect,
/authority, /qualify, /grant, /decline.

The mechanics live in `sim.engine.stakeholders`; these handlers check that the command makes
sense now and say why not in words the player reads. A refusal never tells whether someone is a
stakeholder of the scenario before they have shown up in the channel.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sim.scenario import commands as c
from sim.engine.handlers.common import find_person, open_incident
from sim.engine.stakeholders import ManagerState
from sim.reading.names import display_name

if TYPE_CHECKING:
    from sim.engine.engine import Engine


def _manager(engine: Engine, ref: str) -> tuple[ManagerState | None, str | None]:
    """A manager who has joined the channel, by id, full name or first name, or why not."""
    stakeholders = engine.stakeholders
    if ref in stakeholders.managers and ref not in engine.people.by_id:
        pid, name = ref, ref  # a manager the directory does not list goes by their id
    else:
        person, problem = find_person(engine, ref)
        if person is None:
            return None, problem
        pid, name = person.id, person.name
    manager = stakeholders.joined_manager(pid)
    if manager is None:
        return None, f"{name} is not a manager in the incident channel"
    return manager, None


def _redirect(engine: Engine, command: c.Redirect) -> str | None:
    problem = open_incident(engine.incident)
    if problem:
        return problem
    manager, problem = _manager(engine, command.manager)
    if manager is None:
        return problem
    name = display_name(engine.view.names, manager.id)
    if manager.authority:
        return f"{name} has already lent you their authority; requests come through you"
    if manager.redirected:
        return f"you already asked {name} to bring requests through you"
    engine.stakeholders.redirect(manager)
    return None


def _authority(engine: Engine, command: c.Authority) -> str | None:
    problem = open_incident(engine.incident)
    if problem:
        return problem
    manager, problem = _manager(engine, command.manager)
    if manager is None:
        return problem
    if manager.authority:
        return f"{display_name(engine.view.names, manager.id)} has already lent you their authority"
    engine.stakeholders.lend_authority(manager)
    return None


def _qualify(engine: Engine, _: c.Qualify) -> str | None:
    problem = open_incident(engine.incident)
    if problem:
        return problem
    if not engine.stakeholders.pushing():
        return "nobody is pushing for a higher severity right now"
    engine.stakeholders.qualify()
    return None


def _answer(engine: Engine, grant: bool) -> str | None:
    problem = open_incident(engine.incident)
    if problem:
        return problem
    if not engine.stakeholders.request_open():
        return "no executive request is waiting for an answer"
    if grant:
        engine.stakeholders.grant()
    else:
        engine.stakeholders.decline()
    return None


def _grant(engine: Engine, _: c.Grant) -> str | None:
    return _answer(engine, grant=True)


def _decline(engine: Engine, _: c.Decline) -> str | None:
    return _answer(engine, grant=False)


HANDLERS = {c.Redirect: _redirect, c.Authority: _authority, c.Qualify: _qualify, c.Grant: _grant, c.Decline: _decline}
