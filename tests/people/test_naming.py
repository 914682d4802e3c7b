"""People by id, first name or full name, on every command that takes a person (issue 11): the
engine resolves them all through `sim.reading.names.resolve_person`, refuses a first name two
people share with the candidates' ids, and logs the id of the person it resolved.

The tiny world (tests/fixtures/tiny.yaml) has Ann Lee (app) and Bob Stone (data), both primary
on call and acknowledging a page in about a minute; `namesakes` renames them Sam Lee and Sam Stone.
"""

from __future__ import annotations

import dataclasses

import pytest

from sim.engine import Engine
from sim.log import events as ev
from sim.reading.scoring.coordination import _escalation_target
from sim.reading.scoring.facts import gather
from sim.scenario.commands import Dm, Page, Role, parse
from tests.people.incident import joined, started


def renamed(loaded, **names):
    scenario = loaded.scenario
    people = {pid: p.model_copy(update={"name": names.get(pid, p.name)}) for pid, p in scenario.people.items()}
    return dataclasses.replace(loaded, scenario=scenario.model_copy(update={"people": people}))


@pytest.fixture
def namesakes(tiny):
    return renamed(tiny, ann="Sam Lee", bob="Sam Stone")


def refusal(engine: Engine) -> str:
    return engine.view.commands[-1].refused


def test_the_parser_keeps_a_quoted_full_name_as_one_person():
    assert parse('/page "Dana Whitfield"') == Page("dana whitfield")
    assert parse("/role 'Dana  Whitfield' scribe") == Role("dana  whitfield", "scribe")
    assert parse('/dm "Dana Whitfield" is the "db" up?') == Dm("dana whitfield", 'is the "db" up?')
    assert parse('/dm "Dana Whitfield"').reason == "usage: /dm PERSON TEXT"


@pytest.mark.parametrize("ref", ["bob", "BOB", "Bob", '"Bob Stone"', "'bob  stone'"])
def test_page_takes_an_id_a_first_name_or_a_full_name(tiny, ref):
    engine = started(tiny)
    assert engine.submit(f"/page {ref}")
    assert engine.view.people["bob"].status == "paged"
    paged = [e.event for e in engine.log.entries if isinstance(e.event, ev.Paged)]
    assert paged[-1] == ev.Paged("bob", "ic")  # the log names the id; the command stays as typed
    assert engine.view.commands[-1].text == f"/page {ref}"


def test_assign_role_evidence_and_dm_take_full_names(tiny):
    engine = started(tiny)
    assert engine.submit('/page "Ann Lee"') and engine.submit("/page Bob")
    joined(engine, "ann", "bob")
    assert engine.submit('/assign "bob stone" investigate db 5m')
    assert engine.submit('/role "Ann Lee" scribe')
    assert engine.view.roles == {"scribe": "ann"}
    assigned = [e.event for e in engine.log.entries if isinstance(e.event, ev.TaskAssigned)]
    assert assigned[-1].person == "bob"
    assert not engine.submit('/evidence "Bob Stone"')
    assert refusal(engine) == "Bob Stone has reported nothing yet; there is no evidence to ask for"
    assert engine.submit('/dm "bob stone" thanks')


def test_a_first_name_two_people_share_is_refused_with_their_ids(namesakes):
    engine = started(namesakes)
    reason = "two people are called Sam: ann (Sam Lee, app), bob (Sam Stone, data); use the id"
    for command in ("/page Sam", "/assign sam investigate db", "/role SAM scribe", "/dm Sam hello", "/evidence sam"):
        assert not engine.submit(command), command
        assert refusal(engine) == reason, command
    # The id, and the full name, still name one of them.
    assert engine.submit("/page ann") and engine.submit('/page "Sam Stone"')
    assert [e.event.person for e in engine.log.entries if isinstance(e.event, ev.Paged) and e.event.by == "ic"] == ["ann", "bob"]


def test_an_unknown_person_is_refused_with_a_did_you_mean(tiny):
    engine = started(tiny)
    for command in ("/page bobb", "/assign bobb investigate db", "/dm bobb hello", "/role bobb scribe", "/escalate bobb"):
        assert not engine.submit(command), command
        assert refusal(engine) == "nobody called 'bobb' in the directory; did you mean bob?", command
    assert not engine.submit('/page "Bob Lee"')
    assert refusal(engine).startswith("nobody called 'bob lee' in the directory")


def test_escalate_takes_a_persons_full_name(tiny):
    engine = started(tiny)
    assert not engine.submit('/escalate "Bob Stone"')
    assert refusal(engine) == "nobody on data has been paged yet; page them first (/page data)"


def test_the_scorecard_reads_an_escalate_by_full_name_as_the_engine_did(namesakes):
    """A refused /escalate counts towards the team it named: the scorecard reads the person the way
    the engine resolved them (a shared first name names no team)."""
    engine = started(namesakes)
    facts = gather(namesakes.scenario, engine.log.entries)
    assert _escalation_target(facts, '/escalate "Sam Stone"') == "data"
    assert _escalation_target(facts, "/escalate ANN") == "app"
    assert _escalation_target(facts, "/escalate sam") is None
    assert _escalation_target(facts, "/escalate data") == "data"
