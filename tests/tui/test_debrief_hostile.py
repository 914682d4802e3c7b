"""Hostile text in the debrief (issue 11): a scenario written with the hostile corpus, every string
of it posted as a status update, played to its end. Every tab of the debrief shows the strings
literally (markup as its brackets, controls as visible escapes), no raw control reaches the screen,
nothing the hostile text brought can be clicked, and the report saves."""

from __future__ import annotations

import sys
from pathlib import Path

from textual.pilot import Pilot

from sim.log.printable import printable
from tui.app import IcdrillApp, build_app

sys.path.insert(0, str(Path(__file__).resolve().parent))  # the helpers beside this file
from hostile_strings import CORPUS, MARKUP  # noqa: E402
from test_hostile_text import RAW, assert_no_hostile_clicks, hostile_scenario, screen_text, unspaced  # noqa: E402
from tui_pilot import paste_command, play, settled, until  # noqa: E402

TABS = (("1", "#debrief-score"), ("2", "#debrief-impact"), ("3", "#debrief-updates"), ("4", "#debrief-timeline"))


def text_of(widget) -> str:
    return " ".join(s.render_line(y).text for s in widget.query("Static") for y in range(s.outer_size.height))


def test_the_debrief_shows_hostile_names_and_updates_literally_and_nothing_is_clickable(tmp_path, monkeypatch):
    monkeypatch.setenv("ICDRILL_DATA_DIR", str(tmp_path / "data"))
    app = build_app(hostile_scenario(tmp_path))

    async def steps(pilot: Pilot) -> None:
        app.paused = True
        app.engine.advance(61)
        for command in ("/ack", "/declare sev1", *(f"/update {text}" for text in CORPUS)):
            await paste_command(pilot, command)
        app.engine.advance(app.loaded.scenario.end.time_limit)
        app.show_view()
        await until(pilot, lambda: app.debrief is not None and app.debrief.par is not None, IcdrillApp.ParShown)
        debrief = app.debrief
        for key, pane in TABS:
            await pilot.press(key)
            widget = debrief.query_one(pane)
            await settled(pilot, lambda: widget.outer_size.height > 0 and text_of(widget).strip())
            assert RAW.findall(screen_text(app)) == [], key
            assert_no_hostile_clicks(app)
        told = unspaced(text_of(debrief.query_one("#debrief-timeline")))
        missing = [text[:40] for text in CORPUS if unspaced(printable(text)) not in told]
        assert missing == []
        findings = unspaced(text_of(debrief.query_one("#debrief-score")))
        assert unspaced(MARKUP[1]) in findings  # quoted by the cadence finding that judged the update
        await pilot.press("s")
        await settled(pilot, lambda: debrief.saved)
        assert app.is_running
        await pilot.press("q")

    play(app, steps, begin=True)
    assert app.return_code is not None and app.debrief.saved[0].is_file()
