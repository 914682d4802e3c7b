"""The debrief screen, driven through the pilot: a tiny drill played to its resolution through the
command line, then what the debrief shows (every finding with its evidence, both charts, the
timeline), what `s` writes, where `p` goes, and that the keys are in sight at 80x24 and 120x40."""

from __future__ import annotations

import dataclasses
import html
import re
from pathlib import Path

import pytest
import tui_pilot
from textual.pilot import Pilot
from textual.widgets import Static
from tui_pilot import paste_command, play, settled, squash, until

from sim.log.clock import format_clock
from sim.log.recording import read_recording
from sim.reading.report import render_report
from sim.reading.scoring.evidence import Evidence, evidence_line
from sim.scenario import load_scenario
from tui import app as tui_app
from tui.app import IcdrillApp
from tui.cli.entry import main as icdrill
from tui.screens import PlayScreen
from tui.screens.debrief import DebriefScreen

TINY = str(Path(__file__).resolve().parent.parent / "fixtures" / "tiny.yaml")
MARKUP = "[bold]Bob[/bold] [@click=app.quit]x[/] [link=https://example.invalid]y[/link]"
UPDATE = "/update [red]half[/red] of customers affected; Bob restarting db; next update in 10m"
SCRIPT = [  # the first update far too late, the closing one in time
    (61, "/ack"),
    (70, "/declare sev1"),
    (75, "/page bob"),
    (200, "/assign bob restart db 5m"),
    (700, "/update ok"),  # says nothing: it does not stop the clock
    (1000, UPDATE),
    (1100, "/mitigated"),
    (1150, "/update no customers affected; db restarted; final update"),
    (1200, "/resolve"),
]
KEYS = ("Save report", "Picker", "Board", "Tabs", "Quit")


def tiny(**names: str):
    loaded = load_scenario(TINY)
    people = {pid: p.model_copy(update={"name": names[pid]}) if pid in names else p for pid, p in loaded.scenario.people.items()}
    return dataclasses.replace(loaded, scenario=loaded.scenario.model_copy(update={"people": people}))


def text_of(widget) -> str:
    """What a widget and the Statics in it show, wrapping undone."""
    statics = [widget] if isinstance(widget, Static) else list(widget.query(Static))
    return squash(" ".join(s.render_line(y).text for s in statics for y in range(s.outer_size.height)))


def screen_text(app) -> str:
    """Every character a screenshot shows (what is on the terminal, nothing scrolled out of sight)."""
    svg = app.export_screenshot()
    return html.unescape("".join(re.findall(r"<text[^>]*>(.*?)</text>", svg, re.S))).replace("\xa0", " ")


async def to_the_debrief(pilot: Pilot) -> DebriefScreen:
    """Play SCRIPT through the command line; /resolve ends the drill, the debrief opens, par comes."""
    app = pilot.app
    app.paused = True  # the test moves the clock itself
    for t, command in SCRIPT:
        app.engine.advance(t)
        await paste_command(pilot, command)
    assert app.engine.ended and not app.engine.view.rejections
    await until(pilot, lambda: app.debrief is not None and app.debrief.par is not None, IcdrillApp.ParShown)
    await settled(pilot, lambda: app.screen is app.debrief and "par " in text_of(app.debrief.query_one("#debrief-scores")))
    return app.debrief


async def show_tab(pilot: Pilot, key: str, pane: str) -> str:
    await pilot.press(key)
    widget = pilot.app.screen.query_one(pane)
    await settled(pilot, lambda: widget.outer_size.height > 0 and text_of(widget))
    return text_of(widget)


def run(app: IcdrillApp, steps) -> None:
    play(app, steps, begin=True)


def test_the_debrief_shows_every_finding_with_its_evidence_both_charts_and_the_timeline():
    app = IcdrillApp(tiny(bob=MARKUP), seed=0)

    async def steps(pilot: Pilot) -> None:
        debrief = await to_the_debrief(pilot)
        card, expert = app.closed.card, debrief.par
        text = text_of(debrief.query_one("#debrief-score"))
        log = Evidence(app.engine.log.entries)
        for d in card.dimensions:
            assert f"{d.name} {d.score:.1f}/100 weight {d.weight:g} par {expert.dimension(d.name).score:.1f}" in text
            for finding in d.findings:
                assert squash(finding.text) in text
                for item in log.of(finding.seqs):  # the entries that prove it, with their sim times
                    assert squash(evidence_line(item)) in text
        late = next(f for f in card.dimension("cadence").deductions if "late" in f.text)
        assert f"{format_clock(late.t)}: first status update" in text

        chart = await show_tab(pilot, "2", "#debrief-impact")
        assert "50%┤" in chart and "0%└" in chart
        assert "P T+01:00 you were paged" in chart and "1 T+01:10 declared Sev1" in chart
        assert "M T+18:20 you called it mitigated" in chart and "R T+20:00 resolved" in chart

        gaps = await show_tab(pilot, "3", "#debrief-updates")
        chart = debrief.query_one("#gap-chart")
        rows = [chart.render_line(y).text for y in range(chart.outer_size.height)]
        assert any(row.startswith("T+16:40") and row.rstrip().endswith("LATE") for row in rows)  # 15m40s from the page
        assert any(row.startswith("T+19:10") and "LATE" not in row for row in rows)
        assert "did not count: ok" in gaps

        told = await show_tab(pilot, "4", "#debrief-timeline")
        for t, line in debrief.data.timeline:
            assert f"{format_clock(t)} {squash(line)}" in told
        # What players and scenarios wrote is shown as it is: never read as markup.
        assert f"{MARKUP} acknowledged the page." in told
        assert f"given to {MARKUP} with a 5 min time-box" in text
        assert "[red]half[/red] of customers affected" in told

    run(app, steps)
    assert app.return_code is None  # the [@click=app.quit] in a name never ran


