"""The Textual app: the IC seat in front of a running engine.

The game opens on the picker (`icdrill`), or on one scenario's briefing (`icdrill play ID`); the
trainee's name is asked the first time and remembered with the speed (`tui.store.settings`).
Each drill is a `tui.store.drill.Drill`: its scenario, engine, recording and closing. After a
drill, `back_to_picker` offers the picker again, and the next drill starts from a fresh one.

The first screen is drawn before the engine exists: this module imports Textual and the light
parts of the store only; the engine, the play screen's panels and scoring (SimPy, NumPy, Faker,
networkx under them) are imported when a drill needs them, and the engine is built once the
briefing is on screen, while the player reads it.

The app owns the engine and the clock. A timer advances the engine by `speed` sim seconds per
wall second; after every tick and every command the play screen re-reads `engine.view`. The app
reads nothing else of the engine (but its log, to close the session at the end) and changes it
only through `advance` and `submit`, and `inject` for a facilitator's requests that a recorded
drill finds in its inbox at each tick (`Drill.take_requests`).

With `record`, the session is recorded as it is played (a Recorder listens to the engine's log
from its first event). When the view says the drill has ended, the session is closed
(`tui.store.session.close_session`: scored, recording closed, added to the history) and the debrief
screen (`tui.screens.debrief`) opens over the play screen with the result, then par once the
expert bot has played the same seed in a worker thread.

The app posts a message at each of these moments (`Ticked`, `SessionClosed`, `ParShown`,
`PickerShown`), after the screen has been given what changed: whoever needs to know, the tests
included, listens for them instead of guessing how long they take.
"""

from __future__ import annotations

import asyncio
import math
import os
import signal
from dataclasses import replace
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import App
from textual.binding import Binding
from textual.command import CommandPalette
from textual.message import Message
from textual.reactive import reactive
from textual.screen import ModalScreen
from textual.widgets import Input
from textual.worker import Worker, WorkerState

from tui.screens.briefing import BriefingScreen, briefing_of, level_of
from tui.screens.name import NameScreen
from tui.screens.picker import PickerScreen
from tui.store import scenario_list
from tui.store.drill import Drill
from tui.store.history import default_trainee
from tui.store.settings import SPEEDS, load_settings, save_settings

if TYPE_CHECKING:
    from sim.engine import Engine
    from sim.reading.scoring import Scorecard
    from sim.scenario import LoadedScenario
    from tui.screens.debrief import DebriefScreen
    from tui.screens.play import PlayScreen
    from tui.store.recorder import SessionRecording
    from tui.store.session import ClosedSession

__all__ = ["SPEEDS", "IcdrillApp", "build_app"]

# Signals that end the game as ctrl+q does. Their default action kills the process on the spot,
# leaving the terminal in the alternate screen, with mouse tracking on and no cursor.
ENDING_SIGNALS = (signal.SIGTERM, signal.SIGHUP)
TICK = 0.25  # wall seconds between clock ticks
PLAY_ACTIONS = frozenset({"toggle_pause", "faster", "slower", "help"})
PLAY_ACTIONS |= {"severity_form", "update_form"}  # input (issue 11): the forms, only while the drill runs
# Set only by the first-screen benchmark (`tui/bench_first_screen.py`): the game leaves as soon as
# its first screen has been drawn, so the benchmark times a real start, not an imitation of one.
LEAVE_AT_FIRST_SCREEN = "ICDRILL_LEAVE_AT_FIRST_SCREEN"


def close_session(loaded, entries, recording) -> ClosedSession:
    """`tui.store.session.close_session`, imported when a drill ends: scoring is not needed before."""
    from tui.store.session import close_session as close

    return close(loaded, entries, recording)


def _commands_provider():
    """The command palette's provider of every command (`tui.palette`), imported when the palette opens."""
    from tui.palette import CommandsProvider

    return CommandsProvider


