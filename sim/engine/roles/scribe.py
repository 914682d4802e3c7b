"""The Scribe: while someone holds the role, each key moment of the incident (severity, phase,
escalations, fixes, disagreements and their outcome, status updates, source evidence) becomes a
line in the timeline, written shortly after it happens. The log listener only notices the moment;
the note comes from a process after the Scribe's lag, so the listener itself never emits.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sim.log import events as ev
from sim.log.eventlog import Entry

if TYPE_CHECKING:
    from sim.engine.engine import Engine
    from sim.engine.roles.assignment import Roles

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
        """A key moment's line in the timeline, or None for an event the Scribe lets pass."""
        name = self._name
        if isinstance(e, ev.SeveritySet):
            return f"Severity set to {e.severity}." if e.previous is None else f"Severity changed {e.previous} -> {e.severity}."
        if isinstance(e, ev.PhaseChanged):
            return f"Incident {e.phase}."
        if isinstance(e, ev.Escalated):
            who = "the IC" if e.by == "ic" else "the paging policy"
            return f"{e.team} escalated to {name(e.person)} by {who}."
        if isinstance(e, ev.TaskReported) and e.action != "investigate":
            return f"Fix reported by {name(e.person)}: {e.action} {e.service}. {' '.join(e.findings)}"
        if isinstance(e, ev.ConflictRaised):
            return "Disagreement: " + " vs ".join(e.proposals)
        if isinstance(e, ev.ConflictDecided):
            how = "decided by the IC" if e.by == "ic" else "settled by a poll"
            return f"Going with {name(e.person)}'s proposal ({how})."
        if isinstance(e, ev.StatusUpdate):
            return f"Status update posted: {e.text}"
        if isinstance(e, ev.EvidenceShared):
            return f"Source evidence from {name(e.person)}: {' '.join(e.findings)}"
        return None

    def _name(self, person: str) -> str:
        r = self.engine.people.by_id.get(person)
        return r.name if r is not None else person
