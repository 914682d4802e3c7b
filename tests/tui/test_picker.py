"""The start of the game: the picker, the name asked once, the speed remembered, several drills in one run."""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import shutil
import sys
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, OptionList
from textual.worker import Worker
from tui_pilot import next_signal, play, settled, squash, until

from sim.scenario import load_scenario, locate
from tui.app import IcdrillApp
from tui.screens import BriefingScreen, NameScreen, PickerScreen, PlayScreen
from tui.store import settings
from tui.store.datadir import ENV, history_path
from tui.store.history import History, Session
from tui.store.scenario_list import entries

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
MARKUP_NAME = "Zoë [b]bold[/b] [@click=app.quit]x[/]"


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch):
    """A data folder of the test's own: no settings, no history."""
    folder = tmp_path / "data"
    monkeypatch.setenv(ENV, str(folder))
    return folder


@pytest.fixture
def small_catalog(tmp_path, monkeypatch):
    """A scenarios folder with the tiny drill and a file that fails the full check."""
    folder = tmp_path / "scenarios"
    folder.mkdir()
    shutil.copy(FIXTURES / "tiny.yaml", folder / "tiny.yaml")
    (folder / "broken.yaml").write_text("scenario: {id: broken, title: '[b]Broken[/b]', difficulty: hard}\nfaults: []\n")
    monkeypatch.setattr(locate, "scenario_dir", lambda: folder)
    return folder


def picker_text(app: IcdrillApp) -> str:
    screen = app.screen
    assert isinstance(screen, PickerScreen)
    options = screen.query_one(OptionList)
    lines = [options.render_line(y).text for y in range(options.size.height)]
    head = screen.query_one("#picker-head").render_line(0).text
    return squash(" ".join([head, *lines]))


def prompts(app: IcdrillApp) -> list[str]:
    return [squash(str(option.prompt)) for option in app.screen.query_one(OptionList).options]


def test_the_picker_lists_every_scenario_with_its_best_score():
    shipped = entries()
    History(history_path()).add(Session("ann", "partner-cert-expiry", "2026-01-01T10:00:00", 0, "player", True, 71.4))
    History(history_path()).add(Session("ann", "partner-cert-expiry", "2026-01-02T10:00:00", 0, "player", True, 64.0))
    History(history_path()).add(Session("ann", "sale-day-meltdown", "2026-01-02T10:00:00", 0, "expert", True, 90.0))
    app = IcdrillApp(trainee="ann")

    async def steps(pilot: Pilot) -> None:
        assert isinstance(app.screen, PickerScreen) and app.engine is None
        shown = prompts(app)
        assert len(shown) == len(shipped) == len(locate.available())
        assert shown[0].startswith("Checkout is failing easy")  # the default scenario, first and highlighted
        assert app.screen.highlighted.id == locate.DEFAULT_SCENARIO
        for entry, line in zip(shipped, shown):
            assert line.startswith(f"{entry.title} {entry.difficulty} · up to ")
        cert = next(line for line in shown if line.startswith("The Partner API's certificate expired"))
        assert "up to 75 min" in cert and "best 71/100" in cert  # the best of two, not the last
        sale = next(line for line in shown if line.startswith("Sale-day meltdown"))
        assert "not played yet" in sale  # a bot's session is not the trainee's score
        assert "trainee: ann" in picker_text(app)

    play(app, steps)


def test_enter_opens_the_briefing_and_esc_goes_back():
    app = IcdrillApp(trainee="ann")
    second = entries()[1]

    async def steps(pilot: Pilot) -> None:
        await pilot.press("down", "enter")
        await settled(pilot, lambda: isinstance(app.screen, BriefingScreen))
        assert app.screen.scenario_title == second.title and app.loaded.path == second.path
        assert not app.started and app.recording is None
        await pilot.press("escape")
        await settled(pilot, lambda: isinstance(app.screen, PickerScreen))
        assert app.drill is None and app.screen.highlighted == second

    play(app, steps)


def test_speed_chosen_in_the_picker_reaches_the_game_and_is_remembered():
    app = IcdrillApp(trainee="ann")

    async def steps(pilot: Pilot) -> None:
        await pilot.press("right", "right", "right", "left")  # 1x -> 2x -> 5x -> 10x -> 5x
        assert app.speed == 5.0
        assert "speed: 5x" in picker_text(app) and "(18 min at 5x)" in picker_text(app)
        await pilot.press("enter")
        await settled(pilot, lambda: isinstance(app.screen, BriefingScreen))
        await pilot.press("enter")
        await settled(pilot, lambda: isinstance(app.screen, PlayScreen))
        assert app.started and app.speed == 5.0

    play(app, steps)
    assert settings.load_settings().speed == 5.0


