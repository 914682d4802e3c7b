"""Escape sequences from outside never reach the terminal raw from the game (issue 8, defect 1).

The game is driven through Textual's pilot on a scenario whose title, briefing, team, people and
evidence hold ESC, DEL and a C1 control (0x9b is CSI). What is judged is what the screen shows:
the text of a screenshot, which holds no control character and does hold the escapes (``\\x1b``)
where the hostile text is. Each game is left with ctrl+q, and must end with exit code 0.
"""

from __future__ import annotations

import ast
import html
import re
import sys
from pathlib import Path

from textual.pilot import Pilot

from sim.log.recording import read_recording
from tui.app import IcdrillApp, build_app
from tui.widgets import CommandInput, EndPanel, PeoplePanel

from .harness import ROOT

sys.path.insert(0, str(ROOT / "tests" / "tui"))  # the pilot helpers the TUI tests share
from tui_pilot import log_text, next_signal, play, settled  # noqa: E402

ESCAPES = str(Path(__file__).resolve().parent / "fixtures" / "escapes.yaml")
RAW = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # C0 but newline and tab, DEL, C1


def screen_text(app: IcdrillApp) -> str:
    """Every character a screenshot of the app shows (the SVG's text, entities undone, its
    no-break spaces read as spaces)."""
    svg = app.export_screenshot()
    return html.unescape("".join(re.findall(r"<text[^>]*>(.*?)</text>", svg, re.S))).replace("\xa0", " ")


def assert_shown_safely(app: IcdrillApp, *escapes: str) -> str:
    text = screen_text(app)
    assert RAW.findall(text) == [], sorted(set(RAW.findall(text)))
    for escape in escapes:
        assert escape in text, (escape, text[-1500:])
    return text


async def leave(pilot: Pilot) -> None:
    await pilot.press("ctrl+q")
    await pilot.pause()
    if pilot.app.is_running:  # mid-drill, Ctrl+Q asks first; y leaves
        await pilot.press("y")


def test_the_briefing_shows_a_hostile_title_and_briefing_as_escapes():
    app = build_app(ESCAPES)

    async def steps(pilot: Pilot) -> None:
        assert_shown_safely(app, r"Checkout \x1b[2J\x1b]0;PWNED\x07 fails\x7f \x9b31m", r"\x1b[2J\x1b[H\x1b]0;PWNED\x07")
        await leave(pilot)

    play(app, steps)
    assert app.return_code == 0


def test_the_board_shows_hostile_names_evidence_and_commands_as_escapes():
    app = build_app(ESCAPES, seed=0)

    async def steps(pilot: Pilot) -> None:
        engine = app.engine
        engine.advance(120)
        for command in ("/ack", "/declare sev1", "/page bob", "/page app",
                        "/note \033[2J\033]0;PWNED\007 wiped", "/bogus \x9b6n"):
            engine.submit(command)
        engine.advance(300)
        engine.submit("/assign bob investigate db 5m")
        engine.advance(900)  # bob has reported what he found: the evidence, escapes and all
        app.show_view()
        await settled(pilot, lambda: "100%" in log_text(app))
        timeline = log_text(app)  # all the timeline has drawn, wrapping undone
        for told in (
            r"timeline note (you): \x1b[2J\x1b]0;PWNED\x07 wiped",
            r"REFUSED /bogus \x9b6n",
            r"db: disk \x1b[31m100%\x1b[0m full\x7f \x9b1;1H",  # the evidence bob reported
            r"Ann \x1b]0;PWNED\x07 Lee\x7f\x9b: Acknowledged",
        ):
            assert told in timeline, (told, timeline)
        people = app.screen.query_one(PeoplePanel)
        assert "Ann \033]0;PWNED\007 Lee\x7f\x9b" in [row[1] for row in people.rows]  # the view keeps it exact
        assert_shown_safely(app, r"Ann \x1b", r"Bob \x1b[2J")  # the people panel (its name column is narrow)
        await leave(pilot)

    play(app, steps, begin=True)
    assert app.return_code == 0


def test_the_command_line_shows_a_pasted_escape_and_sends_what_it_shows():
    app = build_app(ESCAPES, seed=0)

    async def steps(pilot: Pilot) -> None:
        app.engine.advance(120)
        line = app.screen.query_one(CommandInput)
        line.insert_text_at_cursor("/note \033[2Jpasted\x9b")
        await pilot.pause()
        assert line.value == r"/note \x1b[2Jpasted\x9b" and line.cursor_position == len(line.value)
        assert_shown_safely(app, r"/note \x1b[2Jpasted\x9b")
        await pilot.press("enter")
        await settled(pilot, lambda: "pasted" in log_text(app))
        assert_shown_safely(app, r"\x1b[2Jpasted\x9b")
        await leave(pilot)

    play(app, steps, begin=True)
    assert app.return_code == 0
    assert app.engine.view.notes[-1][2] == r"\x1b[2Jpasted\x9b"


def test_the_end_panel_shows_a_recording_path_with_an_escape(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # a short path, so that the panel does not wrap it
    monkeypatch.setenv("ICDRILL_DATA_DIR", "data-\033]0;PWNED\007")
    app = build_app(ESCAPES, seed=0, record=True, trainee="eve\033[2J")

    async def steps(pilot: Pilot) -> None:
        app.engine.advance(app.loaded.scenario.end.time_limit)
        await next_signal(pilot, IcdrillApp.SessionClosed)
        await settled(pilot, lambda: "Three things to improve first" in screen_text(app))
        assert app.play.query_one(EndPanel).display
        scroll = app.screen.query_one("#debrief-score")
        scroll.scroll_end(animate=False)  # the recording's path is at the foot of the scorecard
        await settled(pilot, lambda: "Recorded as" in screen_text(app))
        assert_shown_safely(app, r"data-\x1b]0;PWNED\x07")
        await leave(pilot)

    play(app, steps, begin=True)
    assert app.return_code == 0
    assert read_recording(app.recording.path).trainee == "eve\033[2J"  # the recording keeps it exact


def test_the_game_builds_its_text_only_as_shown_text():
    """Every rich Text the game draws is a `Shown` (`tui/widgets/shown.py`): no other module of tui/
    imports rich's Text, and none reads markup from a string."""
    offenders = []
    for path in sorted((ROOT / "tui").rglob("*.py")):
        if path == ROOT / "tui" / "widgets" / "shown.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            where = f"{path.relative_to(ROOT)}:{getattr(node, 'lineno', 0)}"
            if isinstance(node, ast.ImportFrom) and node.module == "rich.text":
                offenders.append(f"{where}: imports rich.text")
            elif isinstance(node, ast.Attribute) and node.attr == "from_markup":
                offenders.append(f"{where}: from_markup")
            elif isinstance(node, ast.keyword) and node.arg == "markup" and not (
                isinstance(node.value, ast.Constant) and node.value.value is False
            ):
                offenders.append(f"{where}: markup= other than False")
    assert offenders == []
