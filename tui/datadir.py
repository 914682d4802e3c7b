"""Where icdrill keeps what a trainee leaves behind: recordings and the progress history.

The user's data folder (`platformdirs.user_data_dir("icdrill")`), or the folder named by the
environment variable ICDRILL_DATA_DIR, which tests set so that they never touch the real home.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path

ENV = "ICDRILL_DATA_DIR"


def data_dir() -> Path:
    override = os.environ.get(ENV)
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_data_dir("icdrill", appauthor=False))


def recordings_dir() -> Path:
    return data_dir() / "recordings"


def history_path() -> Path:
    return data_dir() / "history.sqlite"


def recording_candidates(scenario_id: str, seed: int, folder: Path | None = None):
    """Free paths `<scenario>-<seed>-<n>.jsonl`, n counting on from the highest already there.

    The caller creates the file exclusively and takes the next candidate if another session got
    there first.
    """
    folder = folder or recordings_dir()
    pattern = re.compile(rf"^{re.escape(scenario_id)}-{seed}-(\d+)\.jsonl$")
    taken = [int(m[1]) for p in folder.glob("*.jsonl") if (m := pattern.match(p.name))] if folder.is_dir() else []
    n = max(taken, default=0) + 1
    while True:
        yield folder / f"{scenario_id}-{seed}-{n}.jsonl"
        n += 1


def start_recording(header: dict, scenario_id: str, seed: int):
    """A Recorder on a new file in the recordings folder (created if need be)."""
    from sim.log.recording import Recorder

    folder = recordings_dir()
    folder.mkdir(parents=True, exist_ok=True)
    for path in recording_candidates(scenario_id, seed, folder):
        try:
            return Recorder(path, header)
        except FileExistsError:
            continue
    raise AssertionError("unreachable")  # the candidates never run out


class SessionRecording:
    """Records one session to the data folder and adds it to the history at the end.

    Neither ever stops a drill: a folder that cannot be written is a warning on stderr (or in the
    game), and the session goes on unrecorded.
    """

    def __init__(self, engine, loaded, driver: str, trainee: str | None, warn: Callable[[str], None]) -> None:
        from sim.log.recording import recording_header
        from tui.history import default_trainee

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
        from tui.history import History, HistoryError, session_from

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