def test_the_name_is_asked_once_and_remembered(monkeypatch):
    from tui.cli.drill import play_command

    seen: list[tuple[str | None, bool]] = []
    monkeypatch.setattr(IcdrillApp, "run", lambda app: seen.append((app.trainee, app.ask_name)))
    assert play_command(argparse.Namespace()) == 0  # nothing remembered: the game will ask
    assert seen.pop() == (None, True)

    app = IcdrillApp(ask_name=True)

    async def steps(pilot: Pilot) -> None:
        await settled(pilot, lambda: isinstance(app.screen, NameScreen))
        field = app.screen.query_one(Input)
        field.value = "   "
        await pilot.press("enter")
        assert isinstance(app.screen, NameScreen)  # an empty name is refused, with the reason
        assert "must not be empty" in str(app.screen.query_one("#name-problem").render())
        field.value = MARKUP_NAME
        await pilot.press("enter")
        await settled(pilot, lambda: isinstance(app.screen, PickerScreen))
        assert app.trainee == MARKUP_NAME
        assert f"trainee: {MARKUP_NAME} (n to change)" in picker_text(app)  # shown literally, not as markup

    play(app, steps)
    assert settings.load_settings().trainee == MARKUP_NAME
    assert play_command(argparse.Namespace()) == 0  # remembered: not asked again
    assert seen.pop() == (MARKUP_NAME, False)
    assert play_command(argparse.Namespace(trainee="bo")) == 0  # --trainee overrides without asking
    assert seen.pop() == ("bo", False)
    assert settings.load_settings().trainee == MARKUP_NAME


def test_the_name_can_be_changed_from_the_picker():
    settings.save_settings(settings.Settings(trainee="ann", speed=2.0))
    app = IcdrillApp(trainee="ann")

    async def steps(pilot: Pilot) -> None:
        await pilot.press("n")
        await settled(pilot, lambda: isinstance(app.screen, NameScreen))
        app.screen.query_one(Input).value = "bo"
        await pilot.press("enter")
        await settled(pilot, lambda: "trainee: bo" in picker_text(app))

    play(app, steps)
    assert settings.load_settings() == settings.Settings(trainee="bo", speed=2.0)


def test_a_broken_file_is_an_entry_with_its_error(small_catalog):
    app = IcdrillApp(trainee="ann")

    async def steps(pilot: Pilot) -> None:
        picker = app.screen
        broken = next(i for i, e in enumerate(picker.entries) if e.id == "broken")
        await until(pilot, lambda: picker.entries[broken].error is not None, Worker.StateChanged)
        assert prompts(app)[broken].startswith("[b]Broken[/b] hard")  # the title as written, not as markup
        assert "cannot be played" in prompts(app)[broken]
        picker.query_one(OptionList).highlighted = broken
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is picker and app.drill is None  # no briefing for a file that cannot be played
        assert "faults" in str(picker.query_one("#picker-detail").render())

    play(app, steps)


def test_several_drills_in_one_run(small_catalog):
    app = IcdrillApp(record=True, trainee="ann")
    tiny = load_scenario(small_catalog / "tiny.yaml")

    async def one_drill(pilot: Pilot):
        picker = app.screen
        picker.query_one(OptionList).highlighted = next(i for i, e in enumerate(picker.entries) if e.id == "tiny")
        await pilot.press("enter")
        await settled(pilot, lambda: isinstance(app.screen, BriefingScreen))
        await pilot.press("enter")
        await settled(pilot, lambda: isinstance(app.screen, PlayScreen))
        await pilot.press(*"/ack", "enter")
        app.engine.advance(tiny.scenario.end.time_limit)
        closed = await next_signal(pilot, IcdrillApp.SessionClosed)
        return app.engine, closed.closed

    async def steps(pilot: Pilot) -> None:
        first_engine, first = await one_drill(pilot)
        assert first.recording.is_file() and app.recording.closed
        assert any("/ack" in line for line in first.recording.read_text().splitlines())
        app.back_to_picker()
        await next_signal(pilot, IcdrillApp.PickerShown)
        await settled(pilot, lambda: isinstance(app.screen, PickerScreen))
        assert app.drill is None and app.play is None
        tiny_line = next(line for line in prompts(app) if line.startswith("Database down"))
        assert f"best {first.card.overall:.0f}/100" in tiny_line  # the drill just played counts at once
        second_engine, second = await one_drill(pilot)
        assert second_engine is not first_engine and second.recording != first.recording
        # A fresh engine: its log holds the second drill's one /ack, not the first drill's too.
        assert sum('"command_issued"' in line for line in second_engine.log.lines()) == 1
        assert second_engine.log.lines()[0] == first_engine.log.lines()[0]  # same scenario and seed

    play(app, steps)
    rows = History(history_path()).sessions("ann")
    assert [(r.scenario, r.driver) for r in rows] == [("tiny", "player"), ("tiny", "player")]


