"""Who a page to a team reaches, in order: the one rule the engine pages by and lint reasons with.

A team's escalation path is its primary on-call, then its secondary (several of either in id
order), then the team's manager if the manager is not already on it. The engine walks it at each
page and escalation (`sim.engine.escalation`); `icdrill lint` asks who an incident can bring in
(`sim.lint.facts`). One pass over the people, so an org of thousands costs no more than reading it.
"""

from __future__ import annotations

from sim.scenario.model import Org


def escalation_paths(org: Org) -> dict[str, tuple[str, ...]]:
    """Per team, the ids a page to it reaches, in order. A team nobody is on call for and with
    no manager has an empty path; a team the org does not define has none (ask with `.get`).

    >>> from sim.scenario.model import Org
    >>> org = Org.model_validate({
    ...     "teams": {"data": {"name": "Data", "manager": "mia"}},
    ...     "people": {
    ...         "zoe": {"name": "Zoe", "team": "data", "on_call": "primary"},
    ...         "bo": {"name": "Bo", "team": "data", "on_call": "secondary"},
    ...         "al": {"name": "Al", "team": "data", "on_call": "primary"},
    ...         "mia": {"name": "Mia", "team": "data"},
    ...     },
    ... })
    >>> escalation_paths(org)["data"]
    ('al', 'zoe', 'bo', 'mia')
    """
    slots: dict[tuple[str, str], list[str]] = {}
    for person, spec in sorted(org.people.items()):
        slots.setdefault((spec.team, spec.on_call), []).append(person)
    teams = dict.fromkeys([*org.teams, *(team for team, _ in slots)])
    paths = {}
    for team in teams:
        steps = slots.get((team, "primary"), []) + slots.get((team, "secondary"), [])
        spec = org.teams.get(team)
        if spec is not None and spec.manager in org.people and spec.manager not in steps:
            steps.append(spec.manager)
        paths[team] = tuple(steps)
    return paths
