"""The post-incident report: a blameless postmortem in Markdown, made from the scenario and the log.

Summary, customer impact, timeline, roles, what helped and what hurt (the scorecard's credits and
deductions), and follow-ups derived from what the log shows (a stale catalog entry, a noisy
alert, a page missed on a plane, the fault itself). The text is a pure function of its inputs:
no dates, no clock, the same bytes for the same log.

Everything that comes from a scenario author, a generated name or the trainee's own words is
escaped, so it reads as the text it is and never as Markdown. The timeline picks its events here
and takes their words from the phrasebook (`sim.reading.narrate`), escaped by the report's voice.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from sim.log import events as ev
from sim.log.clock import format_clock, format_duration
from sim.log.eventlog import Entry
from sim.log.printable import printable
from sim.reading.names import IC
from sim.reading.narrate import MISSED, ROLE_TITLES, THE_IC, YOU, Cast, Voice, story
from sim.reading.outcome import outcome
from sim.scenario.commands import ROLES
from sim.scenario.levels import level_named

if TYPE_CHECKING:
    from sim.scenario.model import Scenario

_SPECIAL = re.compile(r"([\\`*_\[\]<>|~#!{}])")


def md(text: str) -> str:
    """Plain text made safe inline in Markdown (tables included): shown as typed, never as markup.

    Control characters are shown as escapes first (`sim.log.printable`): the report goes to a
    terminal or a file that someone will `cat`. Then whitespace runs become one space.
    """
    one_line = " ".join(printable(str(text)).split())
    return _SPECIAL.sub(r"\\\1", one_line).replace("&", "&amp;")


def code(name: str) -> str:
    """An identifier (service, alert, fault, team): validated names, shown as code; anything else
    (a recording can say anything) as text, through `md`."""
    return f"`{name}`" if re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*", name) else md(name)


REPORT = replace(THE_IC, text=md, ident=code)  # the Scribe's voice, outside words escaped for Markdown


@dataclass
class _Facts:
    """What the report needs, gathered in one pass over the log."""

    names: dict[str, str] = field(default_factory=dict)
    teams: dict[str, str] = field(default_factory=dict)
    moments: list[tuple[int, int, str]] = field(default_factory=list)  # (t, seq, text)
    first_fault: int | None = None
    detected: tuple[int, str] | None = None  # (t, alert)
    declared: tuple[int, str] | None = None
    severities: list[tuple[int, str]] = field(default_factory=list)
    true_severities: list[tuple[int, str]] = field(default_factory=list)
    peak: tuple[float, int] = (0.0, 0)  # (share, t)
    mitigated_at: int | None = None  # the IC said so
    resolved_at: int | None = None
    health: dict[str, str] = field(default_factory=dict)
    affected: dict[str, list[list[int | None]]] = field(default_factory=dict)  # service -> [[from, to]]
    worst: dict[str, str] = field(default_factory=dict)
    roles: dict[str, list[list[Any]]] = field(default_factory=dict)  # role -> [[person, from, to]]
    faults: dict[str, tuple[str, bool]] = field(default_factory=dict)  # fault -> (service, fixed)
    alert_fired: dict[str, int] = field(default_factory=dict)
    alert_false: dict[str, int] = field(default_factory=dict)  # fired while its service was healthy
    missed: list[tuple[int, str, str]] = field(default_factory=list)
    looked_up: set[str] = field(default_factory=set)
    dead_ends: list[tuple[str, str, int]] = field(default_factory=list)  # (manager, person, seconds lost)
    responders: list[str] = field(default_factory=list)


def _at_level(scenario: Scenario, level: str | None) -> str:
    """', played at level `hard` (Hard: a noisy pager)' when the drill was played at a level."""
    if level is None:
        return ""
    found = level_named(scenario, level)
    return f", played at level `{level}`" + (f" ({md(found.title)})" if found is not None else "")


def render_report(scenario: Scenario, entries: list[Entry], card: Any = None, level: str | None = None) -> str:
    """The report as Markdown. ``card`` is the `sim.reading.scoring.Scorecard` of the same log, or None;
    ``level`` the difficulty level the drill was played at (`LoadedScenario.level`), None as written."""
    facts = _gather(scenario, entries)
    result = outcome(entries)
    meta = scenario.scenario
    parts = [
        f"# Post-incident report: {md(meta.title)}",
        "",
        f"Training drill `{meta.id}`{_at_level(scenario, level)}. Blameless: this report looks at how the response went, not at who to blame.",
        "",
        *_summary(scenario, facts, result),
        *_impact(scenario, facts, result),
        *_timeline(facts),
        *_roles(facts),
        *_helped_hurt(card),
        *_follow_ups(scenario, facts),
    ]
    return "\n".join(parts).rstrip() + "\n"


# --- one pass over the log --------------------------------------------------------------------


# The events the timeline tells, in the narrator's words (`sim.reading.narrate`); alerts only the
# first time each fires, fixes but not investigations, and the IC's calls of mitigated and resolved.
_TOLD = (
    ev.FaultStarted, ev.FaultGrew, ev.FaultFixed, ev.FaultMitigated, ev.FaultReturned, ev.FaultWorsened,
    ev.FaultShareRose, ev.ImpactChanged, ev.Paged, ev.PageAcknowledged,
    ev.PageMissed, ev.Escalated, ev.SeveritySet, ev.TaskReported, ev.EvidenceShared, ev.StatusUpdate,
    ev.RoleAssigned, ev.RoleReleased, ev.TimelineNote, ev.ManagerTheory, ev.DeadEndEnded,
    ev.ManagerRedirected, ev.SalesQualified, ev.ExecutiveRequested, ev.ExecutiveAnswered, ev.PulledOff,
    ev.ConflictRaised, ev.ConflictDecided, ev.DrillEnded,
    ev.TicketOpened, ev.TicketAnswered,  # vendors
    ev.InjectApplied, ev.InjectRefused, ev.PersonSaid, ev.PersonLeft,  # a facilitator's injects (issue 14)
)


def _told(e: ev.Event, first_alert: bool) -> bool:
    if isinstance(e, ev.AlertFired):
        return first_alert
    if isinstance(e, ev.TaskAssigned):
        return e.action != "investigate"
    if isinstance(e, ev.PhaseChanged):
        return e.phase in ("mitigated", "resolved")
    return isinstance(e, _TOLD)


def timeline(scenario: Scenario, entries: list[Entry], voice: Voice = YOU) -> list[tuple[int, str]]:
    """The report's timeline as (sim time, line): the same events in the same order, told in
    `voice` (by default to the player, unescaped: the game's debrief shows it as plain text)."""
    moments = _gather(scenario, entries, voice).moments
    return [(t, text) for t, _, text in sorted(moments, key=lambda m: (m[0], m[1]))]


def _gather(scenario: Scenario, entries: list[Entry], voice: Voice = REPORT) -> _Facts:
    f = _Facts()
    f.teams = {p: person.team for p, person in sorted(scenario.people.items())}
    cast = Cast(f.names, f.teams)
    services = scenario.services
    f.health = {s: "ok" for s in sorted(services)}
    seen_alerts: set[str] = set()
    chasing: dict[str, str] = {}  # person on a dead end -> the manager who sent them

    def joined(person: str) -> None:
        if person != IC and person not in f.responders:
            f.responders.append(person)

    for entry in entries:
        e, t = entry.event, entry.t
        first_alert = False
        if isinstance(e, ev.PersonListed):
            f.names[e.person] = e.name
            f.teams[e.person] = e.team
        elif isinstance(e, ev.FaultStarted):
            f.first_fault = t if f.first_fault is None else f.first_fault
            f.faults[e.fault] = (e.service, False)
        elif isinstance(e, ev.FaultFixed):
            f.faults[e.fault] = (e.service, True)
        elif isinstance(e, ev.HealthChanged):
            _health(f, e.service, e.health, t)
        elif isinstance(e, ev.ImpactChanged):
            f.true_severities.append((t, e.severity))
            if e.impact > f.peak[0]:
                f.peak = (e.impact, t)
        elif isinstance(e, ev.AlertFired):
            f.alert_fired[e.alert] = f.alert_fired.get(e.alert, 0) + 1
            if f.health.get(e.service, "ok") == "ok":
                f.alert_false[e.alert] = f.alert_false.get(e.alert, 0) + 1
            first_alert = e.alert not in seen_alerts
            seen_alerts.add(e.alert)
        elif isinstance(e, ev.Paged):
            if e.person == IC:
                f.detected = f.detected or (t, e.by.removeprefix("alert "))
            else:
                joined(e.person)
        elif isinstance(e, ev.PageMissed):
            f.missed.append((t, e.person, e.reason))
        elif isinstance(e, ev.SeveritySet):
            f.severities.append((t, e.severity))
            if e.previous is None:
                f.declared = (t, e.severity)
        elif isinstance(e, ev.TaskAssigned):
            joined(e.person)
        elif isinstance(e, ev.RoleAssigned):
            joined(e.person)
            f.roles.setdefault(e.role, []).append([e.person, t, None])
        elif isinstance(e, ev.RoleReleased):
            for tenure in f.roles.get(e.role, []):
                if tenure[0] == e.person and tenure[2] is None:
                    tenure[2] = t
        elif isinstance(e, ev.OwnerFound):
            f.looked_up.add(e.service)
        elif isinstance(e, ev.DeadEndStarted):
            chasing[e.person] = e.manager
        elif isinstance(e, ev.DeadEndEnded):
            f.dead_ends.append((chasing.pop(e.person, ""), e.person, e.lost))
        elif isinstance(e, ev.PhaseChanged):
            if e.phase == "mitigated":
                f.mitigated_at = t
            elif e.phase == "resolved":
                f.resolved_at = t
        if _told(e, first_alert):
            f.moments.append((t, entry.seq, _inject_line(scenario, e, voice) or story(e, voice, cast)))
    return f


def _inject_line(scenario: Scenario, e: ev.Event, voice: Voice) -> str | None:
    """The timeline's line for a facilitator's inject, with the title the facilitator saw; None
    for any other event (the narrator tells those)."""
    if not isinstance(e, ev.InjectApplied) or "inject" not in e.request:
        return None
    title = next((i.title for i in scenario.injects if i.id == e.request["inject"]), None)
    told = f": {voice.text(title)}" if title else ""
    return f"(hidden) The facilitator sent the inject {voice.ident(e.request['inject'])}{told}."


def _health(f: _Facts, service: str, health: str, t: int) -> None:
    before = f.health.get(service, "ok")
    f.health[service] = health
    spans = f.affected.setdefault(service, []) if health != "ok" or service in f.affected else None
    if spans is None:
        return
    if health != "ok" and before == "ok":
        spans.append([t, None])
    elif health == "ok" and spans and spans[-1][1] is None:
        spans[-1][1] = t
    if health == "down" or (health == "degraded" and f.worst.get(service) != "down"):
        f.worst[service] = health


def _pct(share: float) -> str:
    return f"{share * 100:.0f}%"


# --- sections ------------------------------------------------------------------------------


def _summary(scenario: Scenario, f: _Facts, result) -> list[str]:
    start = f.first_fault if f.first_fault is not None else 0
    faults = ", ".join(f"{code(s)} ({code(fault)})" for fault, (s, _) in f.faults.items()) or "none recorded"
    if f.resolved_at is not None:
        status = f"Resolved at {format_clock(f.resolved_at)}"
        duration = f"{format_duration(f.resolved_at - start)} from the first fault to resolution"
    else:
        status = f"Not resolved: still open when the drill ended at {format_clock(result.ended_at)} ({md(result.ended_by)})"
        duration = f"{format_duration(result.ended_at - start)} from the first fault to the end of the drill, still open"
    declared = f"{md(f.declared[1])} at {format_clock(f.declared[0])}" if f.declared else "never declared"
    called = _highest(scenario, [s for _, s in f.severities])
    true_peak = _highest(scenario, [s for _, s in f.true_severities])
    severity = f"declared {declared}"
    if called and f.declared and called != f.declared[1]:
        severity += f", highest {md(called)}"
    severity += f"; the impact warranted {md(true_peak) if true_peak else 'no severity'} at its peak"
    detected = f"{format_clock(f.detected[0])}, by alert {code(f.detected[1])}" if f.detected else "not detected"
    summary = _story(scenario, f, result)
    return [
        "## Summary",
        "",
        summary,
        "",
        "| | |",
        "| --- | --- |",
        f"| Status | {status} |",
        f"| Duration | {duration} |",
        f"| Severity | {severity} |",
        f"| What failed | {faults} |",
        f"| Detected | {detected} |",
        f"| Mitigated | {_mitigated(f, result)} |",
        "",
    ]


def _story(scenario: Scenario, f: _Facts, result) -> str:
    """Two or three plain sentences: what broke, who felt it, how it ended."""
    if not f.faults:
        return "No fault started during the drill."
    first = next(iter(f.faults.items()))
    fault, (service, _) = first
    customer = [s for s in f.affected if scenario.services.get(s) and scenario.services[s].traffic > 0]
    felt = f" Customers felt it through {_join([code(s) for s in customer])}." if customer else ""
    peak = f" At its peak {_pct(f.peak[0])} of customers were affected." if f.peak[0] > 0 else ""
    if result.resolved:
        end = f" The incident was mitigated after {format_duration(result.time_to_mitigate)} and resolved at {format_clock(f.resolved_at)}."
    elif result.time_to_mitigate is not None:
        end = f" Customer impact ended after {format_duration(result.time_to_mitigate)}, but the incident was not closed."
    else:
        end = " Customer impact had not ended when the drill stopped."
    return f"At {format_clock(f.first_fault)} {code(service)} became unhealthy ({code(fault)}).{felt}{peak}{end}"


def _mitigated(f: _Facts, result) -> str:
    if result.time_to_mitigate is None:
        return "no: customers were still affected at the end"
    said = f"; the IC called it at {format_clock(f.mitigated_at)}" if f.mitigated_at is not None else ""
    return f"customer impact ended {format_duration(result.time_to_mitigate)} after the first fault{said}"


def _impact(scenario: Scenario, f: _Facts, result) -> list[str]:
    ttm = format_duration(result.time_to_mitigate) if result.time_to_mitigate is not None else "not mitigated"
    peak = f"{_pct(f.peak[0])} of customers (from {format_clock(f.peak[1])})" if f.peak[0] > 0 else "none"
    lines = [
        "## Customer impact",
        "",
        f"- Peak: {peak}",
        f"- Customer-impact-minutes: {result.customer_impact_minutes:.1f} (the share of customers affected, over time)",
        f"- Time to mitigate: {ttm}",
    ]
    customer, internal = [], []
    for service, spans in sorted(f.affected.items()):
        model = scenario.services.get(service)
        when = ", ".join(
            f"{format_clock(a)} to {format_clock(b) if b is not None else 'the end'}" for a, b in spans
        )
        text = f"{code(service)}: {f.worst.get(service, 'degraded')}, {when}"
        (customer if model is not None and model.traffic > 0 else internal).append((model, text))
    if customer:
        lines.append("- Customer-facing services affected:")
        lines += [f"  - {text} ({_pct(model.traffic)} of traffic enters here)" for model, text in customer]
    else:
        lines.append("- Customer-facing services affected: none")
    if internal:
        lines.append("- Internal services affected:")
        lines += [f"  - {text}" for _, text in internal]
    lines.append("")
    return lines


def _timeline(f: _Facts) -> list[str]:
    lines = ["## Timeline", "", "Times are from the start of the drill (T+MM:SS).", "", "| time | what happened |", "| --- | --- |"]
    lines += [f"| {format_clock(t)} | {text} |" for t, _, text in sorted(f.moments, key=lambda m: (m[0], m[1]))]
    lines.append("")
    return lines


def _roles(f: _Facts) -> list[str]:
    def name(person: str) -> str:
        return md(f.names.get(person, person))

    lines = ["## Roles", "", "| role | held by |", "| --- | --- |", "| Incident Commander | the trainee |"]
    for role in ROLES:
        tenures = f.roles.get(role, [])
        if not tenures:
            held = "IC (held by the trainee)"
        else:
            spans = []
            for person, start, end in tenures:
                until = f" to {format_clock(end)}" if end is not None else ""
                spans.append(f"{name(person)} (from {format_clock(start)}{until})")
            held = "; ".join(spans)
            if tenures[0][1] > 0:
                held = f"IC (held by the trainee) until {format_clock(tenures[0][1])}, then {held}"
        lines.append(f"| {ROLE_TITLES[role]} | {held} |")
    lines.append("")
    if f.responders:
        people = ", ".join(f"{name(p)} ({code(f.teams.get(p, '?'))})" for p in f.responders)
        lines += [f"Responders: {people}.", ""]
    return lines


def _helped_hurt(card: Any) -> list[str]:
    if card is None:
        unscored = "- Not scored: scoring was not available when this report was made."
        return ["## What helped", "", unscored, "", "## What hurt", "", unscored, ""]
    helped, hurt = [], []
    for order, (dim, finding) in enumerate((d, f) for d in card.dimensions for f in d.findings):
        # Findings carry their own T+MM:SS; those about the whole run (no time) come last.
        key = (finding.t if finding.t is not None else float("inf"), order)
        line = f"- {md(finding.text)} ({md(dim.name)})"
        if finding.points > 0:
            helped.append((key, line))
        elif finding.points < 0:
            hurt.append((key, line))
    lines = ["## What helped", ""]
    lines += [line for _, line in sorted(helped)] or ["- Nothing the scorecard credits."]
    lines += ["", "## What hurt", ""]
    lines += [line for _, line in sorted(hurt)] or ["- Nothing the scorecard deducts."]
    lines += ["", f"Overall score: {card.overall:.1f}/100.", ""]
    return lines


def _follow_ups(scenario: Scenario, f: _Facts) -> list[str]:
    items: list[str] = []
    for fault_id, (service, fixed) in f.faults.items():
        fault = next((x for x in scenario.every_fault() if x.id == fault_id), None)
        evidence = f" Evidence: {md(fault.evidence[0])}" if fault is not None and fault.evidence else ""
        owner = _owner(scenario, service)
        if fixed:
            items.append(f"Prevent recurrence of {code(fault_id)} on {code(service)}{owner}.{evidence}")
        else:
            items.append(f"Fix {code(fault_id)} on {code(service)}{owner}: still unfixed when the drill ended.{evidence}")
    involved = set(f.affected) | f.looked_up
    for service in sorted(involved):
        model = scenario.services.get(service)
        if model is None:
            continue
        if model.catalog_missing:
            items.append(f"Update the service catalog for {code(service)}: it lists no owner; the owner is {code(model.owner)}.")
        elif model.catalog_owner and model.catalog_owner != model.owner:
            items.append(
                f"Update the service catalog for {code(service)}: it lists {code(model.catalog_owner)}; the owner is {code(model.owner)}."
            )
        if not model.monitored:
            items.append(f"Add monitoring to {code(service)}: it was affected and no alert or dashboard showed it.")
    for alert, count in sorted(f.alert_false.items()):
        times = "once" if count == 1 else f"{count} times"
        service = next((a.service for a in scenario.alerts if a.id == alert), None)
        on = f" on {code(service)}" if service else ""
        items.append(f"Tune alert {code(alert)}{on}: it fired {times} while its service was healthy.")
    missed_by_team: dict[str, list[str]] = {}
    for _, person, reason in f.missed:
        team = f.teams.get(person, "?")
        note = f"{md(f.names.get(person, person))} ({MISSED.get(reason, md(reason))})"
        if note not in missed_by_team.setdefault(team, []):
            missed_by_team[team].append(note)
    for team, notes in sorted(missed_by_team.items()):
        items.append(f"Review on-call coverage for {code(team)}: pages were missed by {_join(notes)}.")
    for manager, person, lost in f.dead_ends:
        who = md(f.names.get(manager, manager)) if manager else "a manager"
        items.append(
            f"Agree with {who} that requests to responders go through the IC: a side theory cost "
            f"{md(f.names.get(person, person))} {format_duration(lost)}."
        )
    lines = ["## Follow-ups", ""]
    lines += [f"- [ ] {item}" for item in items] or ["- None found in the log."]
    lines.append("")
    return lines


def _owner(scenario: Scenario, service: str) -> str:
    model = scenario.services.get(service)
    if model is not None and model.vendor is not None:
        return f" (run by {md(model.vendor.name or service)}, a third party)"
    return f" (owner: {code(model.owner)})" if model is not None else ""


def _highest(scenario: Scenario, names: list[str]) -> str | None:
    """The most severe of ``names`` by the scenario's ladder (listed from the most severe)."""
    ladder = [level.name for level in scenario.severity.levels]
    ranked = [n for n in names if n in ladder]
    if ranked:
        return min(ranked, key=ladder.index)
    others = [n for n in names if n and n != "none"]
    return others[-1] if others else None


def _join(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]
