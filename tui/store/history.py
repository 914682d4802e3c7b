"""The progress history: one row per finished session in a local SQLite file.

It lives in `tui/` because it stamps each session with the wall-clock date, which `sim/` never
reads. Scores are stored as they were given, so a later change to scoring never rewrites the past.
`icdrill history` prints it (`tui/cli/progress.py`), and `icdrill history --cohort NAME` compares
one game day's trainees (`tui/store/cohort.py`).

Schema 2 added `cohort` (the game day) and `level` (the scenario's difficulty level), both read from
the recording's header. A schema-1 file is migrated the first time it is written to (its rows
keep NULL in both); until then it is read as it is, the two columns read as NULL.
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

SCHEMA_VERSION = 2
_TABLE = """
CREATE TABLE sessions (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    trainee    TEXT    NOT NULL,
    scenario   TEXT    NOT NULL,
    played_at  TEXT    NOT NULL,             -- ISO 8601 local date and time, to the second
    seed       INTEGER NOT NULL,
    driver     TEXT    NOT NULL,             -- player, script or a bot's name
    resolved   INTEGER NOT NULL,
    overall    REAL,                         -- NULL when the session was not scored
    dimensions TEXT    NOT NULL DEFAULT '{}', -- JSON object: dimension name -> score
    recording  TEXT,                         -- path of the recording, when there is one
    cohort     TEXT,                         -- the game day (schema 2), NULL when none was named
    level      TEXT                          -- the scenario's level played (schema 2), NULL: as written
)
"""
_INDEX = "CREATE INDEX IF NOT EXISTS sessions_by_trainee ON sessions (trainee, played_at, id)"
# Columns added since schema 1, each with its type: an older file gains them, its rows NULL.
_ADDED = {"cohort": "TEXT", "level": "TEXT"}
_COLUMNS = ("trainee", "scenario", "played_at", "seed", "driver", "resolved", "overall", "dimensions", "recording", "cohort", "level")


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
    cohort: str | None = None  # the game day, when one was named
    level: str | None = None  # the scenario's difficulty level, when one was chosen


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
        cohort=header.get("cohort"),
        level=header.get("level"),
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
                _migrate(con)
            return con
        except (sqlite3.Error, OSError) as err:
            raise HistoryError(f"cannot open the history {self.path}: {err}") from None

    def add(self, session: Session) -> None:
        con = self._connect(create=True)
        try:
            with con:
                con.execute(
                    f"INSERT INTO sessions ({', '.join(_COLUMNS)}) VALUES ({', '.join('?' * len(_COLUMNS))})",
                    (
                        session.trainee, session.scenario, session.played_at, session.seed, session.driver,
                        int(session.resolved), session.overall, json.dumps(session.dimensions), session.recording,
                        session.cohort, session.level,
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

    def sessions(self, trainee: str | None = None, cohort: str | None = None) -> list[Session]:
        """Sessions in the order they were played: of one trainee, of one game day, of both or of all."""
        if not self.path.exists():
            return []
        con = self._connect(create=False)
        try:
            present = _columns(con)
            if not present:
                return []
            # A schema-1 file not yet migrated (it is read-only here) reads NULL for the newer columns.
            query = f"SELECT {', '.join(c if c in present else 'NULL' for c in _COLUMNS)} FROM sessions"
            where = [(column, value) for column, value in (("trainee", trainee), ("cohort", cohort)) if value is not None]
            if any(column not in present for column, _ in where):
                return []  # an old file has no session of any game day
            if where:
                query += " WHERE " + " AND ".join(f"{column} = ?" for column, _ in where)
            rows = con.execute(query + " ORDER BY played_at, id", tuple(v for _, v in where)).fetchall()
        except sqlite3.Error as err:
            raise HistoryError(f"cannot read the history {self.path}: {err}") from None
        finally:
            con.close()
        return [_session(row) for row in rows]

    def cohorts(self) -> dict[str, int]:
        """Every game day named in the history, with its number of sessions, by name."""
        if not self.path.exists():
            return {}
        con = self._connect(create=False)
        try:
            if "cohort" not in _columns(con):
                return {}  # no table yet, or a schema-1 file: no game day
            query = "SELECT cohort, COUNT(*) FROM sessions WHERE cohort IS NOT NULL GROUP BY cohort ORDER BY cohort"
            return dict(con.execute(query).fetchall())
        except sqlite3.Error as err:
            raise HistoryError(f"cannot read the history {self.path}: {err}") from None
        finally:
            con.close()


def _columns(con: sqlite3.Connection) -> set[str]:
    """The columns of the sessions table; empty when there is no such table yet."""
    return {row[1] for row in con.execute("PRAGMA table_info(sessions)")}


def _migrate(con: sqlite3.Connection) -> None:
    """Bring a new or older file to this schema in one transaction: the table when there is none,
    the columns added since when it is older (its rows get NULL in them)."""
    with con:
        con.execute("BEGIN IMMEDIATE")  # two processes migrating at once: the second waits, then finds it done
        if con.execute("PRAGMA user_version").fetchone()[0] >= SCHEMA_VERSION:
            return
        present = _columns(con)
        if not present:
            con.execute(_TABLE)
        for column, kind in _ADDED.items():
            if present and column not in present:
                con.execute(f"ALTER TABLE sessions ADD COLUMN {column} {kind}")
        con.execute(_INDEX)
        con.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def _session(row: Sequence[Any]) -> Session:
    trainee, scenario, played_at, seed, driver, resolved, overall, dimensions, recording, cohort, level = row
    try:
        scores = {str(k): float(v) for k, v in json.loads(dimensions).items()}
    except (ValueError, TypeError, AttributeError):
        scores = {}
    return Session(trainee, scenario, played_at, seed, driver, bool(resolved), overall, scores, recording, cohort, level)
