"""The drama a scenario authors, as labels, and which of it a log shows fired.

One label per piece of drama: `conflict ID` per conflict, `theory PERSON` per manager with a
theory, `sales push PERSON` for the Head of Sales and `swoop PERSON` for the executive. The
library table, the shipped-drama test and `icdrill balance` count them the same way.
"""

from __future__ import annotations

from collections.abc import Iterable

from sim.log import events as ev
from sim.log.eventlog import Entry
from sim.scenario.model import Scenario


def drama_items(scenario: Scenario) -> list[str]:
    """Every piece of drama the scenario authors, as a label: one per conflict, per manager with a
    theory, the Head of Sales' push and the executive's swoop."""
    items = [f"conflict {c.id}" for c in scenario.conflicts]
    items += [f"theory {m.person}" for m in scenario.stakeholders.managers if m.theory is not None]
    if scenario.stakeholders.head_of_sales is not None:
        items.append(f"sales push {scenario.stakeholders.head_of_sales.person}")
    if scenario.stakeholders.executive is not None:
        items.append(f"swoop {scenario.stakeholders.executive.person}")
    return items


def fired(entries: Iterable[Entry]) -> frozenset[str]:
    """The drama labels whose event is in the log: a conflict raised, a manager's theory DM'd to an
    engineer, a push for Sev0, the executive's request."""
    found = set()
    for entry in entries:
        e = entry.event
        if isinstance(e, ev.ConflictRaised):
            found.add(f"conflict {e.conflict}")
        elif isinstance(e, ev.ManagerTheory):
            found.add(f"theory {e.manager}")
        elif isinstance(e, ev.SalesPushed):
            found.add(f"sales push {e.person}")
        elif isinstance(e, ev.ExecutiveRequested):
            found.add(f"swoop {e.person}")
    return frozenset(found)
