"""People in the channel from the start (`present: true`), and a manager's own join telling the
truth about reachability.

Authored drama used to happen only when the people it needs had been paged in: a conflict between
two experts, a manager's theory. Present people make it happen at its time, in every seed. Timings
are those of tests/people/fixtures/stakeholders.yaml: the fault starts and is detected at 1m; the
manager mo joins at 3m and DMs bob with his theory at 6m (set below); asleep_factor is 3.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from sim.engine import Engine
from sim.log import events as ev
from sim.play.drill import play
from sim.scenario import load_scenario
from sim.scenario.model import Conflict, Proposal

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "stakeholders.yaml"
DETECTED = 60
SEEDS = range(20)


@pytest.fixture(scope="module")
def room():
    return load_scenario(FIXTURE)


def variant(loaded, people=None, managers=None, conflicts=None, **stakeholders):
    """The room with some people changed ({id: {field: value}}) and its stakeholders replaced."""
    scenario = loaded.scenario
    update = {}
    if people:
        changed = dict(scenario.people)
        for pid, fields in people.items():
            changed[pid] = changed[pid].model_copy(update=fields)
        update["people"] = changed
    held = scenario.stakeholders.model_copy(
        update={"managers": managers if managers is not None else [], "head_of_sales": None, "executive": None, **stakeholders}
    )
    update["stakeholders"] = held
    if conflicts is not None:
        update["conflicts"] = conflicts
    return dataclasses.replace(loaded, scenario=scenario.model_copy(update=update))


def mo(loaded, **changes):
    return [loaded.scenario.stakeholders.managers[0].model_copy(update={"engineer": "bob", **changes})]


def kinds(engine, *types):
    return [(e.t, e.event) for e in engine.log.entries if isinstance(e.event, types)]


def argument(at="5m"):
    return Conflict(
        id="failover-or-restart",
        at=at,
        proposals=[
            Proposal(person="bob", action="restart", target="payments-db", evidence="the pool is full"),
            Proposal(person="cy", action="failover", target="payments-db", evidence="the primary is sick"),
        ],
    )


# --- present responders ------------------------------------------------------------------------


def test_a_present_person_is_available_from_t0_and_takes_work_without_a_page(room):
    engine = Engine(variant(room, people={"bob": {"present": True}}), seed=3)
    assert kinds(engine, ev.PersonPresent) == [(0, ev.PersonPresent("bob", "responder"))]
    assert engine.view.people["bob"].status == "available"
    assert "bob" in engine.view.present
    assert not engine.submit("/page bob")  # already in the room
    engine.advance(DETECTED + 1)
    assert engine.submit("/assign bob investigate payments-db 10m")
    assert engine.view.people["bob"].status == "working"
    assert not [e for _, e in kinds(engine, ev.Paged) if e.person == "bob"]
    assert any(m.sender == "Bob Stone" and "already" in m.text for m in engine.view.inbox)


def test_without_present_the_same_assign_is_refused_until_a_page_is_answered(room):
    engine = Engine(variant(room), seed=3)
    engine.advance(DETECTED + 1)
    assert not engine.submit("/assign bob investigate payments-db 10m")
    assert engine.view.rejections[-1][2].startswith("Bob Stone is not in the incident")


@pytest.mark.parametrize("seed", SEEDS)
def test_a_conflict_between_present_experts_fires_at_its_time_in_every_seed(room, seed):
    loaded = variant(room, people={"bob": {"present": True}, "cy": {"present": True}}, conflicts=[argument()])
    engine = play(loaded, seed, "idle")
    assert [t for t, _ in kinds(engine, ev.ConflictRaised)] == [300]


def test_the_same_conflict_between_absent_experts_waits_for_them(room):
    engine = play(variant(room, conflicts=[argument()]), 0, "idle")
    assert kinds(engine, ev.ConflictRaised) == []  # nobody paged them: authored drama cannot happen


@pytest.mark.parametrize("seed", SEEDS)
def test_a_theory_fires_at_theory_at_when_its_engineer_is_present(room, seed):
    engine = play(variant(room, people={"bob": {"present": True}}, managers=mo(room)), seed, "idle")
    assert kinds(engine, ev.ManagerTheory) == [(360, ev.ManagerTheory("mo", "bob", "cache"))]


def test_a_present_manager_is_in_the_room_from_t0_and_keeps_his_theory_time(room):
    loaded = variant(room, people={"mo": {"present": True}, "bob": {"present": True}}, managers=mo(room))
    engine = Engine(loaded, seed=0)
    engine.advance(1)
    assert (0, ev.PersonPresent("mo", "stakeholder")) in kinds(engine, ev.PersonPresent)
    assert engine.view.people["mo"].status == "off"  # in the room as a stakeholder, not on the rota
    assert kinds(engine, ev.ManagerJoined) == [(0, ev.ManagerJoined("mo"))]
    engine.advance(20 * 60)
    assert [t for t, _ in kinds(engine, ev.ManagerTheory)] == [360]


def test_the_expert_uses_present_people_before_paging_their_team(room):
    engine = play(variant(room, people={"bob": {"present": True}, "cy": {"present": True}}), 0, "expert")
    paged = {e.person for _, e in kinds(engine, ev.Paged)}
    assert not paged & {"bob", "cy"}  # the data team was in the room: nobody of it was paged
    workers = {e.person for _, e in kinds(engine, ev.TaskAssigned)}
    assert workers & {"bob", "cy"}
    assert engine.view.ended == "resolved"


def test_present_cannot_be_asleep_or_unreachable(tmp_path):
    text = FIXTURE.read_text().replace("ann: {name: Ann Lee,", "ann: {present: true, reachability: on-a-plane, name: Ann Lee,")
    path = tmp_path / "room.yaml"
    path.write_text(text)
    with pytest.raises(Exception) as raised:
        load_scenario(path)
    assert "people.ann" in str(raised.value) and "present" in str(raised.value)


# --- a manager's own join tells the truth ------------------------------------------------------


@pytest.mark.parametrize("reach", ["on-a-plane", "no-connectivity"])
def test_an_unreachable_manager_never_joins_and_never_pushes_a_theory(room, reach):
    loaded = variant(room, people={"mo": {"reachability": reach}, "bob": {"present": True}}, managers=mo(room))
    engine = play(loaded, 0, "idle")
    assert kinds(engine, ev.ManagerJoined) == []
    assert kinds(engine, ev.ManagerTheory) == []
    assert kinds(engine, ev.ManagerStayedAway) == [(180, ev.ManagerStayedAway("mo", reach))]
    assert not engine.view.managers


def test_escalation_to_an_unreachable_manager_is_never_answered(room):
    loaded = variant(room, people={"mo": {"reachability": "on-a-plane"}, "bob": {"reachability": "on-a-plane"},
                                   "cy": {"reachability": "on-a-plane"}})  # fmt: skip
    engine = Engine(loaded, seed=0)
    engine.advance(DETECTED + 1)
    assert engine.submit("/page data")
    for _ in range(2):  # secondary, then the manager
        engine.advance(engine.now + 300)
        assert engine.submit("/escalate data")
    engine.advance(40 * 60)
    assert (DETECTED + 601, ev.Escalated("data", "mo", "ic")) in kinds(engine, ev.Escalated)
    assert ev.PageMissed("mo", "on-a-plane") in [e for _, e in kinds(engine, ev.PageMissed)]
    assert not [e for _, e in kinds(engine, ev.PageAcknowledged) if e.person == "mo"]


def test_an_asleep_manager_joins_asleep_factor_times_later(room):
    awake = play(variant(room, managers=mo(room)), 0, "idle")
    asleep = play(variant(room, people={"mo": {"reachability": "asleep"}}, managers=mo(room)), 0, "idle")
    assert [t for t, _ in kinds(awake, ev.ManagerJoined)] == [180]
    assert [t for t, _ in kinds(asleep, ev.ManagerJoined)] == [180 * 3]


def test_the_new_events_read_back_from_a_recording(room):
    """Every field of a recording is checked as it is read: the people-and-setting events pass."""
    import json

    from sim.log.events import from_record, to_json, to_record
    from sim.log.shapes import record_problem
    from sim.scenario.model import Setting

    loaded = variant(room, people={"bob": {"present": True}, "mo": {"present": True}, "cy": {"reachability": "no-connectivity"}},
                     managers=mo(room))  # fmt: skip
    loaded = dataclasses.replace(loaded, scenario=loaded.scenario.model_copy(update={"setting": Setting(time="02:00")}))
    engine = play(loaded, 0, "idle")
    new = (ev.PersonPresent, ev.PersonAsleep)
    entries = [e for e in engine.log.entries if isinstance(e.event, new)]
    assert {type(e.event) for e in entries} == set(new)
    for entry in entries:
        record = json.loads(to_json(to_record(entry.seq, entry.t, entry.event)))
        assert record_problem(record) is None
        assert from_record(record) == (entry.seq, entry.t, entry.event)
    from sim.log.shapes import _fields

    for cls in (ev.PersonPresent, ev.PersonAsleep, ev.ManagerStayedAway, ev.ExecutiveSaid):
        assert _fields(cls)  # every field of a type the reader checks
