"""The incident's own state as the engine keeps it: phase, severity, the IC's page, heads-down.

Most parts of the engine ask only "is there an incident yet, is it declared, is it over, is the IC
heads-down?"; this small object answers that, so such a part can be given the Incident instead
of reaching through the whole `Engine`. The engine owns the one instance (`Engine.incident`),
creates it once and only ever changes it in place, so a part may keep a reference to it.

>>> incident = Incident(phase=MITIGATED)
>>> incident.over()
False
>>> incident.phase = RESOLVED
>>> incident.over()
True
"""

from __future__ import annotations

from dataclasses import dataclass

DETECTED, DECLARED, MITIGATED, RESOLVED = "detected", "declared", "mitigated", "resolved"


@dataclass
class Incident:
    phase: str | None = None  # None until something is detected, then DETECTED ... RESOLVED
    severity: str | None = None  # as the IC declared it, None before
    ic_paged: bool = False
    ic_acknowledged: bool = False
    heads_down_until: int | None = None  # the IC doing hands-on work until then
    ended: bool = False  # the drill ended: the scenario's end phase or the time limit

    def over(self) -> bool:
        """Resolved, or the drill ended: nothing more happens in the incident.

        Mitigated is not over. Mitigation only means the dashboards show nobody hurt now: the
        incident is still open (the cadence moves to monitoring and updates stay due), the IC has
        yet to resolve it and may find customers hurt again, and the people in it keep working,
        paging, arguing and asking. A part that stops earlier, at mitigation (the Head of Sales'
        pushing, the Tech Lead handing out the suggested fix), says so with its own rule.
        """
        return self.ended or self.phase == RESOLVED
