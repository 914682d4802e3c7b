"""The Scribe: while someone holds the role, each key moment of the incident (severity, phase,
escalations, fixes, disagreements and their outcome, status updates, source evidence) becomes a
line in the timeline, written shortly after it happens, in the narrator's words
(`sim.reading.narrate`, the same phrasebook the report and the debrief read). The log listener only notices the moment;
the note comes from a process after the Scribe's lag, so the listener itself never emits.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sim.log import events as ev
from sim.log.eventlog import Entry
from sim.reading.narrate import THE_IC, Cast, story

if TYPE_CHECKING:
    from sim.engine.engine import Engine
    from sim.engine.roles.holders import Roles

SCRIBE = "scribe"


class Scribe:
    def __init__(self, engine: Engine, roles: Roles) -> None:
        self.engine = engine
        self.roles = roles
        self.behaviour = engine.scenario.behaviour

    def on_entry(self, entry: Entry) -> None:
        scribe = self.roles.holders.get(SCRIBE)
        if scribe is None:
            return
        text = self._moment(entry.event)
        if text is not None:
            self.engine.env.process(self._write(scribe, self.roles.tenure(SCRIBE), text))

    def _write(self, scribe: str, tenure: int, text: str):
        rng = self.engine.streams.get("scribe")
        yield self.engine.env.timeout(int(rng.integers(self.behaviour.scribe_lag // 4, self.behaviour.scribe_lag + 1)))
        if self.roles.holds(SCRIBE, scribe, tenure) and not self.engine.ended:
            self.engine.emit(ev.TimelineNote(scribe, text))

    def _moment(self, e: ev.Event) -> str | None:
        """A key moment's line in the timeline, in the narrator's words, or None for an event the
        Scribe lets pass."""
        if not _noted(e):
            return None
        return story(e, THE_IC, Cast(self.engine.people.names))


_NOTED = (ev.SeveritySet, ev.PhaseChanged, ev.Escalated, ev.ConflictRaised, ev.ConflictDecided, ev.StatusUpdate, ev.EvidenceShared)


def _noted(e: ev.Event) -> bool:
    """The moments the Scribe writes down: severity, phase, escalations, fixes reported,
    disagreements and their outcome, status updates, source evidence."""
    if isinstance(e, ev.TaskReported):
        return e.action != "investigate"
    return isinstance(e, _NOTED)
