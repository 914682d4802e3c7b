"""The Textual app driven through its pilot: briefing, commands, refusals, clock keys, the end."""

from __future__ import annotations

from pathlib import Path

from textual import events
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import Static
from tui_pilot import log_text, next_signal, paste_command, play, settled, squash, until

from tui.app import SPEEDS, IcdrillApp, build_app
from tui.screens import BriefingScreen, HelpScreen, PlayScreen
from tui.screens.debrief import DebriefScreen
from tui.widgets import CommandInput, EndPanel, PeoplePanel, Timeline

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
TINY = str(FIXTURES / "tiny.yaml")
DETECTED = 240  # the default scenario's first alert fires at 3m


async def start(pilot: Pilot) -> None:
    await pilot.press("enter")
    await pilot.pause()


async def type_command(pilot: Pilot, text: str) -> None:
    """Type key by key (a pilot key press costs tens of milliseconds: keep these short)."""
    await pilot.press(*text)
    await pilot.press("enter")
    await pilot.pause()


def widget_text(widget: Widget) -> str:
    return squash(" ".join(widget.render_line(y).text for y in range(widget.outer_size.height)))


def test_briefing_then_play_screen():
    app = build_app(TINY)

    async def scenario(pilot: Pilot) -> None:
        assert isinstance(app.screen, BriefingScreen)
        assert "Database down under the web tier" in widget_text(app.screen.query_one("#briefing-title"))
        assert not app.started
        await start(pilot)
        assert isinstance(app.screen, PlayScreen)
        assert app.started and not app.paused
        assert isinstance(app.focused, CommandInput)

    play(app, scenario)


def test_commands_typed_and_entered_reach_the_engine():
    app = build_app()

    async def scenario(pilot: Pilot) -> None:
        await start(pilot)
        app.engine.advance(DETECTED)
        await type_command(pilot, "/ack")
        assert app.engine.view.ic_acknowledged
        assert app.screen.query_one(CommandInput).value == ""
        await paste_command(pilot, "/declare sev1")
        assert app.engine.view.severity == "Sev1"
        assert "you: /ack" in log_text(app) and "you: /declare sev1" in log_text(app)
        # An empty line and /help (or F1) never reach the engine.
        logged = len(app.engine.log.entries)
        app.paused = True
        await pilot.press("enter")
        await paste_command(pilot, "/help")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)  # a screen that closes, not lines added to the timeline
        assert "/assign PERSON ACTION SERVICE [TIMEBOX]" in widget_text(app.screen.query_one("#help-table"))
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen) and app.paused  # the clock stays as the player left it
        await pilot.press("f1", "f1")  # F1 opens it and closes it again
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)
        assert len(app.engine.log.entries) == logged
        assert "/assign PERSON ACTION SERVICE [TIMEBOX]" not in log_text(app)

    play(app, scenario)


def test_refused_command_shows_its_reason():
    app = build_app()

    async def scenario(pilot: Pilot) -> None:
        await start(pilot)
        app.engine.advance(DETECTED)
        await paste_command(pilot, "/asign dana")
        (_, text, reason) = app.engine.view.rejections[-1]
        assert "did you mean /assign" in reason
        assert f"REFUSED /asign dana: {squash(reason)}" in log_text(app)

    play(app, scenario)


def test_every_command_reaches_the_timeline_once_through_the_log():
    """Accepted ones echoed, refused ones with their reason, /update and /note as what they made."""
    app = build_app()
    update = "/update Checkout failing for 30% of customers; next update in 10 min"

    async def scenario(pilot: Pilot) -> None:
        await start(pilot)
        app.paused = True  # the test moves the clock
        app.engine.advance(DETECTED)
        # (/update alone opens the update form instead: tests/tui/test_forms.py)
        for command in ("/ack", "/declare sev1", update, "/note pool maxed out", "/asign dana", "/note"):
            await paste_command(pilot, command)
        # A command that never went through the command line is shown all the same: the timeline
        # reads the log's command_issued and command_rejected events from the view, nothing else.
        app.engine.submit("/page dana")
        app.engine.submit("/page nobody")
        app.show_view()
        await pilot.pause()
        text = log_text(app)
        said = [
            "T+04:00 you: /ack",
            "T+04:00 you: /declare sev1",
            f"T+04:00 you, status update: {update.removeprefix('/update ')}",
            "T+04:00 timeline note (you): pool maxed out",
            "T+04:00 REFUSED /asign dana: unknown command '/asign'; did you mean /assign?",
            "T+04:00 REFUSED /note: usage: /note TEXT",
            "T+04:00 you: /page dana",
            "T+04:00 REFUSED /page nobody: ",
        ]
        assert [text.count(line) for line in said] == [1] * len(said)  # each once, none twice
        assert [text.index(line) for line in said] == sorted(text.index(line) for line in said)  # as typed
        assert "you: /update" not in text and "you: /note" not in text
        assert len(app.engine.view.commands) == 8

    play(app, scenario)


MARKUP = "[bold]hi[/bold] [link=x] [/] [red"