def test_s_saves_the_report_icdrill_report_writes_beside_the_recording_and_never_over_it(tmp_path, monkeypatch):
    monkeypatch.setenv("ICDRILL_DATA_DIR", str(tmp_path))
    app = IcdrillApp(load_scenario(TINY), seed=0, record=True)

    async def steps(pilot: Pilot) -> None:
        debrief = await to_the_debrief(pilot)
        await pilot.press("s")
        await pilot.press("s")
        await settled(pilot, lambda: len(debrief.saved) == 2)
        assert "Report saved: " in text_of(debrief.query_one("#debrief-status"))

    run(app, steps)
    recording = app.closed.recording
    first, second = (recording.parent / f"{recording.stem}-report{n}.md" for n in ("", "-2"))
    assert app.debrief.saved == [first, second]
    cli = tmp_path / "cli.md"
    assert icdrill(["report", str(recording), "--scenario", TINY, "-o", str(cli)]) == 0
    assert first.read_text(encoding="utf-8") == cli.read_text(encoding="utf-8") == second.read_text(encoding="utf-8")
    rec = read_recording(recording)
    assert first.read_text(encoding="utf-8") == render_report(app.loaded.scenario, rec.entries, app.closed.card)


def test_without_a_recording_the_report_goes_to_the_reports_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("ICDRILL_DATA_DIR", str(tmp_path))
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / "tiny-0-report.md").write_text("someone else's", encoding="utf-8")
    app = IcdrillApp(load_scenario(TINY), seed=0)

    async def steps(pilot: Pilot) -> None:
        debrief = await to_the_debrief(pilot)
        await pilot.press("s")
        await settled(pilot, lambda: debrief.saved)
        assert str(tmp_path / "reports" / "tiny-0-report-2.md") in text_of(debrief.query_one("#debrief-status"))

    run(app, steps)
    assert (tmp_path / "reports" / "tiny-0-report.md").read_text(encoding="utf-8") == "someone else's"
    saved = (tmp_path / "reports" / "tiny-0-report-2.md").read_text(encoding="utf-8")
    assert saved == render_report(app.loaded.scenario, app.engine.log.entries, app.closed.card)


def test_p_and_b_go_back_to_the_picker_where_the_next_drill_starts_afresh():
    from tui.screens.picker import PickerScreen

    for key in ("p", "b"):
        app = IcdrillApp(load_scenario(TINY), seed=0)

        async def back(pilot: Pilot) -> None:
            await to_the_debrief(pilot)
            await pilot.press(key)
            await settled(pilot, lambda: isinstance(app.screen, PickerScreen))
            assert app.drill is None  # nothing of the finished drill carries over

        run(app, back)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_the_keys_are_in_sight_and_the_charts_fit_at(size, monkeypatch):
    monkeypatch.setattr(tui_pilot, "SIZE", size)
    app = IcdrillApp(load_scenario(TINY), seed=0)

    async def steps(pilot: Pilot) -> None:
        debrief = await to_the_debrief(pilot)
        assert all(key in screen_text(app) for key in KEYS)
        for key, pane in (("2", "#debrief-impact"), ("3", "#debrief-updates")):
            await show_tab(pilot, key, pane)
            scroll = debrief.query_one(pane)
            scroll.scroll_end(animate=False)
            await settled(pilot, lambda: scroll.scroll_y == scroll.max_scroll_y)
            shown = screen_text(app)
            assert all(key in shown for key in KEYS)
            chart = debrief.query_one("#impact-chart" if key == "2" else "#gap-chart")
            assert chart.outer_size.width <= size[0] - 1  # inside the pane, beside its scrollbar
            assert max(len(chart.render_line(y).text.rstrip()) for y in range(chart.outer_size.height)) <= chart.size.width
        await pilot.press("escape")
        await settled(pilot, lambda: isinstance(app.screen, PlayScreen))
        assert "Debrief" in screen_text(app)  # the way back, in the footer

    run(app, steps)


def test_par_shows_as_playing_until_it_comes():
    class SlowPar(IcdrillApp):
        CSS_PATH = str(Path(tui_app.__file__).parent / IcdrillApp.CSS_PATH)

        def _play_par(self) -> None:
            pass  # par never comes by itself: the test hands it over

    app = SlowPar(load_scenario(TINY), seed=0)

    async def steps(pilot: Pilot) -> None:
        app.paused = True
        for t, command in SCRIPT:
            app.engine.advance(t)
            await paste_command(pilot, command)
        debrief = app.debrief
        summary = debrief.query_one("#debrief-summary")
        await settled(pilot, lambda: app.screen is debrief and "par: playing…" in text_of(summary))
        assert "… " in text_of(debrief.query_one("#debrief-scores"))  # par's column waits too
        debrief.show_par(app.closed.card, None)  # par as good as the run: every diff +0.0
        await settled(pilot, lambda: "(expert bot, same seed)" in text_of(summary))
        assert "playing" not in text_of(summary)
        assert "overall" in text_of(debrief.query_one("#debrief-scores")) and "+0.0" in text_of(debrief.query_one("#debrief-scores"))
        debrief.show_par(None, "par could not be played: boom")
        await settled(pilot, lambda: "par could not be played: boom" in text_of(summary))

    run(app, steps)
