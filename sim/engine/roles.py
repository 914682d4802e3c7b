"""Incident roles held by responders: Comms Lead, Scribe, Tech Lead, Deputy, liaisons.

The IC holds every role nobody fills. A role holder does the role's work and no task of their own:

- the **Comms Lead** posts the status updates on cadence, up to 90 s late, sometimes after asking
  the IC a short question (answered by /dm, the update goes out at once; unanswered, regardless);
- the **Scribe** writes the key moments into the timeline, shortly after they happen;
- the **Tech Lead** coordinates the experts: their reports reach the IC relayed, and a relay, like
  any game of telephone, sometimes loses or changes a detail (a hidden ReportDistorted says what);
  the Tech Lead also hands the fix a report suggests to someone able to apply it.

Reports reach the IC through `deliver`, which also remembers each author's own words for
`/evidence`. Role work runs as SimPy processes started from commands or from the log listener;
the listener itself never emits, so every note comes after a realistic lag.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from sim import events as ev
from sim.durations import format_clock
from sim.engine.people import AVAILABLE, ROLE, WORKING, Question, Responder
from sim.log import Entry

if TYPE_CHECKING:
    from sim.engine.engine import Engine

COMMS, SCRIBE, TECH = "comms-lead", "scribe", "tech-lead"
_UNHEALTHY = ("degraded", "down")
_RESOLVED = "resolved"

COMMS_POLL = 15  # seconds between the Comms Lead's looks at the clock
TL_RETRY = 30  # seconds between the Tech Lead's tries to find someone free
TL_PATIENCE = 600  # seconds the Tech Lead keeps trying before leaving the fix to the IC
TL_TIMEBOX = 600  # the time-box the Tech Lead gives with a fix


class Roles:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.behaviour = engine.scenario.behaviour
        self.holders: dict[str, str] = {}  # role -> person id
        self._tenure: dict[str, int] = {}  # role -> count of assignments, to retire old processes
        self.last_report: dict[str, ev.TaskReported] = {}  # person -> their last report, as they gave it
        self.evidence_pending: set[int] = set()  # tasks whose source evidence is on its way
        self._fixes_handled: set[str] = set()  # "action target" the Tech Lead took up or saw done

    def start(self) -> None:
        self.engine.log.subscribe(self._on_entry)

    # --- who holds what -------------------------------------------------------------------------

    def holder(self, role: str) -> Responder | None:
        """The person holding a role, or None when the IC holds it."""
        pid = self.holders.get(role)
        return self.engine.people.by_id[pid] if pid is not None else None

    def held_by(self, role: str) -> str:
        """The id of whoever holds a role: a person's, or "ic" when nobody fills it."""
        return self.holders.get(role, "ic")

    def role_of(self, person: str) -> str | None:
        return next((role for role, pid in sorted(self.holders.items()) if pid == person), None)

    def assign(self, r: Responder, role: str) -> None:
        self.holders[role] = r.id
        self._tenure[role] = self._tenure.get(role, 0) + 1
        r.status = ROLE
        self.engine.emit(ev.RoleAssigned(r.id, role))
        if role == COMMS:
            self.engine.env.process(self._comms(r, self._tenure[role]))

    def release(self, role: str) -> Responder:
        r = self.engine.people.by_id[self.holders.pop(role)]
        self._tenure[role] += 1
        if r.status == ROLE:
            r.status = AVAILABLE
        self.engine.emit(ev.RoleReleased(r.id, role))
        return r

    def _holds(self, role: str, person: str, tenure: int) -> bool:
        return self.holders.get(role) == person and self._tenure.get(role) == tenure

    def _over(self) -> bool:
        return self.engine.ended or self.engine.phase == _RESOLVED

    # --- reports, relayed through the Tech Lead -------------------------------------------------

    def deliver(self, report: ev.TaskReported) -> None:
        engine = self.engine
        self.last_report[report.person] = report
        if report.action != "investigate":
            self._fixes_handled.add(f"{report.action} {report.service}")
        lead = self.holder(TECH)
        if lead is None or report.person in (lead.id, "ic"):  # the IC's own hands-on work is not relayed
            engine.emit(report)
        else:
            relayed, change = self._relay(report, lead.id)
            engine.emit(relayed)
            if change is not None:
                engine.emit(ev.ReportDistorted(report.task, lead.id, change))
            if report.suggests and report.action == "investigate":
                engine.env.process(self._lead_fix(lead.id, self._tenure[TECH], report))
        engine.conflicts.freed(report.person)  # a decided proposal may be waiting for its author

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

    def _lead_fix(self, lead: str, tenure: int, report: ev.TaskReported):
        """The Tech Lead acts on the author's own report: the suggested fix goes to someone able."""
        engine = self.engine
        env = engine.env
        rng = engine.streams.get("tech-lead")
        yield env.timeout(int(rng.integers(*_around(self.behaviour.tech_lead_lag, 4))))
        action, target = report.suggests.split(maxsplit=1)
        fix = f"{action} {target}"
        waited = 0
        while self._holds(TECH, lead, tenure) and not self._over() and engine.phase != "mitigated":
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

    # --- source evidence (/evidence) --------------------------------------------------------------

    def ask_evidence(self, r: Responder) -> None:
        report = self.last_report[r.id]
        self.evidence_pending.add(report.task)
        self.engine.emit(ev.EvidenceRequested(report.task, r.id))
        self.engine.env.process(self._share_evidence(report))

    def _share_evidence(self, report: ev.TaskReported):
        rng = self.engine.streams.get("evidence")
        yield self.engine.env.timeout(int(rng.integers(*_around(self.behaviour.evidence_lag, 6))))
        self.evidence_pending.discard(report.task)
        self.engine.emit(ev.EvidenceShared(report.task, report.person, list(report.findings), report.suggests))

    # --- the Comms Lead ---------------------------------------------------------------------------

    def _comms(self, r: Responder, tenure: int):
        engine, env, view = self.engine, self.engine.env, self.engine.view
        rng = engine.streams.get("comms")
        while self._holds(COMMS, r.id, tenure) and not self._over():
            due = view.next_update_due()
            if due is None or engine.now < due:
                yield env.timeout(COMMS_POLL if due is None else min(COMMS_POLL, due - engine.now))
                continue
            lag = int(rng.integers(0, self.behaviour.comms_lag + 1))
            question = None
            if rng.random() < self.behaviour.comms_question_chance:
                # A /dm answers it (People.answer) and the update goes out at once; unanswered,
                # it goes out after the lag regardless.
                texts = self._comms_questions()
                question = Question(engine.next_id("question"), r.id, env.event())
                engine.people.questions[r.id] = question
                engine.emit(ev.QuestionAsked(question.id, r.id, texts[int(rng.integers(len(texts)))]))
            if lag:
                yield env.timeout(lag) if question is None else (question.answered | env.timeout(lag))
            if question is not None and engine.people.questions.get(r.id) is question:
                del engine.people.questions[r.id]
                engine.emit(ev.QuestionLapsed(question.id, r.id))
            if not self._holds(COMMS, r.id, tenure) or self._over():
                return
            due = view.next_update_due()
            if due is not None and engine.now >= due:  # the IC may have posted one meanwhile
                engine.emit(ev.StatusUpdate(self.update_text()))

    def _comms_questions(self) -> list[str]:
        questions = [
            "Can I say we have found the cause, or is it still under investigation?",
            "Do we have an ETA I can give customers?",
            "Should this update go on the public status page, or internal only?",
        ]
        sales = self.engine.scenario.stakeholders.head_of_sales
        if sales is not None:
            questions.insert(0, f"Can I name {sales.account} in the public update?")
        return questions

    def update_text(self) -> str:
        """The Comms Lead's update, from what the IC can see: impact, current actions, next update."""
        view = self.engine.view
        services = view.catalog.services
        hurt = [s for s in sorted(view.health) if view.health[s] in _UNHEALTHY and services[s].traffic > 0]
        impact = f"{view.observed_impact:.0%} of customers affected" + (f" ({', '.join(hurt)})" if hurt else "")
        working = [f"{p.name} on {p.task}" for _, p in sorted(view.people.items()) if p.task]
        actions = "; ".join(working) if working else "the team is assessing the cause"
        interval = view.update_interval() or 600
        when = format_clock(self.engine.now + interval)
        return (
            f"[{view.severity}, {view.status_phase}] Impact: {impact}. Current actions: {actions}. "
            f"Next update by {when} (in {interval // 60} min)."
        )

    # --- the Scribe -------------------------------------------------------------------------------

    def _on_entry(self, entry: Entry) -> None:
        scribe = self.holders.get(SCRIBE)
        if scribe is None:
            return
        text = self._moment(entry.event)
        if text is not None:
            self.engine.env.process(self._write(scribe, self._tenure[SCRIBE], text))

    def _write(self, scribe: str, tenure: int, text: str):
        rng = self.engine.streams.get("scribe")
        yield self.engine.env.timeout(int(rng.integers(self.behaviour.scribe_lag // 4, self.behaviour.scribe_lag + 1)))
        if self._holds(SCRIBE, scribe, tenure) and not self.engine.ended:
            self.engine.emit(ev.TimelineNote(scribe, text))

    def _moment(self, e: ev.Event) -> str | None:
        """A key moment's line in the timeline, or None for an event the Scribe lets pass."""
        name = self._name
        if isinstance(e, ev.SeveritySet):
            return f"Severity set to {e.severity}." if e.previous is None else f"Severity changed {e.previous} -> {e.severity}."
        if isinstance(e, ev.PhaseChanged):
            return f"Incident {e.phase}."
        if isinstance(e, ev.Escalated):
            who = "the IC" if e.by == "ic" else "the paging policy"
            return f"{e.team} escalated to {name(e.person)} by {who}."
        if isinstance(e, ev.TaskReported) and e.action != "investigate":
            return f"Fix reported by {name(e.person)}: {e.action} {e.service}. {' '.join(e.findings)}"
        if isinstance(e, ev.ConflictRaised):
            return "Disagreement: " + " vs ".join(e.proposals)
        if isinstance(e, ev.ConflictDecided):
            how = "decided by the IC" if e.by == "ic" else "settled by a poll"
            return f"Going with {name(e.person)}'s proposal ({how})."
        if isinstance(e, ev.StatusUpdate):
            return f"Status update posted: {e.text}"
        if isinstance(e, ev.EvidenceShared):
            return f"Source evidence from {name(e.person)}: {' '.join(e.findings)}"
        return None

    def _name(self, person: str) -> str:
        r = self.engine.people.by_id.get(person)
        return r.name if r is not None else person


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