class IcdrillApp(App):
    """The game: a briefing, then the play screen in front of a running engine."""

    CSS_PATH = "app.tcss"
    TITLE = "icdrill"
    ENABLE_COMMAND_PALETTE = True  # Ctrl+P: every command (tui.palette); see the input block below
    BINDINGS = [
        # Function keys drive the clock: no key a player types into a command (space, +, -) can
        # pause or speed up the drill, wherever the focus happens to be.
        # F3/F4 stay out of the footer: at 80 columns it has room for what a trainee needs most
        # (the help, the forms, the map); the help screen and the README list them.
        Binding("f2", "toggle_pause", "Pause"),
        Binding("f3", "slower", "Slower", show=False),
        Binding("f4", "faster", "Faster", show=False),
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

    class PickerShown(Message):
        """The picker is on screen (at the start, or back after a drill), its entries read."""

    def __init__(
        self,
        loaded: LoadedScenario | None = None,
        seed: int = 0,
        speed: float = 1.0,
        *,
        record: bool = False,
        trainee: str | None = None,
        ask_name: bool = False,
        cohort: str | None = None,
        served: bool = False,
    ) -> None:
        """`loaded`: the scenario to brief at once (`icdrill play ID`); None opens the picker.
        `trainee`: whose sessions these are (None: the login name); `ask_name`: ask for it first.
        `cohort`: the game day every drill of this run is recorded under (`icdrill play --cohort`).
        `served`: one browser of a room (`icdrill serve`): the name is asked every time, with no
        default (the server's login names nobody in the room), and nothing is remembered, since
        the data folder's settings are one person's."""
        if not (math.isfinite(speed) and speed > 0):  # nan passes `speed <= 0` and stops the clock's arithmetic
            raise ValueError(f"speed must be a finite number above 0, not {speed:g}")
        super().__init__()
        self.set_reactive(IcdrillApp.speed, float(speed))
        self.seed = seed
        # The drill being played, briefed or just ended; None on the picker. A new drill is a new
        # Drill: nothing of the last one (engine, recording, result) carries over.
        self.drill: Drill | None = Drill(loaded, seed) if loaded is not None else None
        self.picker: PickerScreen | None = None  # while it is on the screen stack
        self.play: PlayScreen | None = None
        self._sim_clock = 0.0  # fractional sim time; the engine steps in whole seconds
        self._warnings: list[str] = []
        # The recording starts with the clock (`_begin`): leaving on the briefing leaves no file behind.
        self.record, self.trainee, self.ask_name = record, trainee, ask_name
        self.cohort = cohort
        self.served = served
        self._checked: dict[object, LoadedScenario] = {}  # scenario file -> loaded, by the picker's check
        self.debrief: DebriefScreen | None = None  # shown once the drill has ended
        self.ended_by_signal: int | None = None  # SIGTERM or SIGHUP, when one ended the game

    # --- the drill under way (read by the play screen's code and by the tests) -------------------

    @property
    def loaded(self) -> LoadedScenario | None:
        return self.drill.loaded if self.drill is not None else None

    @property
    def engine(self) -> Engine | None:
        """The drill's engine, built on first use (the app builds it once the briefing is drawn)."""
        return self.drill.engine if self.drill is not None else None

    @property
    def started(self) -> bool:
        return self.drill is not None and self.drill.started

    @property
    def recording(self) -> SessionRecording | None:
        return self.drill.recording if self.drill is not None else None

    @property
    def closed(self) -> ClosedSession | None:
        return self.drill.closed if self.drill is not None else None

    @closed.setter
    def closed(self, closed: ClosedSession) -> None:
        self.drill.closed = closed

    @property
    def trainee_name(self) -> str:
        """The name sessions are recorded and best scores looked up under."""
        return self.trainee or default_trainee()

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
        if self.drill is not None:
            await self._brief(self.drill, back=False)
        else:
            await self._show_picker()
        if os.environ.get(LEAVE_AT_FIRST_SCREEN):
            self.call_after_refresh(self.exit)  # the benchmark: leave once the first frame is drawn
            return
        if self.ask_name and self.trainee is None:
            self._ask_name()

    def _ask_name(self) -> None:
        self.push_screen(NameScreen("" if self.served else default_trainee()), callback=self._named)

    async def _show_picker(self) -> None:
        """The picker, read afresh (entries, best scores); the full check of each file follows in a
        worker once it is drawn."""
        self.picker = PickerScreen(
            scenario_list.entries(), scenario_list.best_scores(self.trainee_name), self.trainee_name, self.speed
        )
        await self.push_screen(self.picker)
        if not os.environ.get(LEAVE_AT_FIRST_SCREEN):  # the benchmark leaves at the first frame
            self.call_after_refresh(self._check_scenarios)
        self.post_message(self.PickerShown())

    @work(thread=True, exclusive=True, group="check", name="check scenarios", exit_on_error=False)
    def _check_scenarios(self) -> None:
        """Load each scenario for real, off the UI thread: a file that fails shows its error in the picker."""
        picker = self.picker
        for entry in list(picker.entries) if picker is not None else ():
            checked, loaded = scenario_list.check_entry(entry)
            if loaded is not None:
                self._checked[entry.path] = loaded
            if checked != entry:
                self.call_from_thread(picker.update_entry, checked)

    async def _brief(self, drill: Drill, *, back: bool) -> None:
        """The briefing of `drill`; its engine is built once the briefing is drawn, while it is read."""
        meta = drill.loaded.scenario.scenario
        briefing = BriefingScreen(meta.title, briefing_of(drill.loaded), back=back, level=level_of(drill.loaded))
        await self.push_screen(briefing, callback=self._begin)
        self.call_after_refresh(self._prepare, drill)

    def _prepare(self, drill: Drill) -> None:
        """Build the engine and import the play screen while the briefing is read (Enter waits for it)."""
        if drill is self.drill and not os.environ.get(LEAVE_AT_FIRST_SCREEN):
            import tui.screens.play  # noqa: F401 - its panels' imports, paid now rather than on Enter

            drill.engine  # noqa: B018 - built here, on first use

    @on(PickerScreen.Chosen)
    async def _chosen(self, event: PickerScreen.Chosen) -> None:
        loaded = self._checked.get(event.entry.path)
        if loaded is None:
            entry, loaded = scenario_list.check_entry(event.entry)
            if loaded is None:  # it failed the full check just now
                if self.picker is not None:
                    self.picker.update_entry(entry)
                return
        from sim.scenario.levels import UnknownLevel, at_level

        try:
            loaded = at_level(loaded, event.level)
        except UnknownLevel as err:  # the file changed between the picker's reading and this one
            self.notify(str(err), severity="warning")
            return
        self.drill = Drill(loaded, self.seed)
        self._sim_clock = 0.0
        await self._brief(self.drill, back=True)

    @on(PickerScreen.SpeedChosen)
    def _speed_chosen(self, event: PickerScreen.SpeedChosen) -> None:
        self.speed = event.speed
        self._remember(speed=event.speed)

    @on(PickerScreen.RenameAsked)
    def _rename(self) -> None:
        self.push_screen(NameScreen(self.trainee_name), callback=self._named)

    def _named(self, name: str | None) -> None:
        if name is None:
            if self.served and self.trainee is None:
                self._ask_name()  # a room's session is filed under its trainee's name, never the server's login
            return  # left as it was (the first time: the login name, asked again next time)
        self.trainee = name
        self._remember(trainee=name)
        if self.picker is not None:
            self.picker.show_trainee(name, scenario_list.best_scores(name))

    def _remember(self, **changes: object) -> None:
        if self.served:
            return  # the settings are one person's; a room has many
        try:
            save_settings(replace(load_settings(), **changes))
        except OSError as err:
            self.notify(f"cannot remember this ({err.strerror or err}); it holds for this run", severity="warning")

    async def _begin(self, start: bool | None = None) -> None:
        """The briefing closed: Enter takes the seat and starts the clock; Esc goes back to the picker."""
        if not start:
            self.drill = None  # never started: nothing was recorded
            return
        from tui.screens.play import PlayScreen
        from tui.widgets import Timeline

        self.play = PlayScreen()
        await self.push_screen(self.play)
        self.drill.start(record=self.record, trainee=self.trainee, warn=self._warnings.append, cohort=self.cohort)
        self.play.query_one(Timeline).hint(
            "The clock is running. Watch for your page; /help or F1 lists the commands, F2 pauses."
        )
        self._show_warnings()
        self.show_view()
        self.clock.resume()
        self.refresh_bindings()

    def back_to_picker(self) -> None:
        """Leave the drill (finished, or never started) for the picker, where the next one starts
        afresh. A drill left running is abandoned as Ctrl+Q leaves it: its recording is closed as
        it stands and it stays out of the history."""
        self.clock.pause()
        self.paused = False
        if self.drill is not None and (warning := self.drill.abandon()) is not None:
            self.notify(warning, severity="warning")
        for worker in self.workers:
            if worker.name == "par":
                worker.cancel()  # its card belongs to the drill left behind, not to the next one
        self.drill, self.play, self.picker = None, None, None
        self.call_later(self._back_to_picker)

    async def _back_to_picker(self) -> None:
        while len(self.screen_stack) > 1:
            await self.pop_screen()
        await self._show_picker()
        self.refresh_bindings()

    def _tick(self) -> None:
        if self.drill is None:
            return  # between drills (a tick queued before the clock paused)
        if not self.paused:
            if not self.engine.ended:
                self._sim_clock = max(self._sim_clock, self.engine.now) + self.speed * TICK
                self.engine.advance(int(self._sim_clock))
                self.drill.take_requests()  # a facilitator's injects, at the sim time just reached
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
        from tui.screens.debrief import DebriefScreen

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
        from tui.widgets import Timeline

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
        from tui.screens.leave import LeaveScreen

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
        from tui.screens.help import HelpScreen

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
    COMMANDS = App.COMMANDS | {_commands_provider}  # Textual's own (its Quit asks, via action_quit) and ours

    def _opens_form(self, text: str) -> bool:
        """/declare or /sev with no level opens the severity form, /update with no text the update form."""
        forms = {"/declare": self.action_severity_form, "/sev": self.action_severity_form, "/update": self.action_update_form}
        words = text.split()
        if len(words) != 1 or words[0].lower() not in forms:
            return False
        forms[words[0].lower()]()
        return True

    def action_severity_form(self) -> None:
        from tui.screens.severity_form import SeverityForm

        self._open_form(SeverityForm(self.engine.view))

    def action_update_form(self) -> None:
        from tui.screens.update_form import UpdateForm

        self._open_form(UpdateForm(self.engine.view))

    def _open_form(self, form: ModalScreen[str | None]) -> None:
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
        from tui.widgets import CommandInput

        line = self.play.query_one(CommandInput)
        draft, at = line.value, line.cursor_position
        self.submit_command(Input.Submitted(line, command))
        line.value, line.cursor_position = draft, at


def build_app(
    scenario_ref: str | None = None,
    seed: int = 0,
    speed: float = 1.0,
    *,
    record: bool = False,
    trainee: str | None = None,
    ask_name: bool = False,
    cohort: str | None = None,
) -> IcdrillApp:
    """The app briefing a scenario id or file (default: the default scenario); `record` records the
    session, under the game day `cohort` when one is named. (`IcdrillApp()` without a scenario opens the picker.)

    Raises `sim.scenario.ScenarioError` when the scenario cannot be loaded (a missing file
    included) and ValueError for a speed that is not above zero.
    """
    from sim.scenario import load_scenario
    from sim.scenario import locate as catalog

    loaded = load_scenario(catalog.resolve(scenario_ref))
    return IcdrillApp(loaded, seed=seed, speed=speed, record=record, trainee=trainee, ask_name=ask_name, cohort=cohort)
