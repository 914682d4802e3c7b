"""The Comms Lead: while they hold the role, they post the status update each time it falls due,
up to `behaviour.comms_lag` late, sometimes after asking the IC a short question first (answered
by /dm, the update goes out at once; unanswered, it goes out after the lag regardless). When an
update falls due is the incident's own cadence (`Incident.next_update_due`); the update's text
tells what the IC can see.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sim.log.clock import format_clock
from sim.engine.people import Responder
from sim.engine.stakeholders.terms import accounts

if TYPE_CHECKING:
    from sim.engine.engine import Engine
    from sim.engine.roles.holders import Roles

COMMS = "comms-lead"
_UNHEALTHY = ("degraded", "down")

COMMS_POLL = 15  # seconds between the Comms Lead's looks at the clock


class CommsLead:
    def __init__(self, engine: Engine, roles: Roles) -> None:
        self.engine = engine
        self.roles = roles
        self.incident = engine.incident
        self.behaviour = engine.scenario.behaviour

    def run(self, r: Responder, tenure: int):
        """The Comms Lead's work for one tenure of the role."""
        engine, env, incident, roles = self.engine, self.engine.env, self.incident, self.roles
        rng = engine.streams.get("comms")
        while roles.holds(COMMS, r.id, tenure) and not incident.over():
            due = incident.next_update_due()
            if due is None or engine.now < due:
                yield env.timeout(COMMS_POLL if due is None else min(COMMS_POLL, due - engine.now))
                continue
            lag = int(rng.integers(0, self.behaviour.comms_lag + 1))
            question = None
            if rng.random() < self.behaviour.comms_question_chance:
                # A /dm answers it (People.answer) and the update goes out at once; unanswered,
                # it goes out after the lag regardless.
                texts = self._questions()
                question = engine.people.asking.post(r.id, texts[int(rng.integers(len(texts)))])
            if lag:
                yield env.timeout(lag) if question is None else (question.answered | env.timeout(lag))
            if question is not None:
                engine.people.asking.lapse(question)
            if not roles.holds(COMMS, r.id, tenure) or incident.over():
                return
            due = incident.next_update_due()
            if due is not None and engine.now >= due:  # the IC may have posted one meanwhile
                engine.post_update(self.update_text())

    def _questions(self) -> list[str]:
        questions = [
            "Can I say we have found the cause, or is it still under investigation?",
            "Do we have an ETA I can give customers?",
            "Should this update go on the public status page, or internal only?",
        ]
        sales = self.engine.scenario.stakeholders.head_of_sales
        if sales is not None:
            questions.insert(0, f"Can I name {accounts(sales)[0]} in the public update?")
        return questions

    def update_text(self) -> str:
        """The Comms Lead's update: impact and current actions from what the IC can see, and the
        severity, status phase and next update by the incident's own cadence."""
        view, incident = self.engine.view, self.incident
        services = view.catalog.services
        hurt = [s for s in sorted(view.health) if view.health[s] in _UNHEALTHY and services[s].traffic > 0]
        impact = f"{view.observed_impact:.0%} of customers affected" + (f" ({', '.join(hurt)})" if hurt else "")
        working = [f"{p.name} on {p.task}" for _, p in sorted(view.people.items()) if p.task]
        actions = "; ".join(working) if working else "the team is assessing the cause"
        interval = incident.update_interval() or 600
        when = format_clock(self.engine.now + interval)
        return (
            f"[{incident.severity}, {incident.status_phase()}] Impact: {impact}. Current actions: {actions}. "
            f"Next update by {when} (in {interval // 60} min)."
        )
