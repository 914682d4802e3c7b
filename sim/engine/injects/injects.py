"""The engine's part of a live inject: whether a request can be carried out now, and carrying it out.

Each kind reuses the mechanism the scenario's own version of it has: an injected fault is played
by `World` as the scenario's faults are; a dropout takes a person off their task the way an
executive's pull does, and leaves them unreachable as a person on a plane is; a sales push is the
Head of Sales' push (the scenario's, or one that starts pushing now); a swoop is the executive's
request; a misleading report and a free-text `say` are a person's message in the room.

Nothing here draws from a random stream, so an inject moves no later draw of the drill: the same
drill with and without it differs only by what the inject itself does.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sim.engine.injects.requests import find_inject, normal, request_problem
from sim.engine.people.model import OFF, WORKING
from sim.log.events import InjectApplied, InjectRefused, PersonLeft, PersonSaid
from sim.scenario.model import Executive, HeadOfSales, Inject

if TYPE_CHECKING:
    from sim.engine.engine import Engine

GONE = "no-connectivity"  # how a person who dropped out answers pages and DMs: never

_HEALTH_WORDS = {"ok": "fine", "degraded": "degraded", "down": "down"}


class Injects:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.sent: set[str] = set()  # inject ids carried out: each happens once

    def problem(self, request: Any) -> str | None:
        """Why `request` cannot be carried out now (one line), or None."""
        engine = self.engine
        reason = request_problem(engine.scenario, request)
        if reason is not None:
            return reason
        if engine.ended:
            return "the drill has ended"
        if "say" in request:
            person = request["say"]["from"]
            if person in engine.people.gone:
                return f"{person} has dropped out of the incident"
            return None
        inject = find_inject(engine.scenario, request["inject"])
        assert inject is not None
        if inject.id in self.sent:
            return f"inject {inject.id!r} was already sent"
        if inject.kind in ("sales-push", "swoop") and engine.incident.phase is None:
            return "the incident is not detected yet: nobody pushes or swoops before there is one"
        if inject.kind == "swoop" and engine.stakeholders.request_open():
            return "an executive's request is already waiting for the IC's answer"
        if inject.person is not None and inject.person in engine.people.gone:
            return f"{inject.person} has dropped out of the incident"
        return None

    def apply(self, request: Any) -> str | None:
        """Carry `request` out now and log it; the reason it was refused, or None.

        A refusal is logged when the request itself is sound but the drill's state forbids it (an
        inject sent twice, a person who has dropped out): a replay meets the same state and
        refuses it again. A request that makes no sense for the scenario (`request_problem`), or
        one that comes after the drill has ended, is not logged: it never reached the drill."""
        engine = self.engine
        reason = self.problem(request)
        if reason is not None:
            if not engine.ended and request_problem(engine.scenario, request) is None:
                engine.emit(InjectRefused(normal(request), reason))
            return reason
        request = normal(request)
        engine.emit(InjectApplied(request))
        if "say" in request:
            engine.emit(PersonSaid(request["say"]["from"], request["say"]["text"]))
            return None
        inject = find_inject(engine.scenario, request["inject"])
        assert inject is not None
        self.sent.add(inject.id)
        {
            "fault": self._fault,
            "dropout": self._dropout,
            "sales-push": self._sales_push,
            "swoop": self._swoop,
            "misleading-report": self._misleading_report,
        }[inject.kind](inject)
        return None

    # --- the kinds -----------------------------------------------------------------------------

    def _fault(self, inject: Inject) -> None:
        assert inject.fault is not None
        # The fault's `at` counts from now; World plays it from there as one of the scenario's, and
        # a vendor that fixes faults on its service by itself fixes this one too.
        fault = inject.fault.model_copy(update={"at": self.engine.now + inject.fault.at})
        self.engine.world.add_fault(fault)
        self.engine.vendors.follow(fault)

    def _dropout(self, inject: Inject) -> None:
        engine, pid = self.engine, inject.person
        assert pid is not None
        r = engine.people.by_id[pid]
        engine.emit(PersonSaid(pid, inject.says or "Sorry, I have to drop off the incident now. I won't be reachable."))
        role = engine.roles.role_of(pid)
        if role is not None:
            engine.roles.release(role)
        if r.status == WORKING and r.process is not None and r.process.is_alive:
            # Pulled away for longer than the drill lasts: the task is never finished.
            r.away_until = engine.time_limit + 1
            r.process.interrupt("dropout")
        r.status = OFF
        engine.people.leave(pid, GONE)
        engine.emit(PersonLeft(pid))

    def _sales_push(self, inject: Inject) -> None:
        spec = self.engine.scenario.stakeholders.head_of_sales
        if spec is None:
            assert inject.person is not None
            spec = HeadOfSales(person=inject.person, starts=0, **({"account": inject.account} if inject.account else {}))
        self.engine.stakeholders.push_now(spec, inject.account, inject.says)

    def _swoop(self, inject: Inject) -> None:
        base = self.engine.scenario.stakeholders.executive
        person = inject.person or (base.person if base is not None else None)
        assert person is not None  # validation asks for a person when the scenario has no executive
        # The scenario's executive keeps their own figures unless the inject gives others; another
        # person swoops with the defaults. Held values are seconds already: copied, not re-read.
        spec = base if base is not None and base.person == person else Executive(person=person)
        changes = {k: getattr(inject, k) for k in ("request", "pulls", "takes") if getattr(inject, k) is not None}
        if inject.says is not None:
            self.engine.emit(PersonSaid(person, inject.says))
        self.engine.stakeholders.swoop(spec.model_copy(update={"at": 0, **changes}))

    def _misleading_report(self, inject: Inject) -> None:
        assert inject.person is not None and inject.service is not None and inject.claims is not None
        said = _HEALTH_WORDS[inject.claims]
        text = inject.says or f"Heads up: I'm hearing from support that {inject.service} is {said}. That's where I'd look."
        self.engine.emit(PersonSaid(inject.person, text))

