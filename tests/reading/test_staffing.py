"""Who is doing what (`sim.reading.staffing`): one fold of the log for the view and the scorecard."""

from __future__ import annotations

from pathlib import Path

from sim.log import events as ev
from sim.log.eventlog import Entry
from sim.play.drill import play
from sim.reading.scoring.facts import gather
from sim.reading.staffing import Staffing
from sim.scenario import load_scenario

ROOT = Path(__file__).resolve().parents[2]


def fold(*timed: tuple[int, ev.Event]) -> Staffing:
    staffing = Staffing()
    for seq, (t, event) in enumerate(timed):
        staffing.apply(Entry(seq, t, event))
    return staffing


def where(staffing: Staffing, person: str) -> tuple:
    post = staffing.of(person)
    return post.status, post.task, post.since


def test_a_responder_from_page_to_role_and_back():
    log = [
        (10, ev.Paged("ann", "ic")),
        (70, ev.PageAcknowledged("ann")),
        (90, ev.TaskAssigned(1, "ann", "investigate", "db", 300)),
        (400, ev.TaskReported(1, "ann", "investigate", "db")),
        (460, ev.RoleAssigned("ann", "scribe")),
        (900, ev.RoleReleased("ann", "scribe")),
    ]
    expected = [
        ("paged", None, 10), ("available", None, 70), ("working", "investigate db", 90),
        ("available", None, 400), ("role", None, 460), ("available", None, 900),
    ]
    for n, want in enumerate(expected, start=1):
        assert where(fold(*log[:n]), "ann") == want
    stretches = fold(*log).stretches(until=1000)
    assert [(s.state, s.start, s.end, s.seq) for s in stretches] == [
        ("paged", 10, 70, 0), ("available", 70, 90, 1), ("working", 90, 400, 2),
        ("available", 400, 460, 3), ("role", 460, 900, 4), ("available", 900, 1000, 5),
    ]


def test_what_does_not_move_anyone():
    staffing = fold(
        (5, ev.Paged("ic", "alert web-errors")),  # the player's page is the IC's, not a responder's
        (10, ev.Escalated("data", "bob", "policy")),  # its page follows at the same second
        (20, ev.PageAcknowledged("cat")),  # an acknowledgement without a page
        (30, ev.TaskReported(4, "ic", "restart", "db")),  # the IC's own hands-on work
    )
    assert [where(staffing, p)[0] for p in ("ic", "bob", "cat")] == ["off", "off", "off"]
    assert staffing.stretches(until=100) == []


def test_a_late_relayed_report_leaves_a_role_holder_in_the_role():
    """The Tech Lead relays a report after its author was given a role: the author stays in it."""
    staffing = fold(
        (0, ev.Paged("ann", "ic")), (30, ev.PageAcknowledged("ann")),
        (40, ev.TaskAssigned(1, "ann", "investigate", "db", None)),
        (300, ev.RoleAssigned("ann", "scribe")),
        (320, ev.TaskReported(1, "ann", "investigate", "db", relayed_by="lee")),
    )
    assert where(staffing, "ann") == ("role", None, 300)


def test_a_page_reaches_someone_pulled_away_and_a_new_task_starts_a_new_stretch():
    staffing = fold(
        (0, ev.Paged("ann", "ic")), (30, ev.PageAcknowledged("ann")),
        (100, ev.Paged("ann", "ic")),  # away (the log shows available): the engine pages her again
        (150, ev.PageAcknowledged("ann")),
        (200, ev.TaskAssigned(1, "ann", "investigate", "db", None)),
        (250, ev.TaskAssigned(2, "ann", "restart", "db", None)),  # a decided proposal, before the report is relayed
    )
    assert where(staffing, "ann") == ("working", "restart db", 250)
    assert [(s.state, s.task, s.start) for s in staffing.stretches(until=300)] == [
        ("paged", None, 0), ("available", None, 30), ("paged", None, 100), ("available", None, 150),
        ("working", "investigate db", 200), ("working", "restart db", 250),
    ]


def test_the_view_and_the_scorecard_agree_on_who_is_doing_what():
    scenario = load_scenario(ROOT / "scenarios" / "sale-day-meltdown.yaml")
    engine = play(scenario, 0, "expert")  # pages, escalations, tasks, relayed reports, roles
    facts = gather(scenario.scenario, engine.log.entries)
    in_incident = [p for p in engine.view.people.values() if p.status != "off"]
    assert {p.status for p in in_incident} >= {"available", "role"}
    for person in in_incident:
        last = [s for s in facts.stretches if s.person == person.id][-1]
        assert (last.state, last.start, last.task) == (person.status, person.since, person.task)
        assert person.post is engine.view.staffing.of(person.id)  # the view shows the fold, no copy