def test_back_to_picker_mid_drill_leaves_no_half_recording(small_catalog):
    app = IcdrillApp(record=True, trainee="ann")

    async def steps(pilot: Pilot) -> None:
        app.screen.query_one(OptionList).highlighted = next(i for i, e in enumerate(app.screen.entries) if e.id == "tiny")
        await pilot.press("enter")
        await settled(pilot, lambda: isinstance(app.screen, BriefingScreen))
        await pilot.press("enter")
        await settled(pilot, lambda: isinstance(app.screen, PlayScreen))
        app.engine.advance(90)
        recording = app.recording
        app.back_to_picker()
        await next_signal(pilot, IcdrillApp.PickerShown)
        assert recording.closed and recording.path.is_file()  # closed as it stands
        assert app.recording is None and not app.started

    play(app, steps)
    assert History(history_path()).sessions() == []  # left before its end: not in the history


HEAVY = ("sim.engine", "networkx", "numpy", "faker", "simpy", "tui.widgets.timeline", "sim.reading.scoring", "sim.reading.view", "sim.log.events")


@pytest.mark.parametrize("args", [[], ["play", locate.DEFAULT_SCENARIO]], ids=["picker", "briefing"])
def test_the_first_screen_is_drawn_before_the_engine_is_imported(args, data_dir, tmp_path):
    """The game, in a terminal, leaves at its first frame (as the benchmark runs it): by then none
    of the engine's imports has been paid for."""
    from tui.app import LEAVE_AT_FIRST_SCREEN
    from tui.bench_first_screen import timed

    settings.save_settings(settings.Settings(trainee="ann"))
    loaded = tmp_path / "modules.txt"
    probe = (
        "import atexit, sys\n"
        f"atexit.register(lambda: open({str(loaded)!r}, 'w').write('\\n'.join(sys.modules)))\n"
        "from tui.cli import main\n"
        f"sys.exit(main({args!r}))\n"
    )
    env = {**os.environ, ENV: str(data_dir), LEAVE_AT_FIRST_SCREEN: "1", "TERM": "xterm-256color"}
    timed([sys.executable, "-c", probe], env)
    modules = loaded.read_text().split()
    assert "tui.app" in modules and "textual.app" in modules
    assert [m for m in modules if m.startswith(HEAVY)] == []


def test_the_first_screen_benchmark_prints_its_figures():
    from tui.bench_first_screen import main

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["--runs", "1"]) == 0
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("first screen: wall seconds from launch to exit, median of 1 ")
    assert [line.split(")")[0].strip() for line in lines[1:]] == ["(a", "(b", "(c", "(d"]
    assert all(line.endswith("x (a)") for line in lines[1:])


def test_settings_read_value_by_value_and_written_whole(data_dir):
    from tui.store.datadir import settings_path

    assert settings.load_settings() == settings.Settings()  # nothing written yet
    settings.save_settings(settings.Settings(trainee="ann", speed=10.0))
    assert settings.load_settings() == settings.Settings(trainee="ann", speed=10.0)
    assert [p.name for p in data_dir.iterdir()] == ["settings.json"]  # no temporary file left behind
    settings_path().write_text('{"trainee": "ann", "speed": "fast"}')
    assert settings.load_settings() == settings.Settings(trainee="ann", speed=1.0)  # a bad speed keeps the name
    settings_path().write_text('{"trainee": "a\\u001b[2Jb", "speed": 30}')
    assert settings.load_settings() == settings.Settings(trainee=None, speed=30.0)  # a name no flag would take
    settings_path().write_text("{not json")
    assert settings.load_settings() == settings.Settings()
