"""The one place where a played session is closed: scored, its recording closed, added to the history.

Callers: the game when its view says the drill has ended (`tui/app.py`) and `icdrill run` once its
drill has been driven to the end (`tui/cli/drill.py`). Nothing else scores a drill that has just
been played; `icdrill score`, `report` and `replay` score a recording read back from disk, and
`add_recorded` adds a finished session to the history from its recording, when writing it at the
end of the drill failed (`icdrill history --add REC`).
A session left before its end is not closed here: its recording is closed as it stands
(`SessionRecording.close`) and it stays out of the history.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sim.log.eventlog import Entry
from sim.reading.outcome import Outcome, outcome
from sim.reading.scoring import Scorecard, score
from sim.scenario import LoadedScenario
from tui.store.datadir import history_path
from tui.store.history import History, HistoryError, Session, last_written, session_from
from tui.store.recorder import SessionRecording


class AlreadyAdded(HistoryError):
    """The session of a recording is in the history already."""


@dataclass(frozen=True)
class ClosedSession:
    """What the callers show at the end of a drill."""

    outcome: Outcome
    card: Scorecard
    recorded: bool  # recording was asked for (the file may still have failed: see `recording`, `warnings`)
    recording: Path | None  # the recording's file, when there is one
    warnings: tuple[str, ...] = ()  # for the player: a recording cut short, a history that cannot be written


def close_session(
    loaded: LoadedScenario,
    entries: list[Entry],
    recording: SessionRecording | None = None,
    *,
    played_at: str | None = None,
) -> ClosedSession:
    """Score the drill whose log is `entries`; close `recording` and add the session to the history.

    Call it once, when the drill has ended. Without `recording` (the player chose not to record)
    the session is only scored. A history that cannot be written is a warning, never an error:
    the drill has been played either way.
    """
    card = score(loaded.scenario, entries)
    result = outcome(entries)
    warnings: list[str] = []
    if recording is not None:
        if (warning := recording.close()) is not None:
            warnings.append(warning)
        row = session_from(recording.header, result.resolved, card, recording.path, played_at)
        try:
            History(history_path()).add(row)
        except HistoryError as err:
            later = f" (add it later: icdrill history --add {recording.path})" if recording.path is not None else ""
            warnings.append(f"{err}; the session is not in the progress history{later}")
    return ClosedSession(
        outcome=result,
        card=card,
        recorded=recording is not None,
        recording=recording.path if recording is not None else None,
        warnings=tuple(warnings),
    )


def add_recorded(recording, loaded: LoadedScenario, trainee: str | None = None) -> Session:
    """Add the finished session of ``recording`` (a `sim.log.recording.Recording`, read whole) to
    the history, scored as at its end and dated by its file; raises HistoryError when it is there
    already (AlreadyAdded) or the history cannot be written. The caller checks the recording is whole.
    ``trainee`` names whose session it is when the recording does not (a plain log)."""
    history = History(history_path())
    path = recording.path.resolve()
    there = history.with_recording(path)
    if there is not None:
        raise AlreadyAdded(f"{recording.path} is in the history already ({there.trainee}, played {there.played_at})")
    entries = recording.entries
    header = {**recording.header, "trainee": recording.header.get("trainee") or trainee}
    row = session_from(header, outcome(entries).resolved, score(loaded.scenario, entries), path, last_written(path))
    history.add(row)
    return row
