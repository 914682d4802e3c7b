"""The progress history: one row per finished session in a local SQLite file.

It lives in `tui/` because it stamps each session with the wall-clock date, which `sim/` never
reads. Scores are stored as they were given, so a later change to scoring never rewrites the past.
`icdrill history` prints it (`tui/cli/progress.py`).
"""

from __future__ import annotations

import getpass
import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

SCHEMA_VERSION = 1
_SCHEMA = """
CREATE TABLE IF NOT EXISTS sessions (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    trainee    TEXT    NOT NULL,
    scenario   TEXT    NOT NULL,
    played_at  TEXT    NOT NULL,             -- ISO 8601 local date and time, to the second
    seed       INTEGER NOT NULL,
    driver     TEXT    NOT NULL,             -- player, script or a bot's name
    resolved   INTEGER NOT NULL,
    overall    REAL,                         -- NULL when the session was not scored
    dimensions TEXT    NOT NULL DEFAULT '{}', -- JSON object: dimension name -> score
    recording  TEXT                          -- path of the recording, when there is one
);
CREATE INDEX IF NOT EXISTS sessions_by_trainee ON sessions (trainee, played_at, id);
"""


class HistoryError(Exception):
    pass


def default_trainee() -> str:
    try:
        return getpass.getuser() or "trainee"
    except Exception:  # noqa: BLE001 - getuser raises whatever the platform's lookup raises
        return "trainee"


@dataclass(frozen=True)
class Session:
    trainee: str
    scenario: str
    played_at: str
    seed: int
    driver: str
    resolved: bool
    overall: float | None
    dimensions: dict[str, float] = field(default_factory=dict)
    recording: str | None = None


def now() -> str:
    return datetime.now().isoformat(timespec="seconds")


def last_written(path: str | Path) -> str:
    """When a file was last written, as `played_at` says it: a recording's last line is the end
    of its session."""
    return datetime.fromtimestamp(Path(path).stat().st_mtime).isoformat(timespec="seconds")


def session_from(header: dict[str, Any], resolved: bool, card: Any, recording: str | Path | None, played_at: str | None = None) -> Session:
    """The history row of a recorded session; ``card`` is its `sim.reading.scoring.Scorecard`."""
    dimensions = {d.name: float(d.score) for d in card.dimensions}
    return Session(
        trainee=header.get("trainee") or default_trainee(),
        scenario=header["scenario"],
        played_at=played_at or now(),
        seed=header["seed"],
        driver=header.get("driver", "unknown"),
        resolved=resolved,
        overall=float(card.overall),
        dimensions=dimensions,
        recording=str(recording) if recording is not None else None,
    )


class History:
    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)

    def _connect(self, create: bool) -> sqlite3.Connection:
        try:
            if create:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            con = sqlite3.connect(self.path if create else f"{self.path.resolve().as_uri()}?mode=ro", uri=not create)
            version = con.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                con.close()
                raise HistoryError(f"the history {self.path} was written by a newer icdrill (schema {version})")
            if create and version < SCHEMA_VERSION:
                con.executescript(_SCHEMA)
                con.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            return con
        except (sqlite3.Error, OSError) as err:
            raise HistoryError(f"cannot open the history {self.path}: {err}") from None

    def add(self, session: Session) -> None:
        con = self._connect(create=True)
        try:
            with con:
                con.execute(
                    "INSERT INTO sessions (trainee, scenario, played_at, seed, driver, resolved, overall, dimensions, recording)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        session.trainee, session.scenario, session.played_at, session.seed, session.driver,
                        int(session.resolved), session.overall, json.dumps(session.dimensions), session.recording,
                    ),
                )
        except sqlite3.Error as err:
            raise HistoryError(f"cannot add to the history {self.path}: {err}") from None
        finally:
            con.close()

    def with_recording(self, path: str | Path) -> Session | None:
        """The session recorded in the file at ``path``, when the history has it (any spelling of the path)."""
        wanted = Path(path).resolve()
        return next((s for s in self.sessions() if s.recording and Path(s.recording).resolve() == wanted), None)

    def sessions(self, trainee: str | None = None) -> list[Session]:
        """Sessions in the order they were played, of one trainee or of all."""
        if not self.path.exists():
            return []
        con = self._connect(create=False)
        try:
            if con.execute("SELECT name FROM sqlite_master WHERE name = 'sessions'").fetchone() is None:
                return []
            query = "SELECT trainee, scenario, played_at, seed, driver, resolved, overall, dimensions, recording FROM sessions"
            params: tuple = ()
            if trainee is not None:
                query += " WHERE trainee = ?"
                params = (trainee,)
            rows = con.execute(query + " ORDER BY played_at, id", params).fetchall()
        except sqlite3.Error as err:
            raise HistoryError(f"cannot read the history {self.path}: {err}") from None
        finally:
            con.close()
        return [_session(row) for row in rows]


def _session(row: Sequence[Any]) -> Session:
    trainee, scenario, played_at, seed, driver, resolved, overall, dimensions, recording = row
    try:
        scores = {str(k): float(v) for k, v in json.loads(dimensions).items()}
    except (ValueError, TypeError, AttributeError):
        scores = {}
    return Session(trainee, scenario, played_at, seed, driver, bool(resolved), overall, scores, recording)
