"""The session recorder: one drill written to the recordings folder as it is played.

A Recorder listens to the engine's log from its first event, so a session killed mid-drill still
leaves a readable prefix on disk. Recording never stops a drill: a folder that cannot be written
is a warning, and the session goes on unrecorded. Closing the session at the end of the drill
(score, history) is `tui.store.session.close_session`'s job, not this one's.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tui.store.datadir import start_recording


class SessionRecording:
    """Starts recording `engine`'s session at once; `close()` ends the file, a second call does nothing.

    `warn` hears a folder that cannot be written, when recording starts. `header` is the
    recording's header (scenario, seed, driver, trainee, and the game day's `cohort` when one is
    named): the history row is made from it.
    """

    def __init__(
        self, engine, loaded, driver: str, trainee: str | None, warn: Callable[[str], None], cohort: str | None = None
    ) -> None:
        from sim.log.recording import recording_header
        from sim.play.provenance import source_files
        from tui.store.history import default_trainee

        self.trainee = trainee or default_trainee()
        self.header = recording_header(
            engine.log.header,
            scenario_path=loaded.path,
            driver=driver,
            trainee=self.trainee,
            sources=source_files(loaded),
            cohort=cohort,
        )
        self.recorder = None
        self.mark = None  # tells the facilitator's console the game still plays (`tui.store.liveness`)
        self.closed = False
        try:
            self.recorder = start_recording(self.header, loaded.scenario.scenario.id, engine.seed).attach(engine.log)
        except OSError as err:
            warn(f"cannot record this session ({err.strerror or err}); playing on without a recording")
        else:
            from tui.store.liveness import LiveMark

            self.mark = LiveMark(self.recorder.path)

    @property
    def path(self) -> Path | None:
        """The recording's file; None when the folder could not be written, or the recording failed
        before its first event (the Recorder then removed the file: no empty recording is left)."""
        if self.recorder is None or self.recorder.removed:
            return None
        return self.recorder.path

    def close(self) -> str | None:
        """Close the file; a warning when the recording stopped early (it holds what was written)."""
        if self.recorder is None or self.closed:
            return None
        self.closed = True
        self.recorder.close()
        if self.mark is not None:
            self.mark.release()
        if self.recorder.removed:
            return f"the session was not recorded: {self.recorder.error} (the empty file was removed)"
        return f"the recording stopped early: {self.recorder.error}" if self.recorder.error else None
