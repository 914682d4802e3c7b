"""The engine: a SimPy environment stepped by `advance(until)` and driven by `submit(text)`.

Everything it does lands in the event log; the player's view and every later judgement are
folds of that log. The engine holds no wall clock and no global random state: the session seed
is split into named streams (see `sim.engine.rng`). The incident's own state (phase, severity,
the IC's page, heads-down, the update cadence, `over()`) sits in one `Incident` (see
`sim.engine.incident`) that the engine owns and writes, and that its parts read.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import simpy

from sim.scenario.commands import ParseError, parse
from sim.engine.alerts import Alerts
from sim.engine.conflicts import Conflicts
from sim.engine.escalation import Escalation
from sim.engine.handlers import carry_out
from sim.engine.injects import Injects
from sim.engine.incident import DETECTED, Incident
from sim.engine.people import People
from sim.engine.roles import Roles
from sim.engine.stakeholders import Stakeholders
from sim.engine.vendors import Vendors
from sim.engine.world import World
from sim.log.events import (
    CommandIssued,
    CommandRejected,
    DrillEnded,
    DrillStarted,
    Event,
    Paged,
    PhaseChanged,
    StatusUpdate,
    TaskReported,
)
from sim.log.eventlog import Entry, EventLog, header
from sim.engine.rng import Streams
from sim.scenario.model import Alert
from sim.scenario.shared import shared
from sim.reading.view import View

if TYPE_CHECKING:
    from sim.scenario import LoadedScenario

IC = "ic"  # the player's id in the log


class Engine:
    def __init__(self, loaded: LoadedScenario, seed: int) -> None:
        self.loaded = loaded
        self.scenario = loaded.scenario
        self.seed = seed
        self.env = simpy.Environment()
        self.streams = Streams(seed)
        self.log = EventLog(header(self.scenario.scenario.id, loaded.content_hash, seed, loaded.level))
        self.shared = shared(self.scenario)  # graph, catalog, alerts: built once per scenario
        self.view = View(self.shared.catalog)
        self.log.subscribe(self.view.apply)
        self.graph = self.shared.graph
        self.incident = Incident(self.scenario.severity)
        self.world = World(self)
        self.alerts = Alerts(self)
        self.people = People(self)
        self.escalation = Escalation(self)
        self.roles = Roles(self)
        self.stakeholders = Stakeholders(self)
        self.conflicts = Conflicts(self)
        self.vendors = Vendors(self)
        self.injects = Injects(self)
        self._ids: dict[str, int] = {}
        self.time_limit = self.scenario.end.time_limit
        self.emit(DrillStarted(self.scenario.scenario.id, self.scenario.scenario.title, self.time_limit))
        self.people.start()
        self.world.start()
        self.alerts.start()
        for component in (self.escalation, self.roles, self.stakeholders, self.conflicts, self.vendors):
            component.start()

    @property
    def now(self) -> int:
        return int(self.env.now)

    @property
    def ended(self) -> bool:
        """Whether the drill has ended; what the loops that drive an engine stop on."""
        return self.incident.ended

    def next_id(self, kind: str) -> int:
        """1, 2, 3, ... per kind (questions, ...), shared by every component that makes them."""
        self._ids[kind] = self._ids.get(kind, 0) + 1
        return self._ids[kind]

    def emit(self, event: Event) -> Entry:
        return self.log.append(self.now, event)

    def advance(self, until: int) -> None:
        """Run the world up to sim time ``until`` (capped at the time limit)."""
        try:
            self._advance(until)
        finally:
            self.log.settle()  # what this step appended is on disk before anyone is shown it

    def _advance(self, until: int) -> None:
        if self.ended:
            return
        until = min(int(until), self.time_limit)
        if until > self.env.now:
            # Events due exactly at `until` run on the next call, so a command submitted at
            # `until` comes before them, as it would for a player typing at that second.
            # This is `env.run(until=until)` without the stop event it schedules and processes on
            # every call (the drive loop calls this every tick): the same events in the same
            # order (only events due before `until` are stepped), then the clock set to `until`
            # as that stop event would set it.
            env = self.env
            while env.peek() < until:
                env.step()
            env._now = float(until)  # a float, as run() leaves it
        self.view.now = self.now
        if self.now >= self.time_limit and not self.ended:
            self.end("time limit")

    def submit(self, text: str) -> bool:
        """Carry out one IC command; a command that cannot be done becomes a rejection event."""
        try:
            return self._submit(text)
        finally:
            self.log.settle()

    def _submit(self, text: str) -> bool:
        self.emit(CommandIssued(text))
        if self.ended:
            reason = "the drill has ended"
        else:
            command = parse(text)
            reason = command.reason if isinstance(command, ParseError) else carry_out(self, command)
        if reason is not None:
            self.emit(CommandRejected(text, reason))
            return False
        return True

    def inject_problem(self, request: Any) -> str | None:
        """Why a facilitator's request ({"inject": ID} or {"say": {"from": PERSON, "text": TEXT}})
        cannot be carried out now, in one line; None when it can."""
        return self.injects.problem(request)

    def inject(self, request: Any) -> str | None:
        """Carry out a facilitator's request at the current sim time: logged with the whole request
        (`inject_applied`), or, when it cannot be, with the reason (`inject_refused`), which is returned.
        A replay calls this at the same point of the drill (`sim.play.drill.drive`)."""
        try:
            return self.injects.apply(request)
        finally:
            self.log.settle()

    def deliver_report(self, report: TaskReported) -> None:
        """A finished task's report reaches the IC: directly, or relayed through the Tech Lead."""
        self.roles.deliver(report)

    # --- incident lifecycle -----------------------------------------------------------------

    def detected(self, alert: Alert) -> None:
        """A real alert fired: the incident exists and the first person paged, the IC, is you."""
        if self.incident.phase is not None:
            return
        self.set_phase(DETECTED)
        self.incident.ic_paged = True
        self.emit(Paged(IC, f"alert {alert.id}"))

    def set_phase(self, phase: str) -> None:
        self.incident.enter(phase, self.now)
        self.emit(PhaseChanged(phase))
        if phase == self.scenario.end.phase:
            self.end(phase)

    def post_update(self, text: str) -> None:
        """A status update goes out (the IC's /update or the Comms Lead's); the cadence restarts."""
        self.incident.status_posted(self.now)
        self.emit(StatusUpdate(text))

    def end(self, reason: str) -> None:
        self.incident.ended = True
        self.emit(DrillEnded(reason))
