"""DMs answered (issue 11): a /dm that answers no question gets a `DmReplied` a little later, worded
from the person's own post; the view keeps each person's private thread with the IC.

The tiny world (tests/fixtures/tiny.yaml): Ann Lee (app) and Bob Stone (data) are primary on call
and acknowledge a page in about a minute; cy (data, secondary) is never paged here. Questions are
off unless a test turns them on.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from sim.engine import Engine
from sim.engine.people.dms import REPLY_AFTER
from sim.log import events as ev
from sim.reading.scoring import score
from sim.scenario import load_scenario
from tests.people.incident import joined, started

WAIT = 15 * 60  # far longer than any reply takes


def variant(loaded, people=None, **behaviour):
    scenario = loaded.scenario
    update = {"behaviour": scenario.behaviour.model_copy(update={"question_chance": 0.0, **behaviour})}
    if people:
        update["people"] = {pid: p.model_copy(update=people.get(pid, {})) for pid, p in scenario.people.items()}
    return dataclasses.replace(loaded, scenario=scenario.model_copy(update=update))


def replies(engine: Engine, person: str | None = None) -> list[tuple[int, ev.DmReplied]]:
    return [(e.t, e.event) for e in engine.log.entries if isinstance(e.event, ev.DmReplied) and person in (None, e.event.person)]


def until_reply(engine: Engine, person: str) -> tuple[int, ev.DmReplied]:
    before = len(replies(engine, person))
    while len(replies(engine, person)) == before:
        assert engine.now < WAIT * 4, "no reply came"
        engine.advance(engine.now + 5)
    return replies(engine, person)[-1]


def test_a_working_responder_answers_with_their_task_and_time_box(tiny):
    engine = started(variant(tiny))
    assert engine.submit("/page bob")
    joined(engine, "bob")
    assert engine.submit("/assign bob investigate db 10m")
    given = engine.now
    engine.advance(engine.now + 60)
    sent = engine.now
    assert engine.submit("/dm Bob how is it going?")
    t, reply = until_reply(engine, "bob")
    assert t >= sent + REPLY_AFTER
    assert reply == ev.DmReplied("bob", "working", "investigate db", given + 600 - t, None)
    message = engine.view.inbox[-1]
    assert (message.sender, message.event) == ("Bob Stone", reply)
    assert message.text == f"Working on investigate db, about {round((given + 600 - t) / 60)}m left on the time-box."


def test_a_free_responder_and_someone_not_in_the_incident_say_so(tiny):
    engine = started(variant(tiny))
    assert engine.submit("/dm cy are you around?")  # awake, never paged
    assert engine.submit("/page ann")
    joined(engine, "ann")
    assert engine.submit('/dm "Ann Lee" ping')
    engine.advance(engine.now + WAIT)
    said = {m.event.person: m.text for m in engine.view.inbox if isinstance(m.event, ev.DmReplied)}
    assert said == {"ann": "Free, what do you need?", "cy": "I'm not on this incident; page me if you need me."}


def test_someone_on_a_plane_never_replies(tiny):
    engine = started(variant(tiny, people={"ann": {"reachability": "on-a-plane"}}))
    assert engine.submit("/dm ann where are you?")
    assert engine.submit("/page ann")
    engine.advance(engine.now + WAIT)
    assert replies(engine, "ann") == []
    assert engine.view.dms["ann"] == [(61, "you", "where are you?")]


def test_someone_asleep_replies_only_once_a_page_wakes_them(tiny):
    engine = started(variant(tiny, people={"ann": {"reachability": "asleep"}}))
    assert engine.submit("/dm ann are you up?")
    engine.advance(engine.now + WAIT)
    assert replies(engine, "ann") == []
    assert engine.submit("/page ann")
    t, reply = until_reply(engine, "ann")
    acked = next(e.t for e in engine.log.entries if e.event == ev.PageAcknowledged("ann"))
    assert t >= acked + REPLY_AFTER and reply.topic == "free"


def test_the_thread_holds_questions_dms_and_replies_in_order(tiny):
    engine = started(variant(tiny, people={"bob": {"speed": 0.25}}, question_chance=1.0))  # 8 min of work
    assert engine.submit("/page bob")
    joined(engine, "bob")
    assert engine.submit("/assign bob investigate db")
    while not engine.view.questions:
        engine.advance(engine.now + 5)
    (asked_at, question), = [(e.t, e.event) for e in engine.log.entries if isinstance(e.event, ev.QuestionAsked)]
    assert engine.submit("/dm bob yes, go ahead")  # answers the question: no reply of its own
    answered_at = engine.now
    engine.advance(engine.now + 10)
    assert engine.submit("/dm BOB anything yet?")
    asked_again = engine.now
    t, reply = until_reply(engine, "bob")
    assert len(replies(engine)) == 1
    assert engine.view.dms == {
        "bob": [
            (asked_at, "bob", question.text),
            (answered_at, "you", "yes, go ahead"),
            (asked_again, "you", "anything yet?"),
            (t, "bob", "Working on investigate db; nothing to report yet."),
        ]
    }


def test_an_unknown_person_is_refused_and_no_thread_is_started(tiny):
    engine = started(variant(tiny))
    assert not engine.submit("/dm zed hello")
    assert engine.view.commands[-1].refused == "nobody called 'zed' in the directory"
    assert engine.view.dms == {}


def _session(loaded, seed: int) -> list[str]:
    engine = started(loaded, seed)
    assert engine.submit("/page bob") and engine.submit("/dm bob hi") and engine.submit("/dm ann hi")
    engine.advance(WAIT)
    return engine.log.lines()[1:]  # the header names package versions


def test_same_seed_same_replies(tiny):
    loaded = variant(tiny)
    first = _session(loaded, 4)
    assert first == _session(loaded, 4)
    assert sum('"kind":"dm_replied"' in line for line in first) == 2
    times = {tuple(line for line in _session(loaded, seed) if "dm_replied" in line) for seed in range(4, 8)}
    assert len(times) > 1  # the delay is drawn per seed


def test_a_reply_earns_nothing_in_the_scorecard(tiny):
    loaded = variant(tiny)
    engine = started(loaded)
    assert engine.submit("/page bob") and engine.submit("/dm bob hi")
    engine.advance(WAIT)
    assert replies(engine)
    without = [e for e in engine.log.entries if not isinstance(e.event, ev.DmReplied)]
    assert score(loaded.scenario, engine.log.entries).as_dict() == score(loaded.scenario, without).as_dict()


def test_a_stakeholder_in_the_channel_answers_in_character_and_not_before():
    """tests/people/fixtures/stakeholders.yaml: the manager mo joins at 3m, sal pushes from 4m, eve
    speaks at 8m. Before they show up they answer like anyone awake and off the incident."""
    room = load_scenario(Path(__file__).resolve().parent / "fixtures" / "stakeholders.yaml")
    engine = Engine(room, seed=1)
    engine.advance(61)
    assert engine.submit("/dm mo hi") and engine.submit("/dm eve hi")
    engine.advance(170)
    assert [e.topic for _, e in replies(engine)] == ["not-in-incident", "not-in-incident"]
    engine.advance(9 * 60)
    for person in ("mo", "sal", "eve"):
        assert engine.submit(f"/dm {person} thanks for joining")
    engine.advance(engine.now + WAIT)
    said = {e.person: e.topic for _, e in replies(engine)[2:]}
    assert said == {"mo": "manager", "sal": "sales", "eve": "executive"}
