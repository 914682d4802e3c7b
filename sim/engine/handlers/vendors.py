"""Vendor commands: /status-page and /ticket, the two windows into a service a third party runs."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sim.scenario import commands as c
from sim.engine.handlers.common import not_over, unknown_service

if TYPE_CHECKING:
    from sim.engine.engine import Engine


def not_a_vendors(engine: Engine, service: str, what: str) -> str | None:
    """Why a service with no vendor has no `what` (a status page, a support desk), or None.

    Whether a third party runs a service is in the catalog, so saying so reveals nothing hidden.
    """
    if engine.vendors.runs(service):
        return None
    return f"{service} is run in-house, not by a third party: it has no {what}; /owner {service} finds its team"


def _status_page(engine: Engine, command: c.StatusPage) -> str | None:
    problem = unknown_service(engine, command.service) or not_a_vendors(engine, command.service, "vendor status page")
    if problem:
        return problem
    engine.vendors.read_status_page(command.service)
    return None


def _ticket(engine: Engine, command: c.Ticket) -> str | None:
    service = command.service
    problem = (
        not_over(engine.incident)
        or unknown_service(engine, service)
        or not_a_vendors(engine, service, "vendor support to open a ticket with")
    )
    if problem:
        return problem
    vendors = engine.vendors
    if service in vendors.tickets:
        return f"ticket #{vendors.tickets[service]} with {vendors.name(service)} is still open; support has not answered yet"
    vendors.open_ticket(service, command.text)
    return None


HANDLERS = {c.StatusPage: _status_page, c.Ticket: _ticket}
