"""What a responder is to the engine: where they stand in the incident (the status constants), the
task they hold, and until when they are pulled away. Every part of `sim.engine.people`, and the
roles, stakeholders and conflicts that act on people, share these; this module imports none of them.
"""

from __future__ import annotations

from dataclasses import dataclass

import simpy

from sim.scenario.model import Person

OFF, PAGED, AVAILABLE, WORKING, ROLE, AWAY = "off", "paged", "available", "working", "role", "away"
IN_INCIDENT = (AVAILABLE, WORKING, ROLE, AWAY)  # acknowledged and not gone again
IC = "ic"  # the player, when the IC works a task personally


@dataclass
class Task:
    id: int
    action: str
    service: str
    timebox: int | None
    via: str = "named"


@dataclass
class Responder:
    id: str
    spec: Person
    name: str
    status: str = OFF
    task: Task | None = None
    away_until: int = 0  # pulled off by a manager or an executive until then
    process: simpy.Process | None = None  # the task being worked, interruptible by detours
