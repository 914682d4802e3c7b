"""Every lint rule, by id, and which kind of file each applies to.

Two of the issue's patterns are refused by `validate` already, so lint reports them as
`validate` does (a file that does not validate is never linted further): a fault nobody
reachable can fix (`faults[N].fix`) and a severity ladder out of order
(`severity.levels[N].min_impact`). They are listed here so that the documentation and the tests
name every pattern lint catches.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from sim.lint import drama_rules, fault_rules, ladder_rule, level_rules, rota_rules
from sim.lint.facts import Facts
from sim.lint.finding import Finding
from sim.lint.subject import Subject

# id -> one line, as the README lists them.
RULES = {
    "unfixable-fault": "a fault nobody reachable can fix (refused by validate, reported at faults[N].fix)",
    "expert-loses": "the expert bot does not win (resolve, scoring 85 or more) on every seed played",
    "drama-off-path": "a manager, theory engineer or conflict proposer who can never come into the incident",
    "drama-too-late": "drama timed at or after the time limit",
    "no-reachable-primary": "a team with no primary on-call, or only unreachable ones",
    "override-empties-slot": "a scenario's override that leaves an org team's primary or secondary slot empty",
    "unrelated-remedy": "a fix or remedy whose target is off the fault's dependency path",
    "alert-never-fires": "an alert (or its flapping) that no fault and no noise can ever fire",
    "severity-gap": "a numbered severity ladder with a rung missing (one out of order is refused by validate)",
    "level-no-effect": "a difficulty level, or one of its factors, that changes nothing in this scenario",
}

# Rules on any file that validates, org files included: what an org file defines.
ORG_RULES: list[Callable[[Subject], Iterator[Finding]]] = [rota_rules.no_reachable_primary, ladder_rule.severity_gap]
# Rules on a scenario only, beside ORG_RULES (on the scenario merged with its org file).
SCENARIO_RULES: list[Callable[[Subject], Iterator[Finding]]] = [rota_rules.override_empties_slot]
SCENARIO_FACT_RULES: list[Callable[[Subject, Facts], Iterator[Finding]]] = [
    drama_rules.drama_off_path,
    drama_rules.drama_too_late,
    fault_rules.unrelated_remedy,
    fault_rules.alert_never_fires,
    level_rules.level_no_effect,
]


def static_findings(subject: Subject) -> list[Finding]:
    """Every finding of the rules that need no play, for a file that validates."""
    found = [f for rule in ORG_RULES for f in rule(subject)]
    if subject.scenario is not None:
        facts = Facts(subject.scenario)
        found += [f for rule in SCENARIO_RULES for f in rule(subject)]
        found += [f for rule in SCENARIO_FACT_RULES for f in rule(subject, facts)]
    return found
