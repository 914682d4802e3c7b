"""The incident's own state as the engine keeps it: phase, severity, the IC's page, heads-down, and
the moments the status-update cadence counts from.

Most parts of the engine ask only "is there an incident yet, is it declared, is it over, is the IC
heads-down, when is the next status update due?"; this small object answers that, so such a part
can be given the Incident instead of reaching through the whole `Engine`. The engine owns the one
instance (`Engine.incident`), creates it once and only ever changes it in place, so a part may
keep a reference to it.

The cadence is a game rule (`sim.scenario.policy`), asked here with the incident's own state and
not with the player's view: the engine's people keep the rules, the view only shows them. The
moments are kept with the view's meaning (`sim.reading.view`), so both agree to the second:
declared_at when the phase becomes declared, last_update_at at each status update, and a fix under
way from the first task given that is not an investigation.

>>> from sim.scenario.model import SeverityPolicy
>>> incident = Incident(SeverityPolicy(), phase=MITIGATED)
>>> incident.over()
False
>>> incident.phase = RESOLVED
>>> incident.over()
True
"""

from __future__ import annotations

from dataclasses import dataclass

from sim.scenario import policy
from sim.scenario.model import SeverityPolicy

DETECTED, DECLARED, MITIGATED, RESOLVED = "detected", "declared", "mitigated", "resolved"


@dataclass
class Incident:
    rules: SeverityPolicy  # the organisation's severity ladder and update cadence
    phase: str | None = None  # None until something is detected, then DETECTED ... RESOLVED
    severity: str | None = None  # as the IC declared it, None before
    ic_paged: bool = False
    ic_acknowledged: bool = False
    heads_down_until: int | None = None  # the IC doing hands-on work until then
    declared_at: int | None = None
    last_update_at: int | None = None  # the last status update, by the IC or the Comms Lead
    fix_underway: bool = False
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

    # --- what the engine tells it ---------------------------------------------------------------

    def enter(self, phase: str, t: int) -> None:
        """The incident moves to `phase` at `t`; declaring starts the update cadence."""
        self.phase = phase
        if phase == DECLARED:
            self.declared_at = t

    def status_posted(self, t: int) -> None:
        """A status update went out at `t`: the next one is due an interval later."""
        self.last_update_at = t

    def task_given(self, action: str) -> None:
        """Any task but an investigation is a fix under way: the cadence moves to identified."""
        if action != "investigate":
            self.fix_underway = True

    # --- the update cadence -----------------------------------------------------------------------

    def status_phase(self) -> str:
        """The phase the cadence is set by: investigating, identified or monitoring."""
        return policy.status_phase(self.phase, self.fix_underway)

    def update_interval(self) -> int | None:
        """Seconds allowed between status updates now; None before declaring."""
        return policy.update_interval(self.rules, self.severity, self.status_phase())

    def next_update_due(self) -> int | None:
        """When the next status update is due; None before declaring and once resolved."""
        return policy.next_update_due(
            self.rules,
            severity=self.severity,
            phase=self.phase,
            fix_underway=self.fix_underway,
            declared_at=self.declared_at,
            last_update_at=self.last_update_at,
        )
