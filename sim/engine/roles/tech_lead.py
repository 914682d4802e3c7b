"""The Tech Lead and the check on them. Experts' reports reach the IC relayed through the Tech
Lead, and a relay, like any game of telephone, sometimes loses or changes a detail (a hidden
ReportDistorted says what); the Tech Lead also hands the fix an investigation suggests to someone
able to apply it. /evidence is the IC's check on the relay: the author shares their own words.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from sim.engine.incident import MITIGATED
from sim.log import events as ev
from sim.engine.people import AVAILABLE, WORKING, Responder

if TYPE_CHECKING:
    from sim.engine.engine import Engine
    from sim.engine.roles.holders import Roles

TECH = "tech-lead"

TL_RETRY = 30  # seconds between the Tech Lead's tries to find someone free
TL_PATIENCE = 600  # seconds the Tech Lead keeps trying before leaving the fix to the IC
TL_TIMEBOX = 600  # the time-box the Tech Lead gives with a fix


class TechLead:
    def __init__(self, engine: Engine, roles: Roles) -> None:
        self.engine = engine
        self.roles = roles
        self.incident = engine.incident
        self.behaviour = engine.scenario.behaviour
        self.evidence_pending: set[int] = set()  # tasks whose source evidence is on its way
        self._fixes_handled: set[str] = set()  # "action target" the Tech Lead took up or saw done

    def saw(self, report: ev.TaskReported) -> None:
        """Every report passes here: a fix reported done is not handed out again."""
        if report.action != "investigate":
            self._fixes_handled.add(f"{report.action} {report.service}")

    # --- the relay ---------------------------------------------------------------------------------

    def relay(self, report: ev.TaskReported, lead: str, tenure: int) -> None:
        """Pass an expert's report to the IC, and take up the fix it suggests."""
        engine = self.engine
        relayed, change = self._relay(report, lead)
        engine.emit(relayed)
        if change is not None:
            engine.emit(ev.ReportDistorted(report.task, lead, change))
        if report.suggests and report.action == "investigate":
            engine.env.process(self._lead_fix(lead, tenure, report))

    def _relay(self, report: ev.TaskReported, lead: str) -> tuple[ev.TaskReported, str | None]:
        """The copy the IC hears from the Tech Lead, and what it lost or changed (None: nothing)."""
        rng = self.engine.streams.get("relay")
        distort = rng.random() < self.engine.scenario.behaviour.relay_distortion
        relayed = replace(report, findings=list(report.findings), relayed_by=lead)
        if not distort:
            return relayed, None
        options = self._distortions(report)
        if not options:
            return relayed, None
        return options[int(rng.integers(len(options)))](relayed, rng)

    def _distortions(self, report: ev.TaskReported) -> list:
        graph = self.engine.graph
        options = []
        step = _step_line(report)
        evidence = [i for i, line in enumerate(report.findings) if i != step]
        if len(report.findings) >= 2 and evidence:

            def drop_line(copy, rng):
                i = evidence[int(rng.integers(len(evidence)))]
                findings = [line for j, line in enumerate(copy.findings) if j != i]
                return replace(copy, findings=findings), f"dropped evidence line: {copy.findings[i]!r}"

            options.append(drop_line)
        if report.suggests:

            def drop_suggestion(copy, rng):
                findings = [line for j, line in enumerate(copy.findings) if j != step]
                return replace(copy, findings=findings, suggests=None), f"dropped suggestion {copy.suggests!r}"

            options.append(drop_suggestion)
            action, target = report.suggests.split(maxsplit=1)
            near = _neighbours(graph, target)
            if near:

                def move_fix(copy, rng):
                    other = near[int(rng.integers(len(near)))]
                    findings = [_swap(line, target, other) if j == step else line for j, line in enumerate(copy.findings)]
                    return (
                        replace(copy, findings=findings, suggests=f"{action} {other}"),
                        f"changed suggested target {target} -> {other}",
                    )

                options.append(move_fix)
        elif report.points_to:
            target = report.points_to
            near = [s for s in _neighbours(graph, target) if s != report.service]
            if near:

                def move_pointer(copy, rng):
                    other = near[int(rng.integers(len(near)))]
                    findings = [_swap(line, target, other) for line in copy.findings]
                    return replace(copy, findings=findings, points_to=other), f"changed pointer {target} -> {other}"

                options.append(move_pointer)
        return options

    # --- handing out the suggested fix -------------------------------------------------------------

    def _lead_fix(self, lead: str, tenure: int, report: ev.TaskReported):
        """The Tech Lead acts on the author's own report: the suggested fix goes to someone able."""
        engine = self.engine
        env = engine.env
        rng = engine.streams.get("tech-lead")
        yield env.timeout(int(rng.integers(*_around(self.behaviour.tech_lead_lag, 4))))
        action, target = report.suggests.split(maxsplit=1)
        fix = f"{action} {target}"
        waited = 0
        incident = self.incident
        # Once mitigated the suggested fix is no longer needed: the Tech Lead stops handing it out.
        while self.roles.holds(TECH, lead, tenure) and not incident.over() and incident.phase != MITIGATED:
            if fix in self._fixes_handled or _under_way(engine, action, target):
                return
            person = self._fixer(report.person, target)
            if person is not None:
                self._fixes_handled.add(fix)
                engine.people.assign(person, action, target, TL_TIMEBOX, via=TECH)
                return
            if waited >= TL_PATIENCE:
                return
            yield env.timeout(TL_RETRY)
            waited += TL_RETRY

    def _fixer(self, author: str, target: str) -> Responder | None:
        """Who the Tech Lead gives a fix: its finder when able, else the first free person able."""
        people = self.engine.people
        free = [r for _, r in sorted(people.by_id.items()) if r.status == AVAILABLE and people.can_work_on(r, target)]
        return next((r for r in free if r.id == author), free[0] if free else None)

    # --- source evidence (/evidence) ---------------------------------------------------------------

    def ask_evidence(self, report: ev.TaskReported) -> None:
        """The IC asks a report's author for their own words; they come after the evidence lag."""
        self.evidence_pending.add(report.task)
        self.engine.emit(ev.EvidenceRequested(report.task, report.person))
        self.engine.env.process(self._share_evidence(report))

    def _share_evidence(self, report: ev.TaskReported):
        rng = self.engine.streams.get("evidence")
        yield self.engine.env.timeout(int(rng.integers(*_around(self.behaviour.evidence_lag, 6))))
        self.evidence_pending.discard(report.task)
        self.engine.emit(ev.EvidenceShared(report.task, report.person, list(report.findings), report.suggests))


def _step_line(report: ev.TaskReported) -> int | None:
    """Index of the findings line that states the suggested fix, if any."""
    if not report.suggests:
        return None
    return next((i for i, line in enumerate(report.findings) if report.suggests in line), None)


def _neighbours(graph, service: str) -> list[str]:
    if service not in graph:
        return []
    return sorted((set(graph.predecessors(service)) | set(graph.successors(service))) - {service})


def _swap(line: str, old: str, new: str) -> str:
    """Replace a service name as a whole word (names contain '-', so \\b is not enough)."""
    return re.sub(rf"(?<![\w-]){re.escape(old)}(?![\w-])", new, line)


def _under_way(engine: Engine, action: str, target: str) -> bool:
    return any(
        r.status == WORKING and r.task is not None and (r.task.action, r.task.service) == (action, target)
        for _, r in sorted(engine.people.by_id.items())
    )


def _around(typical: int, fraction: int) -> tuple[int, int]:
    """Integer bounds for a uniform draw within 1/fraction of `typical` either way (upper exclusive)."""
    spread = typical // fraction
    return typical - spread, typical + spread + 1
