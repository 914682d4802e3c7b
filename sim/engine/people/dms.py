"""Direct messages the IC sends that answer no question: the person replies, a little later, from
their own post (`DmReplied`, worded by the phrasebook). What they say is only what they would know:
the task they hold and how much of its time-box is left, the role they hold, that they are free, or
that they are not on this incident. Never which fault is playing.

Who replies when:
- in the incident: after a short delay drawn from the "dm-replies" stream; someone a manager or the
  executive pulled away replies once back;
- not in the incident, awake: the same delay, "I'm not on this incident; page me if you need me";
- paged and not yet in, asleep, on a plane or without connectivity: nothing now; the DM waits
  unread and is answered once they acknowledge a page (so never, for someone who never does);
- a stakeholder already in the channel (a manager, the Head of Sales, the executive): a short
  reply in character. One who has not shown up is treated like anyone else, so a DM never tells
  who is a stakeholder before they speak.

A reply earns nothing in the scorecard: it says what the IC could have read off the room anyway.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sim.engine.people.model import AWAY, IN_INCIDENT, OFF, ROLE, WORKING, Responder
from sim.log.events import DmReplied

if TYPE_CHECKING:
    from sim.engine.engine import Engine

REPLY_AFTER = 20  # seconds: nobody types an answer faster than this
REPLY_SPREAD = 40  # mean of the exponential wait on top: people finish a thought before answering


class DirectMessages:
    def __init__(self, engine: Engine, reach: dict[str, str]) -> None:
        self.engine = engine
        self.reach = reach  # person -> reachability as it truly is in this session
        self.unread: set[str] = set()  # DMs waiting for the person to come into the incident

    def _delay(self) -> int:
        rng = self.engine.streams.get("dm-replies")
        return REPLY_AFTER + int(rng.exponential(REPLY_SPREAD))

    def send(self, r: Responder) -> None:
        """The IC's DM reaches `r` (it answered no question): schedule their reply, or keep it unread."""
        delay = self._delay()  # drawn for every DM, so whether one is answered moves no later draw
        in_character = self.engine.stakeholders.in_the_room(r.id)
        if in_character is not None:
            self.engine.env.process(self._reply(r, delay, in_character))
        elif r.status in IN_INCIDENT or (r.status == OFF and self.reach[r.id] == "awake"):
            self.engine.env.process(self._reply(r, delay))
        else:
            self.unread.add(r.id)

    def joined(self, r: Responder) -> None:
        """`r` acknowledged a page: a DM they had not read is answered now, after the usual delay."""
        if r.id in self.unread:
            self.unread.discard(r.id)
            self.engine.env.process(self._reply(r, self._delay()))

    def _reply(self, r: Responder, delay: int, in_character: str | None = None):
        env = self.engine.env
        yield env.timeout(delay)
        while in_character is None and r.status == AWAY and env.now < r.away_until:
            yield env.timeout(r.away_until - env.now)  # pulled away: they answer once back
        if self.engine.incident.over():
            return
        # A stakeholder's topic is who they are (manager, sales, executive): the phrasebook has the words.
        self.engine.emit(DmReplied(r.id, in_character, None, None, None) if in_character else self._from_post(r))

    def _from_post(self, r: Responder) -> DmReplied:
        task = r.task
        if r.status == WORKING and task is not None:
            left = None if task.timebox is None else task.given_at + task.timebox - self.engine.now
            return DmReplied(r.id, "working", f"{task.action} {task.service}", left, None)
        if r.status == ROLE:
            return DmReplied(r.id, "role", None, None, self.engine.roles.role_of(r.id))
        if r.status in IN_INCIDENT:
            return DmReplied(r.id, "free", None, None, None)
        return DmReplied(r.id, "not-in-incident", None, None, None)

