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
