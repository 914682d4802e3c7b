"""The Textual app: the IC seat in front of a running engine.

The app owns the engine and the clock. A timer advances the engine by `speed` sim seconds per
wall second; after every tick and every command the play screen re-reads `engine.view`. The app
reads nothing else of the engine (but its log, to close the session at the end) and changes it
only through `advance` and `submit`.

With `record`, the session is recorded as it is played (a Recorder listens to the engine's log
from its first event). When the view says the drill has ended, the session is closed
(`tui.store.session.close_session`: scored, recording closed, added to the history) and the debrief
screen (`tui.screens.debrief`) opens over the play screen with the result, then par once the
expert bot has played the same seed in a worker thread.

The app posts a message at each of these moments (`Ticked`, `SessionClosed`, `ParShown`), after
the screen has been given what changed: whoever needs to know, the tests included, listens for
them instead of guessing how long they take.
"""

from __future__ import annotations

import asyncio
import math
import signal
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import App
from textual.binding import Binding
from textual.command import CommandPalette
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Input
from textual.worker import Worker, WorkerState

from sim.engine import Engine
from sim.scenario import LoadedScenario, load_scenario
from sim.scenario import locate as catalog
from sim.reading.view import briefing as briefing_text
from tui.palette import CommandsProvider
from tui.screens import BriefingScreen, HelpScreen, LeaveScreen, PlayScreen, SeverityForm, UpdateForm
from tui.store.recorder import SessionRecording
from tui.store.session import ClosedSession, close_session
from tui.screens.debrief import DebriefScreen
from tui.widgets import CommandInput, Timeline

if TYPE_CHECKING:
    from sim.reading.scoring import Scorecard

SPEEDS: tuple[float, ...] = (1.0, 2.0, 5.0, 10.0, 30.0)
# Signals that end the game as ctrl+q does. Their default action kills the process on the spot,
# leaving the terminal in the alternate screen, with mouse tracking on and no cursor.
ENDING_SIGNALS = (signal.SIGTERM, signal.SIGHUP)
TICK = 0.25  # wall seconds between clock ticks
PLAY_ACTIONS = frozenset({"toggle_pause", "faster", "slower", "help"})
PLAY_ACTIONS |= {"severity_form", "update_form"}  # input (issue 11): the forms, only while the drill runs


