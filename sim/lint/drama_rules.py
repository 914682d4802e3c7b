"""Rules about authored drama: the people it needs must be able to come into the incident, and
it must come due before the drill ends."""

from __future__ import annotations

from collections.abc import Iterator

from sim.log.clock import format_duration
from sim.lint.facts import Facts, reachable
from sim.lint.finding import Finding, finding
from sim.lint.subject import Subject


def drama_off_path(subject: Subject, facts: Facts) -> Iterator[Finding]:
    """Drama whose people never come into the incident never plays: a manager who is on a plane
    (or without connectivity) never joins, so never pushes their theory; a named engineer of a
    theory, or a proposer of a conflict, who is neither present nor reachable through a page the
    IC has reason to send (the escalation path of a team owning a hurt service, or a team or
    person a fix names) never joins, so the theory or the conflict never comes. The Head of
    Sales and the executive speak in the channel whoever pages whom (the engine brings them in
    once the incident is detected), so they are not checked here."""
    scenario = subject.scenario
    assert scenario is not None
    for i, manager in enumerate(scenario.stakeholders.managers):
        path = ("stakeholders", "managers", i)
        if not scenario.people[manager.person].present and not reachable(scenario, manager.person):
            why = scenario.people[manager.person].reachability
            yield finding(
                subject, (*path, "person"), "drama-off-path",
                f"manager {manager.person} is {why}, so never joins the incident: this manager's drama never plays",
                hint=f"make {manager.person} reachable, or present",
            )  # fmt: skip
        elif manager.theory is not None and manager.engineer is not None and manager.engineer not in facts.on_path:
            yield finding(
                subject, (*path, "engineer"), "drama-off-path",
                f"{manager.engineer} is on no path into the incident, so the manager's theory never reaches them",
                hint=_on_path_hint(manager.engineer),
            )  # fmt: skip
    for i, conflict in enumerate(scenario.conflicts):
        for j, proposal in enumerate(conflict.proposals):
            if proposal.person not in facts.on_path:
                yield finding(
                    subject, ("conflicts", i, "proposals", j, "person"), "drama-off-path",
                    f"{proposal.person} is on no path into the incident, so conflict {conflict.id} is never raised",
                    hint=_on_path_hint(proposal.person),
                )  # fmt: skip
                break  # one proposer out is enough to say the conflict never comes


def drama_too_late(subject: Subject, facts: Facts) -> Iterator[Finding]:
    """Drama timed at or after the drill's time limit never plays: the drill is over first."""
    scenario = subject.scenario
    assert scenario is not None
    limit = scenario.end.time_limit
    stake = scenario.stakeholders
    timed = [(("stakeholders", "managers", i, "joins_at"), m.joins_at) for i, m in enumerate(stake.managers)]
    timed += [(("stakeholders", "managers", i, "theory_at"), m.theory_at) for i, m in enumerate(stake.managers) if m.theory]
    if stake.head_of_sales is not None:
        timed.append((("stakeholders", "head_of_sales", "starts"), stake.head_of_sales.starts))
    if stake.executive is not None:
        timed.append((("stakeholders", "executive", "at"), stake.executive.at))
    timed += [(("conflicts", i, "at"), c.at) for i, c in enumerate(scenario.conflicts)]
    for path, at in timed:
        if at >= limit:
            yield finding(
                subject, path, "drama-too-late",
                f"this comes at {format_duration(at)}, at or after the time limit of {format_duration(limit)}, so it never plays",
                hint="bring it forward, or raise end.time_limit",
            )  # fmt: skip


def _on_path_hint(person: str) -> str:
    return f"make {person} present, or an on-call of a team that owns a service the faults hurt"
