"""Evidence you can check: each finding beside the log entries behind it, and the missed step the
debrief names when customers were still affected at the end."""

from __future__ import annotations

import json

import pytest

from sim.log import events as ev
from sim.log.clock import format_clock
from sim.log.eventlog import Entry
from sim.play.drill import play
from sim.play.par import par
from sim.play.script import parse_script
from sim.reading.narrate import YOU, story
from sim.reading.scoring import debrief, score
from sim.reading.scoring.evidence import Evidence, cast_of, compact, evidence_document, evidence_line, to_json

from .helpers import run, scenario

RUNS = [("payments-db-saturation", 0, "idle"), ("sale-day-meltdown", 0, "novice"), ("search-deploy-and-cache", 7, "expert")]
MISSED = "The step that was missed: "


def by_seq(entries) -> dict[int, Entry]:
    return {e.seq: e for e in entries}


def judged(doc: dict):
    """Every finding and cap of a document, with where it sits."""
    for d in doc["dimensions"]:
        for f in d["findings"]:
            yield d["name"], f
    for c in doc["caps"]:
        yield "caps", c


@pytest.mark.parametrize("name, seed, bot", RUNS)
def test_every_finding_cites_exactly_its_entries_with_their_time_and_kind(name, seed, bot):
    entries, card = run(name, seed, bot)
    doc = evidence_document(card, entries)
    log = by_seq(entries)
    cited = 0
    for where, finding in judged(doc):
        assert [e["seq"] for e in finding["evidence"]] == finding["seqs"], (where, finding["text"])
        for item in finding["evidence"]:
            entry = log[item["seq"]]
            assert (item["t"], item["kind"], item["clock"]) == (entry.t, entry.event.kind, format_clock(entry.t))
            assert item["text"] == (story(entry.event, YOU, cast_of(entries)) or compact(entry.event))
            cited += 1
    assert cited >= 5  # a document with no evidence would pass the loop above


def test_the_document_is_the_card_plus_evidence_par_and_debrief():
    name, seed = "sale-day-meltdown", 0
    entries, card = run(name, seed, "novice")
    par_card = par(scenario(name), seed)
    told = debrief(scenario(name).scenario, entries, card, par_card)
    doc = evidence_document(card, entries, par_card, told)
    assert doc["par"] == par_card.as_dict() and doc["par"]["overall"] != doc["overall"]
    assert doc["debrief"] == told.rstrip("\n").split("\n") and doc["debrief"][0].startswith("Debrief: ")
    stripped = {k: v for k, v in doc.items() if k not in ("par", "debrief")}
    for _, finding in judged(stripped):
        del finding["evidence"]
    assert stripped == card.as_dict()


def test_the_json_is_deterministic_with_sorted_keys():
    entries, card = run("payments-db-saturation", 0, "idle")
    text = to_json(evidence_document(card, entries, card, debrief(scenario("payments-db-saturation").scenario, entries, card)))
    again = to_json(evidence_document(card, list(entries), card, debrief(scenario("payments-db-saturation").scenario, entries, card)))
    assert text == again and text.isascii()
    assert text == json.dumps(json.loads(text), sort_keys=True, indent=2)
    caps = json.loads(text)["caps"]
    assert caps and caps[0]["evidence"][-1]["kind"] == "drill_ended"


def test_an_event_the_narrator_does_not_tell_is_shown_by_its_fields():
    log = [
        Entry(0, 0, ev.PersonListed("dana", "Dana Whitfield", "payments", "primary")),
        Entry(1, 195, ev.CommandIssued("/declare Sev1")),
        Entry(2, 200, ev.TaskAssigned(1, "dana", "investigate", "payments-db", 300)),
        Entry(3, 210, ev.CommandRejected("/frob", "unknown command")),
    ]
    items = Evidence(log).of([1, 2, 3, 99])  # 99: not in this log (cut short), left out
    assert [i["seq"] for i in items] == [1, 2, 3]
    assert items[0]["text"] == 'command_issued text="/declare Sev1"'
    assert items[1]["text"] == "Task given: Dana Whitfield to investigate payments-db, time-box 5m."
    assert items[2]["text"] == 'command_rejected text=/frob reason="unknown command"'
    assert evidence_line(items[0]) == 'T+03:15  #1 command_issued text="/declare Sev1"'
    assert evidence_line(items[1]) == "T+03:20  #2 task_assigned: Task given: Dana Whitfield to investigate payments-db, time-box 5m."