class IcdrillApp(App):
    """The game: a briefing, then the play screen in front of a running engine."""

    CSS_PATH = "app.tcss"
    TITLE = "icdrill"
    ENABLE_COMMAND_PALETTE = True  # Ctrl+P: every command (tui.palette); see the input block below
    BINDINGS = [
        # Function keys drive the clock: no key a player types into a command (space, +, -) can
        # pause or speed up the drill, wherever the focus happens to be.
        Binding("f2", "toggle_pause", "Pause/resume"),
        Binding("f3", "slower", "Slower"),
        Binding("f4", "faster", "Faster"),
        Binding("f1", "help", "Commands"),
        Binding("ctrl+q", "quit", "Quit", priority=True),
    ]

    paused: reactive[bool] = reactive(False)
    speed: reactive[float] = reactive(1.0)

    class Ticked(Message):
        """The clock ticked, running or paused: the screen shows the view as of this tick."""

    class SessionClosed(Message):
        """The drill has ended and its session is closed: the debrief shows it."""

        def __init__(self, closed: ClosedSession) -> None:
            super().__init__()
            self.closed = closed

    class ParShown(Message):
        """Par, or the reason it could not be played, is on the debrief."""

    def __init__(
        self, loaded: LoadedScenario, seed: int = 0, speed: float = 1.0, *, record: bool = False, trainee: str | None = None
    ) -> None:
        if not (math.isfinite(speed) and speed > 0):  # nan passes `speed <= 0` and stops the clock's arithmetic
            raise ValueError(f"speed must be a finite number above 0, not {speed:g}")
        super().__init__()
        self.loaded = loaded
        self.engine = Engine(loaded, seed)
        self.set_reactive(IcdrillApp.speed, float(speed))
        self.started = False
        self.play: PlayScreen | None = None
        self._sim_clock = 0.0  # fractional sim time; the engine steps in whole seconds
        self._warnings: list[str] = []
        # The recording starts with the clock (`_begin`): leaving on the briefing leaves no file behind.
        self.record, self.trainee = record, trainee
        self.recording: SessionRecording | None = None
        self.closed: ClosedSession | None = None  # once the drill has ended
        self.debrief: DebriefScreen | None = None  # shown once the drill has ended
        self.ended_by_signal: int | None = None  # SIGTERM or SIGHUP, when one ended the game

    # --- lifecycle ------------------------------------------------------------------------------

    def on_load(self) -> None:
        """Catch SIGTERM and SIGHUP on the event loop before Textual takes the terminal over (Load
        comes before the driver starts), so that the app exits through its own shutdown, which
        gives the terminal back, and `icdrill play` then closes the recording."""
        loop = asyncio.get_running_loop()
        for signum in ENDING_SIGNALS:
            try:
                loop.add_signal_handler(signum, self._end_by_signal, signum)
            except (ValueError, RuntimeError, NotImplementedError):
                pass  # not the main thread (a test), or a platform without them: the default stays

    def _end_by_signal(self, signum: int) -> None:
        self.ended_by_signal = signum
        self.exit()

    async def on_mount(self) -> None:
        self.clock = self.set_interval(TICK, self._tick, pause=True)
        self.play = PlayScreen()
        await self.push_screen(self.play)
        meta = self.loaded.scenario.scenario
        await self.push_screen(BriefingScreen(meta.title, briefing_text(self.engine.view.catalog)), callback=self._begin)

    def _begin(self, _: bool | None = None) -> None:
        self.started = True
        if self.record:
            self.recording = SessionRecording(self.engine, self.loaded, "player", self.trainee, self._warnings.append)
        self.play.query_one(Timeline).hint(
            "The clock is running. Watch for your page; /help or F1 lists the commands, F2 pauses."
        )
        self._show_warnings()
        self.show_view()
        self.clock.resume()
        self.refresh_bindings()

    def _tick(self) -> None:
        if not self.paused:
            if not self.engine.ended:
                self._sim_clock = max(self._sim_clock, self.engine.now) + self.speed * TICK
                self.engine.advance(int(self._sim_clock))
            self.show_view()
        self.post_message(self.Ticked())

    def show_view(self) -> None:
        """Hand the current view to the play screen; close the session once the drill has ended."""
        if not self.is_running or self.play is None or not self.play.is_mounted:
            return  # not yet on screen, or shutting down (a tick can land while screens close)
        view = self.engine.view
        self.play.show(view, self.speed, self.paused)
        if view.ended and self.closed is None:
            self.clock.pause()
            self.closed = close_session(self.loaded, self.engine.log.entries, self.recording)
            self.play.show_end(self.closed)
            self._warnings.extend(self.closed.warnings)
            self._show_warnings()
            self._play_par()
            self.refresh_bindings()
            self.show_debrief()
            self.post_message(self.SessionClosed(self.closed))

    @work(thread=True, exclusive=True, name="par", exit_on_error=False)
    def _play_par(self) -> Scorecard:
        """Par: the expert bot plays the same seed on its own engine, off the UI thread."""
        from sim.play.par import par

        return par(self.loaded, self.engine.seed)

    # --- the debrief (tui/screens/debrief.py): its own screen once the session is closed ---------

    def show_debrief(self) -> None:
        """The debrief over the play screen: made once per closed session (installed, so that Esc
        back to the board and `d` again find it as it was: par, reports saved)."""
        if self.closed is None:
            return
        if self.debrief is None or self.debrief.closed is not self.closed:
            if self.debrief is not None and self.debrief not in self.screen_stack:
                self.uninstall_screen(self.debrief)  # an earlier drill's, no longer shown
            self.debrief = DebriefScreen(self.loaded, self.engine.seed, self.engine.log.entries, self.closed)
            self.install_screen(self.debrief, name=f"debrief-{id(self.debrief)}")
        if self.screen is not self.debrief:
            self.push_screen(self.debrief)

    @on(Worker.StateChanged)
    def _par_played(self, event: Worker.StateChanged) -> None:
        if event.worker.name != "par" or self.debrief is None:
            return  # not par
        if event.state == WorkerState.SUCCESS:
            self.debrief.show_par(event.worker.result, None)
        elif event.state == WorkerState.ERROR:
            self.debrief.show_par(None, f"par could not be played: {event.worker.error}")
        else:
            return  # pending or running: nothing to show yet
        self.post_message(self.ParShown())

    def _show_warnings(self) -> None:
        timeline = self.play.query_one(Timeline)
        for warning in self._warnings:
            timeline.hint(f"icdrill: {warning}")
        self._warnings.clear()

    # --- commands ------------------------------------------------------------------------------

    @on(Input.Submitted, "#command")
    def submit_command(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        event.input.clear()
        if not text:
            return
        if text.split()[0].lower() == "/help":
            self.action_help()
            return
        if self._opens_form(text):
            return  # /declare, /sev or /update with nothing after: the form asks for it
        self.show_view()  # what was said before this command is on screen before it
        self.engine.submit(text)  # accepted or refused, the log has it and the view shows it
        self.show_view()

    # --- key bindings --------------------------------------------------------------------------

    async def action_quit(self) -> None:
        """Ctrl+Q: at once on the briefing or after the end; mid-drill, only once the player says so."""
        if not self.started or self.engine.ended or isinstance(self.screen, LeaveScreen):
            self.exit()
            return
        was_paused = self.paused
        self.paused = True  # the clock waits while the question is asked

        def answered(leave: bool | None) -> None:
            if leave:
                self.exit()
            else:
                self.paused = was_paused

        self.push_screen(LeaveScreen(), callback=answered)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in PLAY_ACTIONS:
            return self.started and not self.engine.ended
        return True

    def action_help(self) -> None:
        if isinstance(self.screen, HelpScreen):
            return
        was_paused = self.paused
        self.paused = True  # the clock waits while the player reads

        def closed(_: None) -> None:
            self.paused = was_paused

        self.push_screen(HelpScreen(), callback=closed)

    def action_toggle_pause(self) -> None:
        self.paused = not self.paused

    def action_faster(self) -> None:
        self.speed = next((s for s in SPEEDS if s > self.speed), self.speed)

    def action_slower(self) -> None:
        self.speed = next((s for s in reversed(SPEEDS) if s < self.speed), self.speed)

    def watch_paused(self) -> None:
        self.show_view()

    def watch_speed(self) -> None:
        self.show_view()

    # --- input (issue 11): the command palette, the severity and status-update forms ------------
    # A form is a screen over the play screen; the clock waits while it is open (as for help) and
    # what it produces goes through `submit_command`, the path of a typed command, so the engine
    # judges it and the timeline shows it.

    BINDINGS = [
        *BINDINGS,
        Binding("f5", "severity_form", "Severity"),
        Binding("f6", "update_form", "Update"),
    ]
    COMMANDS = App.COMMANDS | {CommandsProvider}  # Textual's own (its Quit asks, via action_quit) and ours

    def _opens_form(self, text: str) -> bool:
        """/declare or /sev with no level opens the severity form, /update with no text the update form."""
        forms = {"/declare": self.action_severity_form, "/sev": self.action_severity_form, "/update": self.action_update_form}
        words = text.split()
        if len(words) != 1 or words[0].lower() not in forms:
            return False
        forms[words[0].lower()]()
        return True

    def action_severity_form(self) -> None:
        self._open_form(SeverityForm(self.engine.view))

    def action_update_form(self) -> None:
        self._open_form(UpdateForm(self.engine.view))

    def _open_form(self, form: SeverityForm | UpdateForm) -> None:
        if self.play is None or self.screen is not self.play or not self.started or self.engine.ended:
            return  # over another screen (help, a form), or no drill running
        was_paused = self.paused
        self.paused = True  # the clock waits while the player fills the form in

        def closed(command: str | None) -> None:
            if command:
                self._send_from_form(command)
            self.paused = was_paused

        self.push_screen(form, callback=closed)

    _paused_for_palette: bool | None = None  # while the palette is open: whether the clock was paused

    @on(CommandPalette.Opened)
    def _palette_opened(self, _: CommandPalette.Opened) -> None:
        if self.started and not self.engine.ended and self._paused_for_palette is None:
            self._paused_for_palette = self.paused
            self.paused = True  # the clock waits while the player browses the commands

    @on(CommandPalette.Closed)
    def _palette_closed(self, _: CommandPalette.Closed) -> None:
        if self._paused_for_palette is not None:
            self.paused, self._paused_for_palette = self._paused_for_palette, None

    def _send_from_form(self, command: str) -> None:
        """Send a form's command as if typed; a half-typed line is kept for after it."""
        line = self.play.query_one(CommandInput)
        draft, at = line.value, line.cursor_position
        self.submit_command(Input.Submitted(line, command))
        line.value, line.cursor_position = draft, at


def build_app(
    scenario_ref: str | None = None, seed: int = 0, speed: float = 1.0, *, record: bool = False, trainee: str | None = None
) -> IcdrillApp:
    """The app for a scenario id or file (default: the default scenario); `record` records the session.

    Raises `sim.scenario.ScenarioError` when the scenario cannot be loaded (a missing file
    included) and ValueError for a speed that is not above zero.
    """
    loaded = load_scenario(catalog.resolve(scenario_ref))
    return IcdrillApp(loaded, seed=seed, speed=speed, record=record, trainee=trainee)
