"""Replay: re-run a recorded session from its scenario, seed and commands, and check it is the same.

A session is fully determined by the scenario file, the seed and the IC's commands with their
sim times (the `command_issued` events), with any facilitator's injects at theirs (`inject_applied`,
`inject_refused`), in the order the log has them. A replay feeds those commands back at those times,
compares the new log with the recorded one byte for byte, and the scorecards. A recording of a
session that was stopped early is a prefix: only that prefix is compared.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sim.scenario import locate as catalog
from sim.play.drill import drive
from sim.engine import Engine
from sim.log.eventlog import Entry, package_versions
from sim.log.recording import Recording
from sim.play.provenance import what_changed
from sim.reading.scoring import score

if TYPE_CHECKING:
    from sim.scenario import LoadedScenario


class ReplayError(ValueError):
    """The recording cannot be replayed: its scenario is missing or has changed."""


def locate_scenario(header: dict[str, Any], override: str | Path | None = None) -> LoadedScenario:
    """The scenario a recording was made with, found by its content hash.

    Tried in order: ``override``, the path in the header, then the scenario of the same id in the
    scenarios folder (a recording made on another machine). A file that is found but has changed
    since is refused: the same commands on another scenario would prove nothing. The scenario is
    played at the level the header names (`sim.scenario.levels`), as the recorded drill was.
    """
    from sim.scenario import ScenarioError, load_scenario
    from sim.scenario.levels import UnknownLevel, at_level

    wanted = header["scenario_hash"]
    candidates: list[Path] = []
    if override is not None:
        candidates.append(Path(override))
    else:
        if header.get("scenario_path"):
            candidates.append(Path(header["scenario_path"]))
        # By id only (the header's id is checked to be one): never a path the header makes up.
        candidates.append(catalog.scenario_dir() / f"{header['scenario']}.yaml")
    changed: list[str] = []
    for path in candidates:
        if not path.is_file():
            continue
        try:
            loaded = load_scenario(path)
        except ScenarioError:
            changed.append(f"{path} does not validate (icdrill validate shows why)")
            continue
        if loaded.content_hash == wanted:
            try:
                return at_level(loaded, header.get("level"))
            except UnknownLevel as err:  # the same file declares it, so the header was edited
                raise ReplayError(f"this recording was played at a level its scenario cannot give: {err}") from None
        changed.append(what_changed(path, loaded, header))
    scenario = header["scenario"]
    if changed:
        raise ReplayError(
            f"the scenario '{scenario}' of this recording cannot be used: {'; '.join(changed)} "
            f"(its content hash is no longer {wanted[:12]}...). A replay needs the exact file it was played on."
        )
    looked = ", ".join(str(p) for p in candidates)
    raise ReplayError(f"the scenario file of this recording ('{scenario}') is not found (looked at {looked}); pass it with --scenario")


@dataclass(frozen=True)
class Difference:
    line: int  # 1-based line of the recording file (the header is line 1)
    recorded: str | None  # None: the recording ends here
    replayed: str | None  # None: the replay ends here


@dataclass(frozen=True)
class ReplayResult:
    recording: Recording
    loaded: LoadedScenario
    replayed: list[Entry]  # the replay's events, cut to the recorded prefix when it is one
    difference: Difference | None
    recorded_score: dict[str, Any]  # `Scorecard.as_dict()`
    replayed_score: dict[str, Any]
    notes: list[str] = field(default_factory=list)

    @property
    def events(self) -> int:
        return len(self.recording.entries)

    @property
    def same_log(self) -> bool:
        return self.difference is None

    @property
    def same_score(self) -> bool:
        return self.recorded_score == self.replayed_score

    @property
    def ok(self) -> bool:
        """The session is confirmed: same log, same score, and a recording read whole or cut only
        where a session stopped (one cut by damage or its length confirms nothing past the cut)."""
        return self.same_log and self.same_score and self.recording.cut_at is None


def replay(recording: Recording, scenario: str | Path | None = None, *, loaded: LoadedScenario | None = None) -> ReplayResult:
    """Re-run ``recording`` and compare; raises ReplayError when it holds no event or its scenario
    cannot be had. A recording cut short (torn, or damaged: `Recording.damaged`) is compared as
    far as it goes; one cut by damage or its length (`Recording.cut_at`) is never `ok`."""
    if not recording.entries:
        raise ReplayError(f"{recording.path} holds no events to replay")
    loaded = loaded or locate_scenario(recording.header, scenario)
    engine = Engine(loaded, recording.seed)
    drive(engine, script=recording.script())
    recorded = recording.lines
    lines = engine.log.lines()[1:]
    entries = engine.log.entries
    if not recording.complete:
        lines, entries = lines[: len(recorded)], entries[: len(recorded)]
    difference = _first_difference(recorded, lines)
    notes = _version_notes(recording.header.get("versions"))
    recorded_score = score(loaded.scenario, recording.entries).as_dict()
    replayed_score = score(loaded.scenario, entries).as_dict()
    return ReplayResult(recording, loaded, entries, difference, recorded_score, replayed_score, notes)


def caught_up(recording: Recording, loaded: LoadedScenario) -> Engine:
    """A new engine that has played a recording's commands and injects up to its last event's
    time: the state of a session still being played, as far as its recording goes (what the
    facilitator's console asks before sending an inject)."""
    engine = Engine(loaded, recording.seed)
    for t, item in recording.script():
        engine.advance(t)
        if isinstance(item, str):
            engine.submit(item)
        else:
            engine.inject(item)
    if recording.entries:
        engine.advance(recording.entries[-1].t)
    return engine


def _first_difference(recorded: list[str], replayed: list[str]) -> Difference | None:
    for index, (a, b) in enumerate(zip(recorded, replayed)):
        if a != b:
            return Difference(index + 2, a, b)
    if len(recorded) != len(replayed):
        index = min(len(recorded), len(replayed))
        return Difference(
            index + 2,
            recorded[index] if index < len(recorded) else None,
            replayed[index] if index < len(replayed) else None,
        )
    return None


def _version_notes(recorded: Any) -> list[str]:
    """Package versions that differ from the recording's: a likely cause when a replay differs."""
    if not isinstance(recorded, dict):
        return []
    now = package_versions()
    return [
        f"recorded with {name} {recorded[name]}, replayed with {now[name]}"
        for name in sorted(now)
        if name in recorded and recorded[name] != now[name]
    ]
