"""A difficulty level must change something: a factor that scales what the scenario has none of
plays the level exactly as written, and the trainee who chose it is told it is harder when it is not."""

from __future__ import annotations

from collections.abc import Iterator

from sim.lint.facts import Facts
from sim.lint.finding import Finding, finding
from sim.lint.subject import Subject


def level_no_effect(subject: Subject, facts: Facts) -> Iterator[Finding]:
    """A level whose `noise` is set while no alert has noise or flaps, whose `pressure` is set while
    the scenario has no stakeholders, or that sets no factor at all (`sim.scenario.levels` says
    what each scales; `responders` always has people to slow down)."""
    scenario = subject.scenario
    assert scenario is not None
    noisy = any(a.noise > 0 or a.flaps > 0 for a in scenario.alerts)
    stake = scenario.stakeholders
    drama = bool(stake.managers) or stake.head_of_sales is not None or stake.executive is not None
    for i, level in enumerate(scenario.levels):
        if level.noise == level.responders == level.pressure == 1:
            yield finding(
                subject, ("levels", i, "id"), "level-no-effect",
                f"level {level.id} sets no factor away from 1, so it plays exactly as written",
                hint="set noise, responders or pressure, or drop the level",
            )  # fmt: skip
            continue
        if level.noise != 1 and not noisy:
            yield finding(
                subject, ("levels", i, "noise"), "level-no-effect",
                "noise scales the alerts' noise and flaps, and no alert of this scenario has either: it changes nothing",
                hint="give an alert noise or flaps, or drop noise from this level",
            )  # fmt: skip
        if level.pressure != 1 and not drama:
            yield finding(
                subject, ("levels", i, "pressure"), "level-no-effect",
                "pressure scales the stakeholders' times, and this scenario has no managers, Head of Sales or executive: it changes nothing",
                hint="add stakeholders, or drop pressure from this level",
            )  # fmt: skip
