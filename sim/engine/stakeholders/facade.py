"""`Stakeholders`, the one object the engine and the stakeholder handlers
(`sim.engine.handlers.stakeholders`: /redirect, /authority, /qualify, /grant, /decline) talk to:
it builds the managers, the Head of Sales and the executive the scenario has, starts their
processes in a fixed order, and passes the IC's answers on.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sim.engine.stakeholders.commons import Commons
from sim.engine.stakeholders.executive import ExecutiveRequest, ExecutiveState
from sim.engine.stakeholders.managers import Managers, ManagerState
from sim.engine.stakeholders.sales import SalesPressure, impact_evidence
from sim.scenario.model import Executive, HeadOfSales

if TYPE_CHECKING:
    from sim.engine.engine import Engine


class Stakeholders:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        spec = engine.scenario.stakeholders
        self.commons = Commons(engine)
        self.management = Managers(self.commons)
        self.pressure = SalesPressure(self.commons, spec.head_of_sales) if spec.head_of_sales is not None else None
        # The scenario's executive, then any a facilitator's inject sends in (`swoop`).
        self.requests = [ExecutiveRequest(self.commons, spec.executive)] if spec.executive is not None else []
        # Their states, as the handlers and tests read them.
        self.managers = self.management.by_id
        self.sales = self.pressure.state if self.pressure is not None else None
        self.ids = self.commons.ids

    @property
    def request(self) -> ExecutiveRequest | None:
        """The executive request the IC answers: the latest one still open, else the first."""
        waiting = [r for r in self.requests if r.state.open]
        return waiting[-1] if waiting else (self.requests[0] if self.requests else None)

    @property
    def executive(self) -> ExecutiveState | None:
        request = self.request
        return request.state if request is not None else None

    def start(self) -> None:
        self.engine.log.subscribe(self.commons.hear)
        self.management.start()
        if self.pressure is not None:
            self.pressure.start()
        for request in self.requests:
            request.start()

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
        if any(r.state.spec.person == pid and (present or r.state.spoke) for r in self.requests):
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

    def push_now(self, spec: HeadOfSales, account: str | None, text: str | None) -> None:
        """A facilitator's sales push: the Head of Sales pushes now, and one the scenario did not
        have keeps pushing from here as the scenario's would."""
        if self.pressure is None:
            self.pressure = SalesPressure(self.commons, spec)
            self.sales = self.pressure.state
            self.ids.add(spec.person)
            self.pressure.push_now(account, text)
            self.pressure.start()
        else:
            self.pressure.push_now(account, text)
        self.commons.poke()

    def qualify(self) -> None:
        assert self.pressure is not None
        self.pressure.qualify()

    def impact_evidence(self) -> str:
        """What the IC can show: observed impact, unhealthy customer-facing services, the ladder."""
        return impact_evidence(self.engine.view)

    # --- the executive -------------------------------------------------------------------------

    def swoop(self, spec: Executive) -> None:
        """A facilitator's swoop: the executive of `spec` swoops in now with their request."""
        for earlier in self.requests:
            if earlier.state.spec.person == spec.person and not earlier.state.spoke:
                earlier.state.forestalled = True  # the scenario's swoop, brought forward by the inject
        request = ExecutiveRequest(self.commons, spec)
        self.requests.append(request)
        self.ids.add(spec.person)
        request.start()

    def request_open(self) -> bool:
        return self.request is not None and self.request.state.open

    def grant(self) -> None:
        assert self.request is not None
        self.request.grant()

    def decline(self) -> None:
        assert self.request is not None
        self.request.decline()
