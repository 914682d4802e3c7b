"""The session recorder: one drill written to the recordings folder as it is played.

A Recorder listens to the engine's log from its first event, so a session killed mid-drill still
leaves a readable prefix on disk. Recording never stops a drill: a folder that cannot be written
is a warning, and the session goes on unrecorded.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tui.store.datadir import history_path, start_recording


class SessionRecording:
    """Records one session to the data folder and adds it to the history at the end.

    Neither ever stops a drill: a folder that cannot be written is a warning on stderr (or in the
    game), and the session goes on unrecorded.
    """

    def __init__(self, engine, loaded, driver: str, trainee: str | None, warn: Callable[[str], None]) -> None:
        from sim.log.recording import recording_header
        from tui.store.history import default_trainee

        self.engine = engine
        self.warn = warn
        self.trainee = trainee or default_trainee()
        self.header = recording_header(
            engine.log.header, scenario_path=loaded.path, driver=driver, trainee=self.trainee
        )
        self.recorder = None
        self.card = None
        self.finished = False
        self._closed = False
        try:
            self.recorder = start_recording(self.header, loaded.scenario.scenario.id, engine.seed).attach(engine.log)
        except OSError as err:
            warn(f"cannot record this session ({err.strerror or err}); playing on without a recording")

    @property
    def path(self) -> Path | None:
        return self.recorder.path if self.recorder is not None else None

    def close(self) -> None:
        """Close the recording (a session left before its end is not added to the history)."""
        if self.recorder is None or self._closed:
            return
        self._closed = True
        self.recorder.close()
        if self.recorder.error:
            self.warn(f"the recording stopped early: {self.recorder.error}")

    def finish(self, played_at: str | None = None) -> None:
        """Close the recording and add the session to the history (scored when scoring is there)."""
        from sim.reading.outcome import outcome
        from sim.reading.scoring import score
        from tui.store.history import History, HistoryError, session_from

        if self.finished:
            return
        self.finished = True
        self.close()
        entries = self.engine.log.entries
        self.card = score(self.engine.scenario, entries)
        row = session_from(self.header, outcome(entries).resolved, self.card, self.path, played_at)
        try:
            History(history_path()).add(row)
        except HistoryError as err:
            self.warn(f"{err}; the session is not in the progress history")
