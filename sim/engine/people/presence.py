"""Who is where when the drill begins: in the channel already (`present: true`), or asleep.

A present person is in the incident channel from T+0, as if they had acknowledged a page then: a
responder is available for work without a page; a manager, the Head of Sales or the executive is
in the room (and keeps the timing the scenario gives them, see `sim.engine.stakeholders`), not on
the rota. Either way the log says so with `person_present`, so the view shows them in the room.

At night (the setting's time between 23:00 and 07:00) anyone whose reachability the scenario
leaves out may be asleep: one draw per person, each from their own stream (`setting/asleep/ID`),
so adding a person never changes who else sleeps, and no stream an existing scenario uses is
touched. An on-call primary is as likely asleep as anyone at 3 am: being woken is the point of a
page. A manager may sleep too (and joins late); the Head of Sales and the executive do not: the
account's call that sets them going has woken them already. Who was asleep is hidden truth (`person_asleep`); the IC sees it only in how slowly they answer.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sim.engine.people.model import AVAILABLE, Responder
from sim.log.events import PersonAsleep, PersonPresent
from sim.reading.staffing import RESPONDER, STAKEHOLDER
from sim.scenario.setting import is_night

if TYPE_CHECKING:
    from sim.engine.engine import Engine


class Presence:
    def __init__(self, engine: Engine, people: dict[str, Responder]) -> None:
        self.engine = engine
        self.people = people
        self.reach = {pid: r.spec.reachability for pid, r in people.items()}
        self.asleep: list[str] = []  # put to sleep by the night, in id order
        setting = engine.scenario.setting
        if is_night(setting):
            assert setting is not None
            woken = _woken_by_the_account(engine)
            for pid in sorted(people):
                spec = people[pid].spec
                # Only a reachability the author left out is the night's to decide.
                if spec.present or "reachability" in spec.model_fields_set or pid in woken:
                    continue
                if engine.streams.get(f"setting/asleep/{pid}").random() < setting.asleep_chance:
                    self.reach[pid] = "asleep"
                    self.asleep.append(pid)

    def present(self) -> list[str]:
        return [pid for pid in sorted(self.people) if self.people[pid].spec.present]

    def start(self, acknowledged: set[str]) -> None:
        stakeholders = self.engine.stakeholders.ids
        for pid in self.present():
            stakeholder = pid in stakeholders
            if not stakeholder:
                self.people[pid].status = AVAILABLE
                acknowledged.add(pid)  # their team has someone in: no escalation is owed
            self.engine.emit(PersonPresent(pid, STAKEHOLDER if stakeholder else RESPONDER))
        for pid in self.asleep:
            self.engine.emit(PersonAsleep(pid))


def _woken_by_the_account(engine: Engine) -> set[str]:
    spec = engine.scenario.stakeholders
    return {x.person for x in (spec.head_of_sales, spec.executive) if x is not None}
