"""What a scenario's overrides do to the org's teams: warnings, at the override that did it.

An override that moves a person to another team, or changes her on_call, is valid on its own,
but it may leave a team of the org without a primary on-call (a page to the team then starts
at the secondary, or reaches nobody) or with nobody in it at all. That is rarely what the
author meant, and nothing else would say it: the drill simply plays differently. So it is a
warning, not a problem: the file still loads and plays.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from sim.scenario.problems import Problem
from sim.scenario.sources import Sources


def rota_warnings(org: dict[str, Any], merged: dict[str, Any], sources: Sources) -> list[Problem]:
    """A warning for every team of the org that the scenario's overrides empty, or leave
    without the primary on-call it had in the org; at the override of each person who left.

    Only an override changes a person the org defines, so every person compared here who
    changed has an entry in the scenario's file to point at."""
    before, after = rota_of(org), rota_of(merged)
    # Grouped once: a thousand-service org has hundreds of teams, and a scan of everyone per team
    # was most of the time a clean file took to load.
    members_of: dict[str, list[str]] = {}
    for person, (team, _) in before.items():
        members_of.setdefault(team, []).append(person)
    teams_after = {team for team, _ in after.values()}
    with_primary_after = {team for team, role in after.values() if role == "primary"}
    warnings: list[Problem] = []
    for team in sorted(members_of):
        members = members_of[team]
        primaries = [p for p in members if before[p][1] == "primary"]
        left = [p for p in members if p in after and after[p][0] != team]
        demoted = [p for p in primaries if p in after and after[p][0] == team and after[p][1] != "primary"]
        if team not in teams_after:
            for person in left:
                message = (
                    f"moving {person} to team {after[person][0]} leaves team {team} with nobody in it; "
                    f"give {team} a person in this file, or leave {person} in {team}"
                )
                warnings.append(_warning(sources, person, message))
        elif primaries and team not in with_primary_after:
            for person in [p for p in primaries if p in left or p in demoted]:
                if person in left:
                    how = f"moving {person} to team {after[person][0]}"
                else:
                    how = f"making {person} on_call: {after[person][1]}"
                message = (
                    f"{how} leaves team {team} without a primary on-call; "
                    f"give another {team} person on_call: primary"
                )
                warnings.append(_warning(sources, person, message))
    return warnings


def rota_of(data: dict[str, Any]) -> dict[str, tuple[str, str]]:
    """(team, on_call) of every person of raw (unvalidated) data whose entry is sound enough to
    say: an org entry may lean on the scenario's override for its team, and only the merge is validated."""
    people = data.get("people")
    found = {}
    for name, person in people.items() if isinstance(people, dict) else ():
        if isinstance(name, str) and isinstance(person, dict) and isinstance(person.get("team"), str):
            on_call = person.get("on_call", "none")
            found[name] = (person["team"], on_call if isinstance(on_call, str) else "none")
    return found



def _warning(sources: Sources, person: str, message: str) -> Problem:
    return replace(sources.main.problem(("people", person), message, on_key=True), warning=True)
