"""The phrasebook (`sim.reading.narrate`) is the one source of the words every reader uses.

The checks change a phrase in the narrator and look for the change in each reader: the Scribe's
notes (written into the log by the engine), the report's timeline, the debrief's key moments, the
game's messages, and the scorecard's recognition of a Scribe's note.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sim.log import events as ev
from sim.play.drill import play
from sim.reading import narrate
from sim.reading.report import render_report
from sim.reading.scoring import score
from sim.reading.scoring.debrief import key_moments
from sim.reading.scoring.facts import gather
from sim.scenario import load_scenario

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def payments():
    return load_scenario(ROOT / "scenarios" / "payments-db-saturation.yaml")


def _marked(event, voice, cast) -> str:
    return f"<{type(event).__name__} {getattr(event, 'phase', '')} told to {voice.you}>"


def test_every_reader_tells_an_event_in_the_narrators_words(payments, monkeypatch):
    monkeypatch.setitem(narrate._STORIES, ev.PhaseChanged, _marked)
    monkeypatch.setitem(narrate._SPEECH, ev.PageAcknowledged, lambda e, cast, task: ("pager", f"<{e.person} is here>"))
    engine = play(payments, 0, "expert")  # the expert hands the Scribe's seat to Kenji before mitigating
    entries = engine.log.entries

    notes = [e.event.text for e in entries if isinstance(e.event, ev.TimelineNote) and e.event.by != "ic"]
    assert "<PhaseChanged mitigated told to the IC>" in notes
    report = render_report(payments.scenario, entries)
    assert "| <PhaseChanged mitigated told to the IC> |" in report
    assert "| <PhaseChanged resolved told to the IC> |" in report
    moments = [text for _, text in key_moments(gather(payments.scenario, entries))]
    assert "<PhaseChanged mitigated told to you>" in moments
    assert "<dana is here>" in [m.text for m in engine.view.inbox]

    # The scorecard recognises the Scribe's note by the same narrator, whatever its words.
    roles = score(payments.scenario, entries).dimension("roles")
    assert "mitigation noted in the timeline by the Scribe" in [f.text.split(": ", 1)[1] for f in roles.findings]


def test_readers_of_one_voice_say_the_same_sentence(payments):
    """The game and the debrief speak to "you"; the report and the Scribe speak of "the IC"."""
    sale_day = load_scenario(ROOT / "scenarios" / "sale-day-meltdown.yaml")
    engine = play(sale_day, 0, "expert")  # escalates a silent page, hands out the Scribe's seat
    entries = engine.log.entries
    escalations = [e.event for e in entries if isinstance(e.event, ev.Escalated)]
    assert escalations
    pager = [m.text for m in engine.view.inbox if isinstance(m.event, ev.Escalated)]
    moments = [text for _, text in key_moments(gather(sale_day.scenario, entries))]
    assert pager and all(line in moments for line in pager)
    assert pager[0].startswith("You escalated ")

    notes = [e.event.text for e in entries if isinstance(e.event, ev.TimelineNote) and e.event.by != "ic"]
    mitigated = next(e.event for e in entries if isinstance(e.event, ev.PhaseChanged) and e.event.phase == "mitigated")
    said = narrate.story(mitigated, narrate.THE_IC, narrate.Cast({}))
    assert said in notes and f"| {said} |" in render_report(sale_day.scenario, entries)


def test_the_report_escapes_outside_words_and_the_scribe_does_not():
    from sim.reading.report import REPORT

    cast = narrate.Cast({"ann": "Ann *the* Lee"}, {"ann": "app"})
    update = ev.StatusUpdate("*all* of `web`")
    assert narrate.story(update, narrate.THE_IC, cast) == "Status update posted: \u201c*all* of `web`\u201d"
    assert narrate.story(update, REPORT, cast) == "Status update posted: \u201c\\*all\\* of \\`web\\`\u201d"
    paged = ev.Paged("ann", "ic")
    assert narrate.story(paged, REPORT, cast) == "Ann \\*the\\* Lee (`app`) was paged by the IC."
    assert narrate.story(paged, narrate.YOU, cast) == "Ann *the* Lee (app) was paged by you."


def test_the_player_is_you_or_the_ic_and_the_hidden_truth_is_marked():
    cast = narrate.Cast({"dana": "Dana Whitfield"})
    page = ev.Paged("ic", "alert checkout-errors")
    assert narrate.story(page, narrate.YOU, cast) == "You were paged (alert checkout-errors)."
    assert narrate.story(page, narrate.THE_IC, cast) == "The IC was paged (alert checkout-errors)."
    fixed = ev.FaultFixed("leak", "db", "ic")
    assert narrate.story(fixed, narrate.YOU, cast) == "(hidden) The fix took effect: fault leak on db fixed by you."
    assert narrate.speech(ev.PageAcknowledged("dana"), cast) == ("Dana Whitfield", "Acknowledged, I'm here. What do you need?")
    assert narrate.speech(ev.TaskAcknowledged(3, "dana"), cast, task="investigate db") == ("Dana Whitfield", "On it: investigate db.")
    assert narrate.story(ev.CommandIssued("/ack"), narrate.YOU, cast) is None  # not every event is told
