"""Rules about teams' on-call rotas: a page to a team must reach someone who answers."""

from __future__ import annotations

from collections.abc import Iterator

from sim.lint.facts import reachable
from sim.lint.finding import Finding, finding
from sim.lint.subject import Subject
from sim.scenario.rota import rota_of

SLOTS = ("primary", "secondary")


def no_reachable_primary(subject: Subject) -> Iterator[Finding]:
    """A team whose primary on-call is missing or can never acknowledge a page: every page to the
    team waits out an escalation (or the paging policy) before anyone can answer, so the drill
    tests the pager's timeout rather than the IC. Only teams a page can be sent to are checked:
    those that own a service, are catalogued as owning one, or are named by a fix or remedy (a
    leadership team that owns nothing is reached person by person). A primary the scenario's
    override took away is said by override-empties-slot instead, at the override."""
    model = subject.model
    emptied = {team for team, slot, _ in _emptied_slots(subject) if slot == "primary"}
    primaries_of: dict[str, list[str]] = {}
    for person, spec in sorted(model.people.items()):
        if spec.on_call == "primary":
            primaries_of.setdefault(spec.team, []).append(person)
    for team in sorted(_paged_teams(subject)):
        primaries = primaries_of.get(team, [])
        if not primaries and team not in emptied:
            yield finding(
                subject, ("teams", team), "no-reachable-primary",
                f"team {team} has no primary on-call, so a page to it starts further down its escalation path, if it reaches anyone",
                hint=f"give one person of team {team} on_call: primary", on_key=True,
            )  # fmt: skip
        elif primaries and not any(reachable(model, p) for p in primaries):
            first = primaries[0]
            why = model.people[first].reachability
            yield finding(
                subject, ("people", first, "reachability"), "no-reachable-primary",
                f"{first}, the primary on-call of team {team}, is {why} and never acknowledges a page, so every page "
                "to the team waits for an escalation",
                hint=f"make another person of team {team} the primary, or {first} reachable",
            )  # fmt: skip


def _paged_teams(subject: Subject) -> set[str]:
    """Teams a page can be sent to: owners (true or catalogued) of services, and teams a fix or
    remedy names."""
    model = subject.model
    teams = {t for s in model.services.values() for t in (s.owner, s.catalog_owner) if t is not None}
    if subject.scenario is not None:
        teams.update(t for fault in subject.scenario.faults for _, action in fault.actions() for t in action.teams)
    return teams & set(model.teams)


def override_empties_slot(subject: Subject) -> Iterator[Finding]:
    """An override in a scenario that moves a person off a team, or off an on-call slot, leaving
    a slot of the rota the org filled empty: a page then skips a step (or reaches nobody) in a
    way the author rarely meant, and nothing else in the file says so."""
    for team, slot, person in _emptied_slots(subject):
        spec = subject.model.people[person]
        how = f"moves {person} to team {spec.team}" if spec.team != team else f"makes {person} on_call: {spec.on_call}"
        yield finding(
            subject, ("people", person), "override-empties-slot",
            f"this override {how}, which leaves the {slot} on-call slot of team {team} empty",
            hint=f"give another {team} person on_call: {slot} here, or leave {person} as the org file has them", on_key=True,
        )  # fmt: skip


def _emptied_slots(subject: Subject) -> list[tuple[str, str, str]]:
    """(team, slot, person who left it) for every rota slot the org file fills for a team and the
    scenario's overrides leave empty; one person per emptied slot, the first by name."""
    if subject.org_data is None or subject.scenario is None:
        return []
    before = rota_of(subject.org_data)
    after = {p: (spec.team, spec.on_call) for p, spec in subject.model.people.items()}
    filled = set(after.values())
    found = []
    for team, slot in sorted({(t, s) for t, s in before.values() if s in SLOTS}):
        if (team, slot) in filled:
            continue
        left = sorted(p for p, place in before.items() if place == (team, slot) and after.get(p) != place)
        if left:
            found.append((team, slot, left[0]))
    return found

