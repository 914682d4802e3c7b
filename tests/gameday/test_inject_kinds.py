"""Each kind of inject has an effect the drill shows, carried out by the mechanism the scenario's
own version of it uses; a `say` is a person's message, its text never read as markup."""

from __future__ import annotations

from injects import events, joined, under_way


def test_an_injected_fault_starts_now_and_is_fixed_like_the_scenarios():
    engine = under_way()
    assert engine.inject({"inject": "cache-fails-too"}) is None
    engine.advance(engine.now + 1)
    (started,) = [e for e in events(engine, "fault_started") if e.fault == "cache-eviction-storm"]
    assert (started.service, engine.world.health["cache"]) == ("cache", "degraded")
    # An investigation finds it, and the scenario's remedy machinery fixes it.
    assert engine.submit("/page zoe")
    joined(engine, "zoe")
    assert engine.submit("/assign zoe investigate cache")
    while not any(r.service == "cache" for r in events(engine, "task_reported")):
        engine.advance(engine.now + 15)
    (report,) = [r for r in events(engine, "task_reported") if r.service == "cache"]
    assert "evictions at 40,000/s" in " ".join(report.findings)
    assert engine.submit("/assign zoe flush-cache cache")
    while "cache-eviction-storm" in engine.world.active:
        engine.advance(engine.now + 15)
    assert [e.fault for e in events(engine, "fault_fixed")] == ["cache-eviction-storm"]


def test_a_dropout_leaves_the_room_gives_up_the_task_and_answers_no_page():
    engine = under_way()
    assert engine.submit("/page dana")
    joined(engine, "dana")
    assert engine.submit("/assign dana investigate payments-db")
    engine.advance(engine.now + 30)
    assert engine.inject({"inject": "dana-drops-out"}) is None
    said, left = events(engine, "person_said")[-1], events(engine, "person_left")
    assert (said.person, [e.person for e in left]) == ("dana", ["dana"])
    assert engine.view.people["dana"].status == "off" and engine.view.staffing.task("dana") is None
    since = len(engine.log.entries)
    engine.advance(engine.now + 30 * 60)
    assert not [r for r in events(engine, "task_reported", since) if r.person == "dana"]  # the task is never finished
    assert engine.submit("/page dana")
    engine.advance(engine.now + 60)
    assert [(e.person, e.reason) for e in events(engine, "page_missed", since)] == [("dana", "no-connectivity")]
    assert engine.inject({"say": {"from": "dana", "text": "back!"}}) == "dana has dropped out of the incident"


def test_a_misleading_report_is_a_message_in_the_room_that_the_truth_contradicts():
    engine = under_way()
    assert engine.inject({"inject": "kenji-blames-auth"}) is None
    said = events(engine, "person_said")[-1]
    assert said.person == "kenji" and "auth must be down" in said.text
    assert engine.world.health["auth"] == "ok"
    assert engine.view.inbox[-1].text == said.text


def test_a_sales_push_comes_now_out_of_turn_and_qualify_answers_it():
    engine = under_way("sale-day-meltdown", at=150)  # the scenario's Head of Sales starts at 8m
    assert engine.inject({"inject": "hana-pushes-now"}) is None
    (push,) = events(engine, "sales_pushed")
    assert (push.person, push.account, push.pressure) == ("hana", "Initech", 1)
    assert push.text.startswith("Initech is on the phone")
    assert engine.submit("/qualify")


def test_a_swoop_comes_now_and_the_scenarios_own_swoop_does_not_come_again():
    engine = under_way("sale-day-meltdown", at=150)  # the scenario's executive swoops at 16m
    assert engine.inject({"inject": "jordan-swoops-early"}) is None
    engine.advance(engine.now + 1)
    assert [(e.person, e.request) for e in events(engine, "executive_requested")] == [("jordan", "customer-call")]
    assert engine.inject_problem({"inject": "jordan-swoops-early"}) == "inject 'jordan-swoops-early' was already sent"
    assert engine.submit("/decline")
    engine.advance(30 * 60)
    assert len(events(engine, "executive_requested")) == 1


def test_a_say_is_the_persons_message_as_typed():
    engine = under_way()
    text = "[bold red]checkout[/] is down?! \x1b[2J"
    assert engine.inject({"say": {"from": "kenji", "text": text}}) is None
    message = engine.view.inbox[-1]
    assert (message.sender, message.text) == ("Kenji Mori", text)  # the screen shows it through `printable`
