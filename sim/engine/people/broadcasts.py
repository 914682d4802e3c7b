"""Broadcast asks ("can someone ..." in the channel, /ask): maybe somebody free picks it up, late,
the service's owners first; maybe nobody does and the ask goes unanswered. Whether and when is
drawn once, when the ask is made.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sim.scenario import graph as g
from sim.engine.people.model import AVAILABLE, Responder
from sim.log.events import BroadcastAsked, BroadcastUnanswered

if TYPE_CHECKING:
    from sim.engine.engine import Engine
    from sim.engine.people.roster import People


class Broadcasts:
    def __init__(self, engine: Engine, people: People) -> None:
        self.engine = engine
        self.people = people
        self.incident = engine.incident
        self.open: set[tuple[str, str]] = set()  # open asks: (action, service)

    def ask(self, action: str, service: str) -> None:
        """'Can someone ...': maybe somebody picks it up, late; maybe nobody does."""
        behaviour = self.engine.scenario.behaviour
        rng = self.engine.streams.get("broadcast")
        picked = bool(rng.random() < behaviour.broadcast_pickup)
        delay = max(1, int(rng.exponential(behaviour.broadcast_delay)))
        self.open.add((action, service))
        self.engine.emit(BroadcastAsked(action, service))
        self.engine.env.process(self._broadcast(action, service, picked, delay))

    def _broadcast(self, action: str, service: str, picked: bool, delay: int):
        env = self.engine.env
        give_up = self.engine.now + 2 * self.engine.scenario.behaviour.broadcast_delay
        if picked:
            yield env.timeout(delay)
            volunteer = self._volunteer(action, service)
            if volunteer is not None and not self.incident.over():
                self.open.discard((action, service))
                self.people.assign(volunteer, action, service, None, via="broadcast")
                return
        if env.now < give_up:
            yield env.timeout(give_up - env.now)
        self.open.discard((action, service))
        if not self.incident.over():
            self.engine.emit(BroadcastUnanswered(action, service))

    def _volunteer(self, action: str, service: str) -> Responder | None:
        """Someone free who could do it, the service's owners first, then in id order."""
        now = self.engine.now
        owner = g.owner(self.engine.graph, service)
        free = [
            r for r in self.people.by_id.values()
            if r.status == AVAILABLE and r.away_until <= now and (action == "investigate" or self.people.can_work_on(r, service))
        ]
        free.sort(key=lambda r: (r.spec.team != owner, r.id))
        return free[0] if free else None
