"""One drill played in the game: its scenario, its engine, its recording and how it was closed.

The game may play several drills in one run (the picker, a drill, the picker again), so all that
belongs to one drill lives here and a new drill starts from a new `Drill`, never from fields
reset by hand. The engine is built when first asked for: the app asks after the briefing is on
screen, so the first frame does not wait for the engine's imports (SimPy, NumPy, Faker, networkx)
nor its construction.

A recorded drill reads its inbox (`tui.store.inbox`) at each tick of the clock (`take_requests`):
a facilitator's injects reach its engine that way.

Nothing is recorded before the clock starts (`start`); a drill left before its end is abandoned
(`abandon`): its recording is closed as it stands and it stays out of the history.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from tui.store.inbox import InboxReader

if TYPE_CHECKING:
    from sim.engine import Engine
    from sim.scenario import LoadedScenario
    from tui.store.recorder import SessionRecording
    from tui.store.session import ClosedSession


class Drill:
    def __init__(self, loaded: LoadedScenario, seed: int = 0) -> None:
        self.loaded = loaded
        self.seed = seed
        self._engine: Engine | None = None
        self.started = False  # the clock has started: the player took the seat
        self.recording: SessionRecording | None = None
        self.closed: ClosedSession | None = None  # once the drill has ended
        self.inbox: InboxReader | None = None  # a recorded drill's: the facilitator's requests (issue 14)

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            from sim.engine import Engine

            self._engine = Engine(self.loaded, self.seed)
        return self._engine

    @property
    def built(self) -> bool:
        return self._engine is not None

    def start(self, *, record: bool, trainee: str | None, warn: Callable[[str], None], cohort: str | None = None) -> None:
        """The clock starts: the recording with it, when asked for (`warn` hears a folder that cannot be written);
        `cohort` is the game day the recording is filed under."""
        from tui.store.recorder import SessionRecording

        self.started = True
        if record:
            self.recording = SessionRecording(self.engine, self.loaded, "player", trainee, warn, cohort)
            if self.recording.path is not None:
                self.inbox = InboxReader(self.recording.path)

    def take_requests(self) -> None:
        """Carry out the facilitator's requests sent since the last look (`tui.store.injects`), at
        the engine's current sim time; its log records each one, so a replay needs no inbox. A
        request that makes no sense for the scenario is dropped (the console refuses those)."""
        if self.inbox is None or self.engine.ended:
            return
        for request in self.inbox.take():
            self.engine.inject(request)

    def close(self) -> ClosedSession:
        """The drill has ended: score it, close its recording, add it to the history (once)."""
        from tui.store.session import close_session

        if self.closed is None:
            self.closed = close_session(self.loaded, self.engine.log.entries, self.recording)
        return self.closed

    def abandon(self) -> str | None:
        """Left before its end: the recording is closed as it stands; a warning when it stopped early."""
        if self.recording is None or self.closed is not None:
            return None
        return self.recording.close()
