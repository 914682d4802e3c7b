"""The sessions of a data folder as the facilitator's console (`icdrill watch`) shows them, kept
up to date as their recordings grow.

`Watchlist.poll` looks for new recordings in the folder and reads on in each one that is still
being played (`sim.log.follow.Follower`: only what was appended since the last poll). A session
that grew is read again with the game's own readers: the player's view (`sim.reading.view`, fed
the new entries only) for the phase and the severity the trainee called; the scorecard's facts,
gathered once per row, for the scorecard so far (`sim.reading.scoring.score_facts`) and for the
cadence fold, which counts the status updates that came (or are) late beyond its grace. The true impact comes from the same facts.
Nothing here writes to the folder; injects go through `tui.store.injects`.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from sim.log.eventlog import Entry
from sim.log.follow import Follower
from sim.reading.report import timeline
from sim.reading.narrate import THE_IC
from sim.reading.scoring import score_facts
from sim.reading.scoring.cadence import fold
from sim.reading.scoring.facts import NONE, gather
from sim.reading.view import View
from sim.scenario import LoadedScenario
from sim.scenario.shared import shared
from sim.play.replay import ReplayError, locate_scenario
from tui.store.liveness import still_played

LIVE, ENDED, LEFT, UNREADABLE = "live", "ended", "left", "unreadable"
# LEFT: unfinished, and no game plays it any more (left with Ctrl+Q, a browser tab closed, a crash:
# `tui.store.liveness`). A live game that is paused or quiet says how long, in wall minutes.
QUIET = 120  # wall seconds without a new event before a live session's row says so


@dataclass(frozen=True)
class Row:
    """One session as the console lists it. Text here comes from recordings: show it, never parse it."""

    path: Path
    trainee: str
    scenario: str  # its id, and the level played in brackets when there is one
    clock: int  # sim seconds: the last event's time
    phase: str
    severity: str  # the severity the trainee called ("-" before declaring)
    true_severity: str  # what the impact amounts to ("none" when nobody is hurt)
    impact: float  # the true share of customers hurt, 0 to 1
    late: int  # status updates late beyond the scorecard's grace, the one overdue now included
    score: float | None  # the scorecard of the session so far; None before anything is scored
    state: str  # LIVE, ENDED, LEFT, or UNREADABLE (read as far as it goes; `problem` says why no further)
    problem: str | None = None
    quiet: int = 0  # whole wall minutes a live session has gone without a new event, once past QUIET


class SessionWatch:
    """One recording followed: its entries, the view folded from them, and its row."""

    def __init__(self, path: Path, scenarios: dict[tuple, LoadedScenario | str], clock: Callable[[], float] = time.monotonic) -> None:
        self.path = path
        self.clock = clock
        self.grew_at = clock()
        self.follower = Follower(path)
        self._scenarios = scenarios  # shared by the watchlist: one load per scenario file
        self.loaded: LoadedScenario | None = None
        self.view: View | None = None
        self.row = self._row_of(None)
        self.version = 0  # bumped each time the session grew: the open session view redraws then

    @property
    def entries(self) -> list[Entry]:
        return self.follower.entries

    @property
    def live(self) -> bool:
        return self.row.state == LIVE

    def poll(self) -> bool:
        """Read on; True when the row changed."""
        if self.follower.done and self.row.state != LIVE:
            return False
        new = self.follower.poll()
        if self.follower.header is not None and self.loaded is None and not self._locate():
            return True
        if self.view is not None:
            for entry in new:
                self.view.apply(entry)
        before = self.row
        if new or self.follower.done:
            self.version += bool(new)
            self.row = self._row_of(self.view)
        if new:
            self.grew_at = self.clock()
        if self.row.state == LIVE and not still_played(self.path):
            self.row = replace(self.row, state=LEFT)
        if self.row.state == LIVE:
            quiet = self.clock() - self.grew_at
            self.row = replace(self.row, quiet=int(quiet // 60) if quiet >= QUIET else 0)
        return self.row != before

    def _locate(self) -> bool:
        header = self.follower.header
        key = (header["scenario_hash"], header.get("level"))  # a level gives its own scenario (`locate_scenario`)
        if key not in self._scenarios:
            try:
                self._scenarios[key] = locate_scenario(header)
            except (ReplayError, KeyError, TypeError) as err:
                self._scenarios[key] = str(err)
        found = self._scenarios[key]
        if isinstance(found, str):
            self.row = self._row_of(None, problem=found)
            self.follower.problem = self.follower.problem or found  # nothing can be read without it
            return False
        self.loaded = found
        self.view = View(shared(found.scenario).catalog)
        return True

    def timeline(self) -> list[tuple[int, str]]:
        """The session's timeline so far, as the post-incident report tells it (plain text)."""
        if self.loaded is None:
            return []
        return timeline(self.loaded.scenario, self.entries, THE_IC)

    def people(self) -> list[tuple[str, str]]:
        """(person id, name) of everyone listed in the session so far: who a message can come from."""
        if self.view is None:
            return []
        return sorted(((p.id, p.name) for p in self.view.people.values()), key=lambda p: p[1])

    def _row_of(self, view: View | None, problem: str | None = None) -> Row:
        header = self.follower.header or {}
        problem = problem or self.follower.problem
        trainee = str(header.get("trainee") or "?")
        scenario = str(header.get("scenario") or self.path.name)
        if header.get("level"):
            scenario += f" ({header['level']})"  # the level played, as the picker names it
        if view is None or self.loaded is None:
            state = UNREADABLE if problem else LIVE
            return Row(self.path, trainee, scenario, 0, "-", "-", NONE, 0.0, 0, None, state, problem)
        entries = self.entries
        facts = gather(self.loaded.scenario, entries)
        late = 0
        if facts.detected is not None and facts.reference is not None:
            late = sum(1 for stretch in fold(facts).late if stretch.counted > 0)
        truth = facts.truth[-1].event if facts.truth else None
        card = score_facts(facts) if entries else None
        return Row(
            self.path,
            trainee,
            scenario,
            entries[-1].t if entries else 0,
            view.phase or "quiet",
            view.severity or "-",
            truth.severity if truth is not None else NONE,
            truth.impact if truth is not None else 0.0,
            late,
            card.overall if card is not None else None,
            ENDED if self.follower.ended else UNREADABLE if problem else LIVE,
            problem,
        )


