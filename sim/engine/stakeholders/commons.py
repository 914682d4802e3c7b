"""The stakeholders' commons: what every stakeholder process shares. Sleeping until a moment or
until something they watch changes (a status update, the phase, the severity, a task given, an IC
answer), knowing whether the status update is late, and the responders they may act on. Waking on
a change rather than polling keeps every timing exact to the second.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sim.log import events as ev
from sim.engine.people import AVAILABLE, WORKING, Responder
from sim.log.eventlog import Entry

if TYPE_CHECKING:
    from sim.engine.engine import Engine

_WATCHED = (ev.PhaseChanged, ev.StatusUpdate, ev.SeveritySet, ev.TaskAssigned)


class Commons:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.incident = engine.incident
        spec = engine.scenario.stakeholders
        self.ids = {m.person for m in spec.managers}  # stakeholders are never acted on as responders
        if spec.head_of_sales is not None:
            self.ids.add(spec.head_of_sales.person)
        if spec.executive is not None:
            self.ids.add(spec.executive.person)
        self._changed = engine.env.event()

    # --- waiting ------------------------------------------------------------------------------

    def hear(self, entry: Entry) -> None:
        if isinstance(entry.event, _WATCHED):
            self.poke()

    def poke(self) -> None:
        """Wake every stakeholder process: something they watch has changed."""
        if not self._changed.triggered:
            self._changed.succeed()
        self._changed = self.engine.env.event()

    def wait(self, until: int | None):
        """Sleep until sim time `until` (None: no limit) or the next change, whichever is first."""
        env = self.engine.env
        events = [self._changed]
        if until is not None:
            events.append(env.timeout(max(0, int(until) - self.engine.now)))
        yield env.any_of(events)

    def sleep_until(self, t: int):
        if t > self.engine.now:
            yield self.engine.env.timeout(int(t) - self.engine.now)

    def until_detected(self):
        while self.incident.phase is None:
            yield from self.wait(None)

    def late_by(self, grace: int = 0) -> int | None:
        """Seconds the status update is overdue beyond `grace`, when it is; None when it is not."""
        due = self.incident.next_update_due()
        if due is None or self.engine.now <= due + grace:
            return None
        return self.engine.now - due

    # --- people to act on ----------------------------------------------------------------------

    def free_to_act(self, r: Responder) -> bool:
        """In the incident, at hand (not pulled away) and not one of the stakeholders."""
        return r.id not in self.ids and r.status in (WORKING, AVAILABLE) and r.away_until <= self.engine.now

    def responders(self, status: str) -> list[Responder]:
        people = self.engine.people.by_id
        return [people[pid] for pid in sorted(people) if people[pid].status == status and self.free_to_act(people[pid])]

    def pull(self, r: Responder, by: str, seconds: int) -> None:
        self.engine.emit(ev.PulledOff(r.id, by, seconds))
        self.engine.people.detour(r, seconds)
