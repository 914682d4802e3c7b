"""The room's pure parts, checked on an engine without the app: the task board, what calls the
IC's attention, the DM threads, the service map's tree and drill-down, the header."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from test_room_and_debrief import SEED, opened, sale_day

from sim.engine import Engine
from sim.scenario import load_scenario
from sim.scenario.public import ServiceCard
from tui.widgets.attention import PAGE, attention_keys, new_attention
from tui.widgets.dms import dm_threads
from tui.widgets.service_map import service_detail, service_tree
from tui.widgets.status_bar import impact_meter, status_line
from tui.widgets.task_board import board_text, task_rows

TINY = Path(__file__).resolve().parent.parent / "fixtures" / "tiny.yaml"


def walk(nodes):
    for node in nodes:
        yield node
        yield from walk(node.children)


def test_the_task_board_counts_down_then_marks_overdue_then_done():
    engine = Engine(load_scenario(TINY), 0)
    engine.advance(90)
    for command in ("/ack", "/page data"):
        assert engine.submit(command)
    engine.advance(200)  # bob has acknowledged (1 min)
    assert engine.submit("/assign bob investigate db 3m"), engine.view.rejections
    engine.advance(210)
    [row] = task_rows(engine.view)
    assert (row.person, row.action, row.service, row.assigned_at, row.due) == ("bob", "investigate", "db", 200, 380)
    assert "bob investigate db  2m50s left" in board_text((row,), 210).plain
    assert "OVERDUE 1m" in board_text((row,), 440).plain  # past the time-box, not reported
    engine.advance(400)  # bob reports at T+06:06: the investigation takes 2 minutes once he is on it
    [row] = task_rows(engine.view)
    assert row.done_at is not None and row.state(engine.view.now + 9999) == "done"
    assert "✓ done" in board_text((row,), engine.view.now).plain


def test_attention_is_new_once_per_thing_and_the_page_goes_with_the_ack():
    engine = Engine(load_scenario(TINY), 0)
    engine.advance(90)
    keys = attention_keys(engine.view)
    assert new_attention(frozenset(), keys) == (PAGE,)
    assert new_attention(keys, attention_keys(engine.view)) == ()  # the next tick: nothing new
    engine.submit("/ack")
    assert PAGE not in attention_keys(engine.view)
    room = attention_keys(opened(Engine(sale_day(), SEED)).view)
    assert {k.split(":")[0] for k in room} == {"question", "executive", "conflict"}


def test_dm_threads_hold_the_question_asked_and_the_ics_answer_but_not_a_refused_dm():
    engine = opened(Engine(sale_day(), SEED))
    engine.submit("/dm nobody-here hello")  # refused: no such person
    engine.submit("/dm kenji yes, both")
    threads = dm_threads(engine.view)
    assert list(threads) == ["kenji"]
    asked, answer = threads["kenji"]
    assert not asked.from_ic and asked.text == engine.view.inbox[[m.event for m in engine.view.inbox].index(
        next(m.event for m in engine.view.inbox if type(m.event).__name__ == "QuestionAsked"))].text
    assert answer.from_ic and answer.text == "yes, both"


def test_the_service_map_puts_customer_facing_services_on_top_and_every_service_on_it():
    catalog = Engine(sale_day(), SEED).view.catalog
    tree = service_tree(catalog)
    facing = [s for s, card in catalog.services.items() if card.traffic > 0]
    assert sorted(n.service for n in tree) == sorted(facing)
    assert {n.service for n in walk(tree)} == set(catalog.services)
    checkout = next(n for n in walk(tree) if n.service == "checkout" and n.link is None)
    assert {(c.service, c.link) for c in checkout.children} == set(catalog.services["checkout"].depends_on.items())


def test_the_service_map_cuts_a_dependency_cycle_and_keeps_unreached_services():
    catalog = Engine(load_scenario(TINY), 0).view.catalog
    card = next(iter(catalog.services.values()))
    services = {
        "a": dataclasses.replace(card, name="a", traffic=0.0, depends_on={"b": "hard"}),
        "b": dataclasses.replace(card, name="b", traffic=0.0, depends_on={"a": "soft"}),
    }
    tree = service_tree(dataclasses.replace(catalog, services=services))
    assert [(n.service, [c.service for c in n.children]) for n in tree] == [("a", ["b"])]
    assert tree[0].children[0].children == ()


def test_the_drill_down_says_owner_as_known_dependencies_dependents_alerts_and_who_works_on_it():
    view = opened(Engine(sale_day(), SEED), until=430).view
    text = service_detail(view, "checkout").plain
    deps = ", ".join(f"{d} ({k})" for d, k in sorted(view.catalog.services["checkout"].depends_on.items()))
    assert f"depends on: {deps}" in text
    assert "used by: " in text and "working on it: Kenji Mori (kenji): investigate checkout" in text
    owner = view.owners["checkout"]
    assert f"owner: {owner} (as the catalog lists it" in text or f"owner: {owner} (confirmed)" in text
    firing = [a for a, s in view.alerts.items() if s == "checkout"]
    assert all(a in text for a in firing) and ("none firing" in text) == (not firing)


def test_the_header_leads_with_the_page_and_shows_the_impact_meter():
    engine = Engine(load_scenario(TINY), 0)
    engine.advance(90)
    assert status_line(engine.view, 1, False).plain.startswith("you are paged: /ack  T+01:30")
    assert impact_meter(0.0).plain == "▯▯▯▯▯ 0%"
    assert impact_meter(0.4).plain == "▮▮▯▯▯ 40%"
    assert impact_meter(0.01).plain == "▮▯▯▯▯ 1%"  # any harm shows on the bar
    assert "⏸ on page" in status_line(engine.view, 1, False, pause_on_page=True).plain


def test_a_reply_to_a_dm_joins_the_thread_after_the_ics_message():
    engine = Engine(load_scenario(TINY), 0)
    engine.advance(75)
    for command in ("/ack", "/declare sev1", "/page bob"):
        engine.submit(command)
    engine.advance(240)  # bob is in
    engine.submit('/dm "Bob Stone" how is it looking?')
    engine.advance(420)
    thread = dm_threads(engine.view)["bob"]
    assert [(line.from_ic, line.text) for line in thread][0] == (True, "how is it looking?")
    assert len(thread) == 2 and not thread[1].from_ic and thread[1].t > thread[0].t
    assert "what do you need" in thread[1].text.lower() or "working on" in thread[1].text.lower()
