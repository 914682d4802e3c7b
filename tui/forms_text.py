"""What the severity and status-update forms say, as pure functions of the IC's view (no Textual).

Both forms end in a slash command the app sends as if typed, so the engine judges it and the
timeline shows it. Neither form judges for the trainee: the severity form shows the ladder and the
impact as the dashboards show it, and picks no level; the update form's prefill repeats what the
view says (impact, who is on what, the cadence), for the trainee to correct.
"""

from __future__ import annotations

import shlex
from typing import TYPE_CHECKING

from sim.scenario.model import SeverityLevel

if TYPE_CHECKING:
    from sim.reading.view import View

UNHEALTHY = ("down", "degraded")  # worst first


def level_keys(names: list[str]) -> list[str]:
    """The key that picks each level: the digit its name ends with when those are all different
    (Sev0..Sev3 are 0..3, so the key says the level), else its place on the ladder, 1 first.

    >>> level_keys(["Sev0", "Sev1", "Sev2"]), level_keys(["Critical", "Major", "Minor"])
    (['0', '1', '2'], ['1', '2', '3'])
    """
    last = [name[-1:] for name in names]
    if all(d.isdigit() for d in last) and len(set(last)) == len(last):
        return last
    return [str(place) if place <= 9 else "" for place in range(1, len(names) + 1)]  # past 9: arrows only


def level_criteria(level: SeverityLevel) -> str:
    """A level's criteria as the policy states them.

    >>> level_criteria(SeverityLevel(name="Sev1", min_impact=0.2, description="A core journey fails."))
    '20%+ of customers. A core journey fails.'
    """
    threshold = f"{level.min_impact:.0%}+ of customers" if level.min_impact > 0 else "any impact"
    return f"{threshold}. {level.description}".strip()


def impact_now(view: View) -> list[str]:
    """What the IC sees now: the dashboards' impact, services unwell, alerts firing."""
    lines = [f"Dashboards: {view.observed_impact:.0%} of customers affected."]
    for state in UNHEALTHY:
        services = sorted(s for s, health in view.health.items() if health == state)
        if services:
            lines.append(f"{state.capitalize()}: {', '.join(services)}.")
    if not any(h in UNHEALTHY for h in view.health.values()):
        lines.append("No service is known to be degraded or down.")
    if view.alerts:
        firing = [f"{alert} ({service}, {view.alert_severity(alert)})" for alert, service in sorted(view.alerts.items())]
        lines.append(f"Alerts firing: {', '.join(firing)}.")
    else:
        lines.append("No alert is firing.")
    if view.severity is not None:
        lines.append(f"Declared at: {view.severity}.")
    return lines


def severity_command(view: View, level: str) -> str:
    """``/declare sev2`` before the incident is declared, ``/sev sev2`` after."""
    verb = "/declare" if view.severity is None else "/sev"
    return f"{verb} {shlex.quote(level.lower())}"  # quoted when a ladder's name has a space


def update_prefill(view: View) -> tuple[str, str, str]:
    """The template's three parts from the view: impact, actions under way, next update."""
    unwell = [f"{s} {view.health[s]}" for s in sorted(view.health) if view.health[s] in UNHEALTHY]
    impact = f"{view.observed_impact:.0%} of customers affected" + (f" ({', '.join(unwell)})" if unwell else "")
    working = [f"{p.name} on {p.task}" for _, p in sorted(view.people.items()) if p.task]
    actions = "; ".join(working) if working else "assessing"
    interval = view.update_interval() or view.catalog.severity.first_update
    return impact, actions, f"in {max(1, interval // 60)} min"


def update_text(impact: str, actions: str, next_update: str) -> str:
    """The update as one line in the template; a part left empty is left out.

    >>> update_text("5% of customers affected.", "Dana on restart db", "in 10 min")
    'Impact: 5% of customers affected. Actions: Dana on restart db. Next update: in 10 min.'
    >>> update_text("", " ", "")
    ''
    """
    parts = [(label, " ".join(text.split()).rstrip(".")) for label, text in
             (("Impact", impact), ("Actions", actions), ("Next update", next_update))]
    return " ".join(f"{label}: {text}." for label, text in parts if text)
