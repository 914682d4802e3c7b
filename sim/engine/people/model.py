"""What a responder is to the engine: where they stand in the incident (the status constants), the
task they hold, and until when they are pulled away. Every part of `sim.engine.people`, and the
roles, stakeholders and conflicts that act on people, share these; this module imports none of them.
The statuses are those the readers fold from the log (`sim.reading.staffing`), so the writer and
the readers name them alike; `AWAY` is the engine's own.
"""

from __future__ import annotations

from dataclasses import dataclass

import simpy

from sim.reading.staffing import AVAILABLE, OFF, PAGED, ROLE, WORKING  # the statuses the log shows
from sim.scenario.model import Person

AWAY = "away"  # the engine's own: the log never says when someone pulled away is back
IN_INCIDENT = (AVAILABLE, WORKING, ROLE, AWAY)  # acknowledged and not gone again
IC = "ic"  # the player, when the IC works a task personally


@dataclass
class Task:
    id: int
    action: str
    service: str
    timebox: int | None
    via: str = "named"
    given_at: int = 0  # when the IC gave it: the time-box counts from here, as the holder tells it


@dataclass
class Responder:
    id: str
    spec: Person
    name: str
    status: str = OFF
    task: Task | None = None
    away_until: int = 0  # pulled off by a manager or an executive until then
    process: simpy.Process | None = None  # the task being worked, interruptible by detours
