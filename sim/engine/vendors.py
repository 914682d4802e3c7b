"""Third parties: services a vendor runs, seen only through its status page and its support desk.

Nobody inside owns a vendor's service, so /owner names the vendor at once (the contract is no
secret) and points at the two windows into it. The status page lags the truth by the vendor's
`status_page_lag` both ways: it says operational until that long after a fault on the service
started, then shows an incident, and marks it resolved only that long after the fault ended
(whoever ended it). A support ticket is answered `ticket_reply` after it was opened with the
vendor's `ticket_answer`. A vendor with `resolves_after` fixes a fault on its own service that
long after the fault started, unless someone fixed it first (a failover, say).

The module reads the log for when faults start and end rather than asking the world to keep
more, and draws no random numbers: every delay is the scenario's.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sim.log.eventlog import Entry
from sim.log.events import FaultFixed, FaultStarted, StatusPageRead, TicketAnswered, TicketOpened, VendorNamed
from sim.scenario.model import Fault, Vendor

if TYPE_CHECKING:
    from sim.engine.engine import Engine

OPERATIONAL, INCIDENT, RESOLVED = "operational", "incident", "resolved"


class Vendors:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        services = engine.scenario.services
        self.specs: dict[str, Vendor] = {name: s.vendor for name, s in sorted(services.items()) if s.vendor is not None}
        self.started: dict[str, int] = {}  # fault id -> when it started, for faults on a vendor's service
        self.ended: dict[str, int] = {}  # fault id -> when it was fixed
        self.tickets: dict[str, int] = {}  # service -> the ticket id awaiting an answer
        if self.specs:
            engine.log.subscribe(self._watch)

    def start(self) -> None:
        for fault in sorted(self.engine.world.faults.values(), key=lambda f: (f.at, f.id)):
            self.follow(fault)

    def follow(self, fault: Fault) -> None:
        """A fault on a vendor's service that the vendor fixes by itself: fixed `resolves_after`
        its start, unless someone inside fixed it first (an injected fault too, from its start)."""
        spec = self.specs.get(fault.service)
        if spec is not None and spec.resolves_after is not None:
            self.engine.env.process(self._resolve(fault, spec.resolves_after))

    # --- what the IC can ask about ---------------------------------------------------------------

    def runs(self, service: str) -> bool:
        """Whether a third party runs this service."""
        return service in self.specs

    def name(self, service: str) -> str:
        """The vendor's display name; the service's id when the scenario gives none."""
        return self.specs[service].name or service

    def name_owner(self, service: str) -> None:
        """/owner on a vendor's service: the directory names the vendor."""
        self.engine.emit(VendorNamed(service, self.name(service)))

    def status(self, service: str) -> tuple[str, int | None]:
        """What the status page says now, and when it posted the notice it shows."""
        now, lag = self.engine.now, self.specs[service].status_page_lag
        faults = sorted(fid for fid in self.started if self.engine.world.faults[fid].service == service)
        showing = [
            self.started[fid] + lag
            for fid in faults
            if self.started[fid] + lag <= now and not (fid in self.ended and self.ended[fid] + lag <= now)
        ]
        if showing:
            return INCIDENT, min(showing)
        resolved = [self.ended[fid] + lag for fid in faults if fid in self.ended and self.ended[fid] + lag <= now]
        if resolved:
            return RESOLVED, max(resolved)
        return OPERATIONAL, None

    def read_status_page(self, service: str) -> None:
        status, posted = self.status(service)
        self.engine.emit(StatusPageRead(service, self.name(service), status, posted))

    def open_ticket(self, service: str, text: str) -> None:
        ticket = self.engine.next_id("ticket")
        self.tickets[service] = ticket
        self.engine.emit(TicketOpened(ticket, service, self.name(service), text))
        self.engine.env.process(self._answer(service, ticket))

    # --- the vendor's side -----------------------------------------------------------------------

    def _watch(self, entry: Entry) -> None:
        event = entry.event
        if isinstance(event, FaultStarted) and event.service in self.specs:
            self.started.setdefault(event.fault, entry.t)
        elif isinstance(event, FaultFixed) and event.fault in self.started:
            self.ended[event.fault] = entry.t

    def _answer(self, service: str, ticket: int):
        spec = self.specs[service]
        yield self.engine.env.timeout(spec.ticket_reply)
        del self.tickets[service]
        self.engine.emit(TicketAnswered(ticket, service, self.name(service), spec.ticket_answer))

    def _resolve(self, fault: Fault, after: int):
        yield self.engine.env.timeout(fault.at + after - self.engine.env.now)  # env.now is 0 for the scenario's faults
        if fault.id in self.engine.world.active:  # nobody inside fixed it first
            self.engine.world.fix(fault, by=self.name(fault.service))
