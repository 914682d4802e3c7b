"""The organisation's rules for an incident, as pure functions of its severity policy.

The severity ladder (which level an impact warrants, how levels rank) and the status-update
cadence (when the next update is due) are game rules: the engine's people, the player's view, the
bots and the scorecard all ask here, so each rule is written once.

>>> from sim.scenario.model import SeverityPolicy
>>> p = SeverityPolicy()
>>> true_severity(p, 0.3), true_severity(p, 0.0), rank(p, "Sev0"), rank(p, None)
('Sev1', None, 0, 4)
>>> next_update_due(p, severity="Sev1", phase="declared", fix_underway=False, declared_at=60, last_update_at=None)
360
"""

from __future__ import annotations

from sim.scenario.model import SeverityPolicy

INVESTIGATING, IDENTIFIED, MONITORING = "investigating", "identified", "monitoring"


def ladder(policy: SeverityPolicy) -> list[str]:
    """The level names, most severe first."""
    return [level.name for level in policy.levels]


def rank(policy: SeverityPolicy, severity: str | None) -> int:
    """0 for the most severe level; a name off the ladder (or None, nobody hurt) ranks below it."""
    names = ladder(policy)
    return names.index(severity) if severity in names else len(names)


def named(policy: SeverityPolicy, text: str) -> str | None:
    """The ladder's level a player means by ``text`` (any case), or None."""
    return next((name for name in ladder(policy) if name.lower() == text.lower()), None)


def true_severity(policy: SeverityPolicy, impact: float) -> str | None:
    """The first level whose threshold the impact reaches (the least severe below all); None when nobody is hurt."""
    if impact <= 0:
        return None
    for level in policy.levels:
        if impact >= level.min_impact:
            return level.name
    return policy.levels[-1].name


def status_phase(phase: str | None, fix_underway: bool) -> str:
    """The phase the update cadence is set by: investigating, identified (a fix under way) or monitoring."""
    if phase in ("mitigated", "resolved"):
        return MONITORING
    return IDENTIFIED if fix_underway else INVESTIGATING


def update_interval(policy: SeverityPolicy, severity: str | None, phase: str) -> int | None:
    """Seconds allowed between status updates at a severity and status phase; None before declaring."""
    if severity is None:
        return None
    return getattr(policy.cadence[severity], phase)


def next_update_due(
    policy: SeverityPolicy,
    *,
    severity: str | None,
    phase: str | None,
    fix_underway: bool,
    declared_at: int | None,
    last_update_at: int | None,
) -> int | None:
    """When the next status update is due: ``first_update`` after declaring, then one interval after
    the last update; None before declaring and once resolved."""
    if declared_at is None or phase == "resolved":
        return None
    if last_update_at is None:
        return declared_at + policy.first_update
    return last_update_at + (update_interval(policy, severity, status_phase(phase, fix_underway)) or 0)
