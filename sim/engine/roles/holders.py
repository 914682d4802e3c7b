"""Who holds which role: /role hands one to a responder (who then does no task of their own),
/unrole gives it back to the IC, who holds every role nobody fills. A role's tenure counts its
hand-overs, so the work a previous holder started stops. Also the route a finished task's report
takes to the IC (`deliver`): straight in, or relayed through the Tech Lead.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sim.log import events as ev
from sim.engine.people import AVAILABLE, ROLE, Responder
from sim.engine.roles.comms_lead import COMMS, CommsLead
from sim.engine.roles.scribe import Scribe
from sim.engine.roles.tech_lead import TECH, TechLead

if TYPE_CHECKING:
    from sim.engine.engine import Engine


class Roles:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.behaviour = engine.scenario.behaviour
        self.holders: dict[str, str] = {}  # role -> person id
        self._tenure: dict[str, int] = {}  # role -> times filled or released, to retire old processes
        self.last_report: dict[str, ev.TaskReported] = {}  # person -> their last report, as they gave it
        self.comms_lead = CommsLead(engine, self)
        self.scribe = Scribe(engine, self)
        self.tech_lead = TechLead(engine, self)

    def start(self) -> None:
        self.engine.log.subscribe(self.scribe.on_entry)

    # --- who holds what -------------------------------------------------------------------------

    def holder(self, role: str) -> Responder | None:
        """The person holding a role, or None when the IC holds it."""
        pid = self.holders.get(role)
        return self.engine.people.by_id[pid] if pid is not None else None

    def held_by(self, role: str) -> str:
        """The id of whoever holds a role: a person's, or "ic" when nobody fills it."""
        return self.holders.get(role, "ic")

    def role_of(self, person: str) -> str | None:
        return next((role for role, pid in sorted(self.holders.items()) if pid == person), None)

    def fill(self, r: Responder, role: str) -> None:
        self.holders[role] = r.id
        self._tenure[role] = self._tenure.get(role, 0) + 1
        r.status = ROLE
        self.engine.emit(ev.RoleAssigned(r.id, role))
        if role == COMMS:
            self.engine.env.process(self.comms_lead.run(r, self._tenure[role]))

    def release(self, role: str) -> Responder:
        r = self.engine.people.by_id[self.holders.pop(role)]
        self._tenure[role] += 1
        if r.status == ROLE:
            r.status = AVAILABLE
        self.engine.emit(ev.RoleReleased(r.id, role))
        return r

    def tenure(self, role: str) -> int:
        """The role's current tenure: work started under an older one stops."""
        return self._tenure[role]

    def holds(self, role: str, person: str, tenure: int) -> bool:
        """Whether `person` still holds `role` in the same tenure as when their work started."""
        return self.holders.get(role) == person and self._tenure.get(role) == tenure

    # --- reports, relayed through the Tech Lead -------------------------------------------------

    def deliver(self, report: ev.TaskReported) -> None:
        engine = self.engine
        self.last_report[report.person] = report
        self.tech_lead.saw(report)
        lead = self.holder(TECH)
        if lead is None or report.person in (lead.id, "ic"):  # the IC's own hands-on work is not relayed
            engine.emit(report)
        else:
            self.tech_lead.relay(report, lead.id, self._tenure[TECH])
        engine.conflicts.freed(report.person)  # a decided proposal may be waiting for its author

    # --- source evidence (/evidence), the IC's check on the relay --------------------------------

    @property
    def evidence_pending(self) -> set[int]:
        """Tasks whose source evidence is on its way (see `tech_lead.py`)."""
        return self.tech_lead.evidence_pending

    def ask_evidence(self, r: Responder) -> None:
        self.tech_lead.ask_evidence(self.last_report[r.id])
