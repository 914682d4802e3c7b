"""Checks that many commands share: is there an open incident, who is meant, which service.

The incident checks take the `Incident` alone: that is all they need to know.
"""

from __future__ import annotations

import difflib
from typing import TYPE_CHECKING

from sim.log.clock import format_clock

if TYPE_CHECKING:
    from sim.engine.engine import Engine
    from sim.engine.incident import Incident
    from sim.engine.people import Responder


def open_incident(incident: Incident) -> str | None:
    """Why a command needs an incident that is detected and not yet over, or None."""
    if incident.phase is None:
        return "there is no incident yet: nothing has been detected"
    return not_over(incident)


def not_over(incident: Incident) -> str | None:
    """Why a command cannot be done once the incident is over, or None.

    A command typed after the drill ended never reaches a handler (`Engine.submit` refuses it
    first), so an incident over here is a resolved one.
    """
    return "the incident is resolved" if incident.over() else None


def heads_down(incident: Incident) -> str | None:
    """Why no command but /back can be done while the IC does hands-on work, or None."""
    if incident.heads_down_until is None:
        return None
    return f"you are heads-down until {format_clock(incident.heads_down_until)}; /back to stop and read the channel"


def did_you_mean(text: str, choices: list[str]) -> str:
    close = difflib.get_close_matches(text, choices, n=1)
    return f"; did you mean {close[0]}?" if close else ""


def unknown_service(engine: Engine, service: str) -> str | None:
    if service in engine.scenario.services:
        return None
    return f"no service called '{service}'{did_you_mean(service, sorted(engine.scenario.services))}"


def find_person(engine: Engine, ref: str) -> tuple[Responder | None, str | None]:
    """A person by id, full name or unique first name, or the reason nobody (or more than one) matches.

    Every handler that takes a person comes here, and so to the one resolver every reader shares
    (`sim.reading.names.resolve_person`).
    """
    pid, problem = engine.people.resolve(ref)
    return (engine.people.by_id[pid], None) if pid is not None else (None, problem)


def team_or_person(engine: Engine, target: str) -> tuple[str | None, Responder | None, str | None]:
    """(team, None, None) for a team id, (None, person, None) for a person, else the reason."""
    if target in engine.scenario.teams:
        return target, None, None
    person, problem = find_person(engine, target)
    if person is not None:
        return None, person, None
    teams = difflib.get_close_matches(target, sorted(engine.scenario.teams), n=1)
    return None, None, (f"no person or team '{target}'; did you mean {teams[0]}?" if teams else problem)
