"""Incident roles held by responders: Comms Lead, Scribe, Tech Lead, Deputy, liaisons.

The IC holds every role nobody fills. Reports reach the IC through `deliver`, so that a Tech Lead
can relay them (and, like any relay, sometimes lose a detail).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sim.events import TaskReported

if TYPE_CHECKING:
    from sim.engine.engine import Engine


class Roles:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.holders: dict[str, str] = {}  # role -> person id

    def start(self) -> None:
        pass

    def deliver(self, report: TaskReported) -> None:
        self.engine.emit(report)