class Watchlist:
    """Every recording of `folder`, followed: `poll` finds new ones and reads on in the others."""

    def __init__(self, folder: Path, cohort: str | None = None, clock: Callable[[], float] = time.monotonic) -> None:
        """`clock`: wall seconds, for how long a live session has been quiet (tests give their own)."""
        self.folder = folder
        self.clock = clock
        self.cohort = cohort  # list only this game day's sessions (None: every session)
        self.sessions: dict[Path, SessionWatch] = {}
        self._scenarios: dict[tuple, LoadedScenario | str] = {}

    def poll(self) -> bool:
        """Read on in every session; True when the list or a row changed."""
        changed = False
        for path in sorted(self.folder.glob("*.jsonl")) if self.folder.is_dir() else ():
            if path not in self.sessions:
                self.sessions[path] = SessionWatch(path, self._scenarios, self.clock)
                changed = True
        for session in self.sessions.values():
            changed |= session.poll()
        return changed

    def rows(self) -> list[Row]:
        """Live sessions first, then the others; by trainee within each."""
        rows = [s.row for s in self.sessions.values() if self._listed(s)]
        return sorted(rows, key=lambda r: (r.state != LIVE, r.trainee.casefold(), r.path.name))

    def _listed(self, session: SessionWatch) -> bool:
        header = session.follower.header
        return self.cohort is None or (header is not None and header.get("cohort") == self.cohort)
