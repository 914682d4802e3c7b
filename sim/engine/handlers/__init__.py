"""What each IC command does, and the reason it is refused when it cannot be done now.

Each handler returns None when the command was carried out, or the reason a player reads.
Reasons name what to do instead; they never reveal the hidden truth of the scenario.
Handlers are grouped by what they act on: the incident, the staff, the stakeholders, coordination, vendors.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sim.scenario import commands as c
from sim.engine.handlers import coordination, incident, staffing, stakeholders, vendors
from sim.engine.handlers.common import heads_down

if TYPE_CHECKING:
    from sim.engine.engine import Engine

_HANDLERS = {**incident.HANDLERS, **staffing.HANDLERS, **stakeholders.HANDLERS, **coordination.HANDLERS,
             **vendors.HANDLERS}


def carry_out(engine: Engine, command: c.Command) -> str | None:
    problem = None if isinstance(command, c.Back) else heads_down(engine.incident)
    return problem or _HANDLERS[type(command)](engine, command)