def test_markup_in_scenario_and_player_text_is_shown_literally(tmp_path):
    source = (FIXTURES / "tiny.yaml").read_text(encoding="utf-8")
    source = source.replace("title: Database down under the web tier", f"title: '{MARKUP}'\n  briefing: '{MARKUP}'")
    source = source.replace("name: Ann Lee", f"name: '{MARKUP}'")
    path = tmp_path / "tiny.yaml"
    path.write_text(source, encoding="utf-8")
    app = build_app(str(path))

    async def scenario(pilot: Pilot) -> None:
        assert MARKUP in widget_text(app.screen.query_one("#briefing-title"))
        assert MARKUP in widget_text(app.screen.query_one("#briefing-text"))
        await start(pilot)
        app.engine.advance(90)
        for command in ("/ack", "/declare sev2", f"/update {MARKUP}", f"/page {MARKUP}"):
            await paste_command(pilot, command)
        text = log_text(app)
        assert f"you, status update: {MARKUP}" in text
        assert f"REFUSED /page {MARKUP}" in text
        assert "[bold]hi[/bold] [" in widget_text(app.screen.query_one(PeoplePanel))

    play(app, scenario)


def test_clock_runs_and_the_pause_and_speed_keys_drive_it():
    app = build_app(TINY, speed=SPEEDS[-1])

    async def scenario(pilot: Pilot) -> None:
        await pilot.press("f2")  # on the briefing the clock keys do nothing
        assert not app.paused
        await start(pilot)
        await until(pilot, lambda: app.engine.now > 0)  # the clock's ticks move the engine
        await pilot.press("f2")
        assert app.paused
        now = app.engine.now
        for _ in range(3):  # the clock goes on ticking, and moves nothing
            await next_signal(pilot, IcdrillApp.Ticked)
        assert app.engine.now == now
        await pilot.press("f2")
        assert not app.paused
        await pilot.press("f4")  # the top speed holds
        assert app.speed == SPEEDS[-1]
        await pilot.press("f3")
        assert app.speed == SPEEDS[-2]
        app.speed = SPEEDS[0]
        await pilot.press("f3")  # so does the bottom one
        assert app.speed == SPEEDS[0]
        # Space, plus and minus are characters of a command, on an empty line too.
        await pilot.press("space", "plus", "minus")
        line = app.screen.query_one(CommandInput)
        assert line.value == " +-"
        assert not app.paused and app.speed == SPEEDS[0]
        # Even when the keys queue up faster than the app reads them (a fast typist, a paste).
        line.clear()
        for character in "/update a + b - c":
            key = {" ": "space", "+": "plus", "-": "minus", "/": "slash"}.get(character, character)
            app.post_message(events.Key(key, character))
        await pilot.pause()
        assert line.value == "/update a + b - c"
        assert not app.paused and app.speed == SPEEDS[0]

    play(app, scenario)


def test_typing_lands_in_the_command_line_whatever_has_the_focus():
    """Issue 11: one click on the timeline, and `/note a b` un-paused the drill with its space."""
    app = build_app(TINY)

    async def scenario(pilot: Pilot) -> None:
        await start(pilot)
        await pilot.press("f2")
        assert app.paused
        line = app.screen.query_one(CommandInput)
        line.value = "/note half"
        app.screen.query_one(Timeline).focus()
        await pilot.pause()
        assert not line.has_focus
        await pilot.press("space", "t", "y", "p", "e", "d")
        assert line.has_focus and line.value == "/note half typed"  # appended, not selected and wiped
        assert app.paused and app.speed == SPEEDS[0]

    play(app, scenario)


def test_the_debrief_opens_when_the_drill_ends_and_esc_shows_the_board_under_it():
    app = build_app(TINY)

    async def scenario(pilot: Pilot) -> None:
        await start(pilot)
        panel = app.screen.query_one(EndPanel)
        assert not panel.display
        app.engine.advance(app.loaded.scenario.end.time_limit)
        closed = await next_signal(pilot, IcdrillApp.SessionClosed)  # the next clock tick notices
        assert app.engine.ended and closed.closed is app.closed

        def text() -> str:
            return squash(" ".join(widget_text(part) for part in app.screen.query(Static)))

        await settled(pilot, lambda: "This session was not recorded." in text())  # the debrief laid out
        assert isinstance(app.screen, DebriefScreen)
        text = text()
        assert "NOT resolved" in text and "customer-impact-minutes" in text
        assert "Score " in text and " / 100" in text  # scored even when not recorded
        now = app.engine.now
        await pilot.press("f2")
        assert not app.paused and app.engine.now == now
        await pilot.press("escape")  # the board as the drill left it, the end panel on it
        await settled(pilot, lambda: isinstance(app.screen, PlayScreen) and panel.display)
        assert app.screen.query_one(CommandInput).disabled
        assert "d: the debrief" in widget_text(panel)
        await pilot.press("d")
        await settled(pilot, lambda: app.screen is app.debrief)

    play(app, scenario)