# --- the missed step ------------------------------------------------------------------------------

OPENING = """00:20 /page payments
03:30 /ack
03:40 /declare sev2
"""


def scripted(name: str, lines: str, seed: int = 0):
    loaded = scenario(name)
    entries = play(loaded, seed, script=parse_script(OPENING + lines)).log.entries
    card = score(loaded.scenario, entries)
    return entries, card, debrief(loaded.scenario, entries, card)


def missed(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if MISSED in line]


def first(entries, kind: type, **fields) -> Entry:
    return next(e for e in entries if isinstance(e.event, kind) and all(getattr(e.event, k) == v for k, v in fields.items()))


@pytest.mark.parametrize("seed", [0, 3])
def test_a_recommended_fix_nobody_ordered_is_named_with_its_author_and_time(seed):
    entries, card, text = scripted("payments-db-saturation", "04:00 /assign dana investigate payments-db 5m\n", seed)
    assert card.caps  # customers still hurt at the end
    report = first(entries, ev.TaskReported, person="dana")
    assert report.event.suggests  # the report recommended a fix, and nobody ordered it
    name = cast_of(entries).names["dana"]
    assert missed(text) == [f"{MISSED}nobody was told to {report.event.suggests}, which {name}'s report at {format_clock(report.t)} recommended."]
    assert text.index(MISSED) < text.index("What went well")


def test_once_the_fix_is_ordered_nothing_is_missed():
    entries, card, text = scripted(
        "payments-db-saturation", "04:00 /assign dana investigate payments-db 5m\n12:00 /assign dana restart payments-api 10m\n"
    )
    assert not card.caps and missed(text) == [] and "still affected at the end" not in text


def test_a_pointer_nobody_followed_is_named():
    entries, _, text = scripted("payments-db-saturation", "04:00 /assign dana investigate checkout 5m\n")
    report = first(entries, ev.TaskReported, service="checkout")
    assert report.event.points_to and not report.event.suggests
    name = cast_of(entries).names[report.event.person]
    assert missed(text) == [f"{MISSED}nobody investigated {report.event.points_to}, which {name}'s report at {format_clock(report.t)} pointed to."]


def test_work_on_the_wrong_service_names_the_troubled_one_nobody_investigated():
    entries, _, text = scripted("payments-db-saturation", "04:00 /assign dana investigate search 5m\n")
    assert not any(e.event.points_to or e.event.suggests for e in entries if isinstance(e.event, ev.TaskReported))
    fault = first(entries, ev.FaultStarted)
    trouble = first(entries, ev.HealthChanged, service=fault.event.service)
    assert missed(text) == [f"{MISSED}nobody investigated {fault.event.service}, where the trouble began at {format_clock(trouble.t)}."]


@pytest.mark.parametrize("name", ["payments-db-saturation", "search-deploy-and-cache"])
def test_an_idle_drill_says_nobody_was_given_any_task(name):
    entries, card = run(name, 0, "idle")
    text = debrief(scenario(name).scenario, entries, card)
    fault = first(entries, ev.FaultStarted)
    [line] = missed(text)
    assert line.startswith(f"{MISSED}nobody was assigned any task, so nobody investigated {fault.event.service}, where the trouble began at T+")


@pytest.mark.parametrize("name", ["payments-db-saturation", "sale-day-meltdown", "search-deploy-and-cache"])
def test_a_mitigated_drill_has_no_missed_step(name):
    entries, card = run(name, 0, "expert")
    assert missed(debrief(scenario(name).scenario, entries, card)) == []
