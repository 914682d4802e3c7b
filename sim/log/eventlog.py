"""The append-only event log: the single source of truth of a drill."""

from __future__ import annotations

import functools
import importlib.metadata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sim.log.events import Event, to_json, to_record


@dataclass(frozen=True)
class Entry:
    seq: int
    t: int
    event: Event


Listener = Callable[[Entry], None]

_VERSIONED = ("icdrill", "simpy", "networkx", "numpy", "faker", "pydantic", "pyyaml")


@functools.cache
def _installed_versions() -> tuple[tuple[str, str], ...]:
    # Reading package metadata costs milliseconds; versions do not change within a process.
    versions = {}
    for name in _VERSIONED:
        try:
            versions[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            versions[name] = "not installed"
    return tuple(versions.items())


def package_versions() -> dict[str, str]:
    """Versions of the packages that shape a log; a replay on other versions may differ."""
    return dict(_installed_versions())


def header(scenario_id: str, content_hash: str, seed: int, level: str | None = None) -> dict[str, Any]:
    """The first line of a log: what a replay needs to play the same drill again.

    ``level`` is the difficulty level the scenario is played at; the key is there only when one
    is, so a drill played as written logs exactly what it logged before levels existed."""
    head: dict[str, Any] = {
        "kind": "header",
        "format": 1,
        "scenario": scenario_id,
        "scenario_hash": content_hash,
        "seed": seed,
    }
    if level is not None:
        head["level"] = level
    head["versions"] = package_versions()
    return head


class EventLog:
    """Events in order of sequence; listeners hear each one as it is appended.

    The writer also says when a step of its work is over (`settle`: the engine, when each
    `advance` or `submit` returns), so that a listener with costly work per batch, such as the
    recorder's fsync, does it once per step instead of once per event."""

    def __init__(self, header: dict[str, Any]) -> None:
        self.header = header
        self.entries: list[Entry] = []
        self._listeners: list[Listener] = []
        self._settled: list[Callable[[], None]] = []

    def subscribe(self, listener: Listener, settled: Callable[[], None] | None = None) -> None:
        """``listener`` hears every event appended; ``settled``, when given, every end of a step."""
        self._listeners.append(listener)
        if settled is not None:
            self._settled.append(settled)

    def settle(self) -> None:
        """A step of the writer's work is over: what it appended is what the player is shown next."""
        for settled in self._settled:
            settled()

    def append(self, t: int, event: Event) -> Entry:
        entry = Entry(len(self.entries), t, event)
        self.entries.append(entry)
        for listener in self._listeners:
            listener(entry)
        return entry

    def __len__(self) -> int:
        return len(self.entries)

    def lines(self) -> list[str]:
        """The log as JSONL lines: the header, then one line per event."""
        return [to_json(self.header)] + [to_json(to_record(e.seq, e.t, e.event)) for e in self.entries]

    def to_jsonl(self) -> str:
        return "\n".join(self.lines()) + "\n"
