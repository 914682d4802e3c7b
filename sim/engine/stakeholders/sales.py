"""The Head of Sales: from their start, once the incident is detected, they push for the top
severity because a large account complains, twice as often while status updates are late, until
the IC qualifies the severity with impact evidence (/qualify, which quiets them for a while), the
severity is set to the top level, or the incident is mitigated.

The scenario's setting sets the pace (`sim.scenario.setting.sales_every`: more often at peak
traffic, less on a quiet night), and its terms the words (`terms.py`: the accounts, named in turn,
the product they use, the scenario's own lines).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sim.engine.incident import MITIGATED
from sim.log import events as ev
from sim.engine.stakeholders.terms import Terms, accounts
from sim.scenario.model import HeadOfSales
from sim.scenario.setting import sales_every

if TYPE_CHECKING:
    from sim.engine.stakeholders.commons import Commons
    from sim.reading.view import View


@dataclass
class SalesState:
    spec: HeadOfSales
    pressure: int = 0
    last_push: int | None = None
    quiet_until: int = 0  # pushes pause after a /qualify
    pushes: int = 0  # every push so far, across /qualify: the accounts take turns by it


class SalesPressure:
    def __init__(self, commons: Commons, spec: HeadOfSales) -> None:
        self.commons = commons
        self.engine = commons.engine
        self.incident = commons.incident
        self.state = SalesState(spec)
        self.terms = Terms(self.engine, spec)
        self.every = sales_every(spec.every, self.engine.scenario.setting)

    def start(self) -> None:
        self.engine.env.process(self._head_of_sales(self.state))

    def _head_of_sales(self, s: SalesState):
        commons = self.commons
        yield from commons.sleep_until(s.spec.starts)
        yield from commons.until_detected()
        every = self.every
        incident = self.incident
        while not incident.over() and incident.phase != MITIGATED:  # mitigated: the account is fine again
            if self._satisfied():
                yield from commons.wait(None)
                continue
            late = commons.late_by() is not None
            interval = max(1, every // 2) if late else every
            due_at = self.engine.now if s.last_push is None else s.last_push + interval
            due_at = max(due_at, s.quiet_until)
            if self.engine.now >= due_at:
                self._push(s)
                continue
            wake = due_at
            due = incident.next_update_due()
            if not late and due is not None and due + 1 > self.engine.now:
                wake = min(wake, due + 1)  # updates turn late then, and the pushes come faster
            yield from commons.wait(wake)

    def _satisfied(self) -> bool:
        return self.incident.severity == self.engine.scenario.severity.levels[0].name

    def _push(self, s: SalesState, account: str | None = None, text: str | None = None) -> None:
        s.pressure += 1
        s.pushes += 1
        s.last_push = self.engine.now
        named = accounts(s.spec)
        account = account or named[(s.pushes - 1) % len(named)]
        text = text or self.terms.sales_line(account, s.pressure)
        self.engine.emit(ev.SalesPushed(s.spec.person, account, s.pressure, text))

    def push_now(self, account: str | None = None, text: str | None = None) -> None:
        """A push now, out of turn (a facilitator's inject): any quiet after a /qualify ends, and
        the next push comes a period after this one."""
        self.state.quiet_until = 0
        self._push(self.state, account, text)

    # --- the IC's answer: /qualify -------------------------------------------------------------

    def pushing(self) -> bool:
        return self.state.pressure > 0

    def qualify(self) -> None:
        s = self.state
        self.engine.emit(ev.SalesQualified(s.spec.person, impact_evidence(self.engine.view)))
        s.pressure = 0
        s.quiet_until = self.engine.now + s.spec.quiet_periods * self.every
        self.commons.poke()


def impact_evidence(view: View) -> str:
    """What the IC can show: observed impact, unhealthy customer-facing services, the ladder."""
    parts = [f"Dashboards show {view.observed_impact:.0%} of customers affected"]
    facing = sorted(c.name for c in view.catalog.services.values() if c.traffic > 0)
    unwell = [f"{s} {view.health[s]}" for s in facing if view.health.get(s) in ("degraded", "down")]
    parts.append("customer-facing: " + (", ".join(unwell) if unwell else "all healthy"))
    levels = view.catalog.severity.levels
    top = levels[0]
    if view.severity is None:
        parts.append("not declared yet")
    else:
        current = next((lv for lv in levels if lv.name == view.severity), None)
        threshold = f" ({current.min_impact:.0%}+ of customers)" if current is not None else ""
        parts.append(f"we are at {view.severity}{threshold}")
    if view.severity != top.name:
        parts.append(f"{top.name} is {top.min_impact:.0%}+ of customers")
    return "; ".join(parts) + "."

