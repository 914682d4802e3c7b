"""The game records the session as it is played and closes it when the drill ends: scored, and
added to the history."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from tui_pilot import log_text, next_signal, play, settled

from sim.log.recording import read_recording
from tui.app import IcdrillApp, build_app
from tui.screens import LeaveScreen, PlayScreen
from tui.screens.debrief import DebriefScreen
from tui.store.history import History
from tui.widgets import CommandInput, EndPanel

TINY = str(Path(__file__).resolve().parent.parent / "fixtures" / "tiny.yaml")


def run(app: IcdrillApp, steps) -> None:
    play(app, steps, begin=True)


async def to_the_end(pilot: Pilot) -> IcdrillApp.SessionClosed:
    """Move the engine to its time limit; the next clock tick ends the drill and closes the session."""
    app = pilot.app
    app.engine.advance(app.loaded.scenario.end.time_limit)
    closed = await next_signal(pilot, IcdrillApp.SessionClosed)
    await settled(pilot, lambda: app.screen.query("#debrief-recording"))  # the debrief is composed
    return closed


def test_a_played_session_is_recorded_and_added_to_the_history(tmp_path, monkeypatch):
    monkeypatch.setenv("ICDRILL_DATA_DIR", str(tmp_path))
    app = build_app(TINY, seed=5, record=True, trainee="ann")
    path = tmp_path / "recordings" / "tiny-5-1.jsonl"

    async def steps(pilot: Pilot) -> None:
        assert app.recording.path == path  # started with the clock
        app.engine.advance(61)
        app.screen.query_one(CommandInput).value = "/ack"
        await pilot.press("enter")
        await pilot.pause()
        # Mid-drill, what was played is already on disk.
        assert read_recording(path).commands() == [(61, "/ack")]
        await to_the_end(pilot)
        assert isinstance(app.screen, DebriefScreen) and app.play.query_one(EndPanel).display
        assert app.closed.recording == path and app.recording.closed

    run(app, steps)
    rec = read_recording(path)
    assert rec.complete and rec.lines == app.engine.log.lines()[1:]
    assert (rec.driver, rec.trainee) == ("player", "ann")
    (session,) = History(tmp_path / "history.sqlite").sessions("ann")
    assert (session.scenario, session.seed, session.driver, session.recording) == ("tiny", 5, "player", str(path))


def test_the_end_panel_shows_the_score(tmp_path, monkeypatch):
    monkeypatch.setenv("ICDRILL_DATA_DIR", str(tmp_path))
    app = build_app(TINY, record=True, trainee="ann")

    async def steps(pilot: Pilot) -> None:
        closed = await to_the_end(pilot)
        panel = app.play.query_one(EndPanel)  # on the play screen, under the debrief
        assert closed.closed is app.closed and panel.closed is app.closed
        assert panel.border_subtitle.startswith(f"score {app.closed.card.overall:.0f}/100")
        assert "recorded as tiny-0-1.jsonl" in panel.border_subtitle

    run(app, steps)
    (session,) = History(tmp_path / "history.sqlite").sessions()
    assert session.overall == app.closed.card.overall and set(session.dimensions) >= {"delegation", "cadence"}


def test_a_session_left_early_is_recorded_but_not_in_the_history(tmp_path, monkeypatch):
    monkeypatch.setenv("ICDRILL_DATA_DIR", str(tmp_path))
    app = build_app(TINY, record=True)

    async def steps(pilot: Pilot) -> None:
        app.engine.advance(120)
        await pilot.press("ctrl+q")  # mid-drill, Ctrl+Q asks first
        await pilot.pause()
        assert isinstance(app.screen, LeaveScreen) and app.is_running and app.paused
        await pilot.press("y")

    run(app, steps)
    assert app.return_code is not None  # left
    assert app.closed is None  # left before the end: never closed, so never scored nor in the history
    app.recording.close()
    rec = read_recording(app.recording.path)
    assert not rec.complete and rec.problems == [] and rec.entries[-1].t <= 120
    assert History(tmp_path / "history.sqlite").sessions() == []


def test_ctrl_q_mid_drill_asks_and_no_takes_the_player_back_to_the_running_clock(tmp_path, monkeypatch):
    monkeypatch.setenv("ICDRILL_DATA_DIR", str(tmp_path))
    app = build_app(TINY, record=True)

    async def steps(pilot: Pilot) -> None:
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, LeaveScreen) and app.paused
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen) and not app.paused and app.is_running
        await pilot.press("ctrl+q", "ctrl+q")  # a second Ctrl+Q means it
        await pilot.pause()

    run(app, steps)
    assert app.return_code is not None


def test_leaving_on_the_briefing_records_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv("ICDRILL_DATA_DIR", str(tmp_path))
    app = build_app(TINY, record=True)

    async def steps(pilot: Pilot) -> None:
        await pilot.press("ctrl+q")  # on the briefing: at once, nothing asked
        await pilot.pause()

    play(app, steps)
    assert app.recording is None and app.return_code is not None
    assert not (tmp_path / "recordings").exists() or list((tmp_path / "recordings").iterdir()) == []


def test_without_record_nothing_is_written(tmp_path, monkeypatch):
    monkeypatch.setenv("ICDRILL_DATA_DIR", str(tmp_path))
    app = build_app(TINY)
    assert app.recording is None

    async def steps(pilot: Pilot) -> None:
        closed = await to_the_end(pilot)
        assert not closed.closed.recorded and closed.closed.card is not None

    run(app, steps)
    assert list(tmp_path.iterdir()) == []


def test_an_unwritable_data_folder_is_a_hint_not_a_crash(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("ICDRILL_DATA_DIR", str(blocker))
    app = build_app(TINY, record=True)

    async def steps(pilot: Pilot) -> None:
        assert app.recording.path is None
        assert "cannot record this session" in log_text(app)
        # At the end the session is still scored; the history cannot be written either: a hint too.
        await to_the_end(pilot)
        panel = app.play.query_one(EndPanel)
        assert app.closed.recorded and app.closed.recording is None
        assert "score " in panel.border_subtitle and "recorded as" not in panel.border_subtitle
        said = app.screen.query_one("#debrief-recording").render().plain  # the debrief says it too
        assert "This session could not be recorded (the timeline says why: Esc shows it)." in said
        assert "the session is not in the progress history" in said
        await pilot.press("escape")  # back to the board: the timeline has the warning
        assert "the session is not in the progress history" in log_text(app)

    run(app, steps)


def test_the_game_files_its_drills_under_the_game_day(tmp_path, monkeypatch):
    """`icdrill play --cohort day1`: the cohort reaches the recording's header and the history row."""
    import argparse

    from tui.cli.drill import play_command

    monkeypatch.setenv("ICDRILL_DATA_DIR", str(tmp_path))
    built: list[IcdrillApp] = []
    monkeypatch.setattr(IcdrillApp, "run", lambda app: built.append(app))
    assert play_command(argparse.Namespace(trainee="ann", cohort="day1")) == 0
    assert built[0].cohort == "day1"
    monkeypatch.undo()
    monkeypatch.setenv("ICDRILL_DATA_DIR", str(tmp_path))
    app = build_app(TINY, seed=3, record=True, trainee="ann", cohort="day1")

    async def steps(pilot: Pilot) -> None:
        await to_the_end(pilot)

    run(app, steps)
    assert read_recording(tmp_path / "recordings" / "tiny-3-1.jsonl").header["cohort"] == "day1"
    (session,) = History(tmp_path / "history.sqlite").sessions(cohort="day1")
    assert (session.trainee, session.seed, session.cohort) == ("ann", 3, "day1")
