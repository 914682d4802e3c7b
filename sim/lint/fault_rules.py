"""Rules about faults and alerts: actions aimed where the fault is, alerts something can fire."""

from __future__ import annotations

from collections.abc import Iterator

from sim.log.clock import format_duration
from sim.lint.facts import Facts
from sim.lint.finding import Finding, finding
from sim.lint.subject import Subject


def unrelated_remedy(subject: Subject, facts: Facts) -> Iterator[Finding]:
    """A fix or remedy whose target is neither the fault's service nor on its dependency path
    (what it depends on, what depends on it) acts on a part of the world the fault never
    touches: an investigation suggests it for no reason a trainee can follow, and whether it
    helps or hurts cannot be reasoned out from the graph."""
    scenario = subject.scenario
    assert scenario is not None
    for i, fault in enumerate(scenario.faults):
        related = facts.related(fault.service)
        actions = [(("fix",), fault.fix), *((("remedies", j), r) for j, r in enumerate(fault.remedies))]
        for below, action in actions:
            if action.target not in related:
                yield finding(
                    subject, ("faults", i, *below, "target"), "unrelated-remedy",
                    f"{action.action} {action.target} acts on a service unrelated to fault {fault.id} on {fault.service}: "
                    f"{action.target} neither depends on {fault.service} nor is depended on by it",
                    hint=f"aim it at {fault.service} or a service on its dependency path",
                )  # fmt: skip


def alert_never_fires(subject: Subject, facts: Facts) -> Iterator[Finding]:
    """An alert nothing can fire is pager furniture: no fault can put its service at `fires_on`
    (or not before the time limit, once its `delay` is counted), and it has no noise of its own.
    Its flapping (`flaps`) likewise never happens when real trouble never fires it."""
    scenario = subject.scenario
    assert scenario is not None
    limit = scenario.end.time_limit
    for i, alert in enumerate(scenario.alerts):
        first = facts.first_trouble(alert.service, alert.fires_on)
        if first is None:
            why = f"no fault can make {alert.service} {alert.fires_on}"
        elif first + alert.delay >= limit:
            why = (
                f"the earliest trouble on {alert.service} starts at {format_duration(first)}, and with its delay of "
                f"{format_duration(alert.delay)} it would fire at or after the time limit of {format_duration(limit)}"
            )
        else:
            continue
        if alert.noise == 0:
            yield finding(
                subject, ("alerts", i), "alert-never-fires", f"alert {alert.id} can never fire: {why}, and it has no noise",
                hint="point it at a service the faults hurt, lower its delay or fires_on, or give it noise", on_key=True,
            )  # fmt: skip
        elif alert.flaps > 0:
            yield finding(
                subject, ("alerts", i, "flaps"), "alert-never-fires",
                f"alert {alert.id} never flaps: it flaps only while real trouble fires it, and {why}",
                hint="drop flaps, or point the alert at a service the faults hurt", on_key=True,
            )  # fmt: skip
