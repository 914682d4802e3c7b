"""`Stakeholders`, the one object the engine and the stakeholder handlers
(`sim.engine.handlers.stakeholders`: /redirect, /authority, /qualify, /grant, /decline) talk to:
it builds the managers, the Head of Sales and the executive the scenario has, starts their
processes in a fixed order, and passes the IC's answers on.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sim.engine.stakeholders.commons import Commons
from sim.engine.stakeholders.executive import ExecutiveRequest
from sim.engine.stakeholders.managers import Managers, ManagerState
from sim.engine.stakeholders.sales import SalesPressure, impact_evidence

if TYPE_CHECKING:
    from sim.engine.engine import Engine


class Stakeholders:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        spec = engine.scenario.stakeholders
        self.commons = Commons(engine)
        self.management = Managers(self.commons)
        self.pressure = SalesPressure(self.commons, spec.head_of_sales) if spec.head_of_sales is not None else None
        self.request = ExecutiveRequest(self.commons, spec.executive) if spec.executive is not None else None
        # Their states, as the handlers and tests read them.
        self.managers = self.management.by_id
        self.sales = self.pressure.state if self.pressure is not None else None
        self.executive = self.request.state if self.request is not None else None
        self.ids = self.commons.ids

    def start(self) -> None:
        self.engine.log.subscribe(self.commons.hear)
        self.management.start()
        if self.pressure is not None:
            self.pressure.start()
        if self.request is not None:
            self.request.start()

    def poke(self) -> None:
        """Wake every stakeholder process: something they watch has changed."""
        self.commons.poke()

    def in_the_room(self, pid: str) -> str | None:
        """manager, sales or executive for a stakeholder who has shown up in the channel (present
        from the start, joined, pushed or spoken), else None: a DM to them is answered in character."""
        people = self.engine.people.by_id
        present = pid in people and people[pid].spec.present
        if pid in self.managers and (present or self.management.joined(pid) is not None):
            return "manager"
        if self.sales is not None and self.sales.spec.person == pid and (present or self.sales.pushes):
            return "sales"
        if self.executive is not None and self.executive.spec.person == pid and (present or self.executive.spoke):
            return "executive"
        return None

    # --- managers ------------------------------------------------------------------------------

    def authority_lent(self) -> bool:
        return self.management.authority_lent()

    def joined_manager(self, pid: str) -> ManagerState | None:
        return self.management.joined(pid)

    def redirect(self, m: ManagerState) -> None:
        self.management.redirect(m)

    def lend_authority(self, m: ManagerState) -> None:
        self.management.lend_authority(m)

    # --- the Head of Sales ---------------------------------------------------------------------

    def pushing(self) -> bool:
        return self.pressure is not None and self.pressure.pushing()

    def qualify(self) -> None:
        assert self.pressure is not None
        self.pressure.qualify()

    def impact_evidence(self) -> str:
        """What the IC can show: observed impact, unhealthy customer-facing services, the ladder."""
        return impact_evidence(self.engine.view)

    # --- the executive -------------------------------------------------------------------------

    def request_open(self) -> bool:
        return self.request is not None and self.request.state.open

    def grant(self) -> None:
        assert self.request is not None
        self.request.grant()

    def decline(self) -> None:
        assert self.request is not None
        self.request.decline()
