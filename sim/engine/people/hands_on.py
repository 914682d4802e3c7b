"""The IC's own hands-on work (/handson, /back): the same work a responder does, done by the one
person who should be coordinating instead. The IC goes heads-down until the task is done (commands
are refused meanwhile and the channel piles up); /back drops the work unfinished.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import simpy

from sim.engine.people.model import IC, Task
from sim.engine.people.tasks import TaskWork, apply_fix, base_duration, investigate
from sim.log.events import HeadsDown, HeadsUp, TaskReported

if TYPE_CHECKING:
    from sim.engine.engine import Engine


class HandsOn:
    def __init__(self, engine: Engine, work: TaskWork) -> None:
        self.engine = engine
        self.work = work
        self.incident = engine.incident
        self._process: simpy.Process | None = None

    def start(self, action: str, service: str) -> int:
        """The IC does a task personally and goes heads-down; returns when it will be done."""
        task = Task(self.work.take_task_id(), action, service, None, "hands-on")
        factor = self.engine.scenario.behaviour.hands_on_factor
        until = self.engine.now + max(1, int(base_duration(self.engine, task) * factor))
        self.incident.heads_down_until = until
        self.engine.emit(HeadsDown(action, service, until))
        self._process = self.engine.env.process(self._heads_down(task, until))
        return until

    def _heads_down(self, task: Task, until: int):
        try:
            yield self.engine.env.timeout(until - self.engine.now)
        except simpy.Interrupt:
            return  # /back: the work is dropped unfinished
        self._process = None
        if task.action == "investigate":
            report = investigate(self.engine, IC, task)
        else:
            report = apply_fix(self.engine, IC, task, lambda teams, named: True)  # the IC has every access
        self.engine.deliver_report(report)
        self._heads_up()

    def back(self) -> None:
        """/back: stop the hands-on work now, with no result, and read what piled up."""
        if self._process is not None and self._process.is_alive:
            self._process.interrupt("back")
        self._process = None
        self._heads_up()

    def _heads_up(self) -> None:
        held = [m for m in self.engine.view.held if not (isinstance(m.event, TaskReported) and m.event.person == IC)]
        self.incident.heads_down_until = None
        self.engine.emit(HeadsUp(len(held)))
