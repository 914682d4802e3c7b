"""The executive: at their time, once the incident is detected, they swoop in with a request (a
customer list, a customer call). Granted (/grant), it pulls responders off the fix, including
whoever joins while it is worked on; declined (/decline), it costs nothing; left unanswered, the
executive grabs a working engineer directly (and still waits for the IC's answer). The scenario's
lines for the executive (`lines`), in its terms (`terms.py`), come just before the request.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sim.log import events as ev
from sim.engine.people import AVAILABLE, WORKING
from sim.engine.stakeholders.terms import Terms
from sim.scenario.model import Executive

if TYPE_CHECKING:
    from sim.engine.stakeholders.commons import Commons

GRAB_RETRY = 60  # an executive who found nobody working to grab looks again this much later


@dataclass
class ExecutiveState:
    spec: Executive
    open: bool = False  # a request is waiting for the IC's answer
    spoke: bool = False  # has said something in the channel: a DM is answered in character
    grabbed: bool = False
    forestalled: bool = False  # a facilitator's swoop by the same executive came first: no second swoop


class ExecutiveRequest:
    def __init__(self, commons: Commons, spec: Executive) -> None:
        self.commons = commons
        self.engine = commons.engine
        self.incident = commons.incident
        self.state = ExecutiveState(spec)

    def start(self) -> None:
        self.engine.env.process(self._executive(self.state))

    def _executive(self, x: ExecutiveState):
        commons = self.commons
        yield from commons.sleep_until(x.spec.at)
        yield from commons.until_detected()
        if self.incident.over() or x.forestalled:
            return
        x.open = x.spoke = True
        for text in Terms(self.engine).executive_lines(x.spec.lines, x.spec.request):
            self.engine.emit(ev.ExecutiveSaid(x.spec.person, text))
        self.engine.emit(ev.ExecutiveRequested(x.spec.person, x.spec.request))
        grab_at = self.engine.now + x.spec.grabs_after
        while x.open and not self.incident.over():
            if self.engine.now >= grab_at:
                working = commons.responders(WORKING)
                if working:
                    x.grabbed = True
                    commons.pull(working[0], x.spec.person, x.spec.takes)
                    return  # the request stays open: the IC still owes an answer
                grab_at = self.engine.now + GRAB_RETRY
            yield from commons.wait(grab_at)

    # --- the IC's answer: /grant, /decline -----------------------------------------------------

    def grant(self) -> None:
        x, commons = self.state, self.commons
        x.open = False
        self.engine.emit(ev.ExecutiveAnswered(x.spec.person, "granted"))
        pulled = (commons.responders(WORKING) + commons.responders(AVAILABLE))[: x.spec.pulls]
        for r in pulled:
            commons.pull(r, x.spec.person, x.spec.takes)
        if len(pulled) < x.spec.pulls:
            self.engine.env.process(self._pull_later(x, x.spec.pulls - len(pulled), self.engine.now + x.spec.takes))
        commons.poke()

    def _pull_later(self, x: ExecutiveState, owed: int, until: int):
        """A grant made before enough people were in: whoever joins while the request is being
        worked on is pulled onto it too."""
        commons = self.commons
        while owed > 0 and not self.incident.over():
            yield self.engine.env.timeout(GRAB_RETRY)
            if self.engine.now >= until:
                return
            for r in (commons.responders(WORKING) + commons.responders(AVAILABLE))[:owed]:
                commons.pull(r, x.spec.person, x.spec.takes)
                owed -= 1

    def decline(self) -> None:
        x = self.state
        x.open = False
        self.engine.emit(ev.ExecutiveAnswered(x.spec.person, "declined"))
        self.commons.poke()
