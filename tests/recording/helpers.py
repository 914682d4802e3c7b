"""Shared by the recording tests: scenarios, sessions played with a Recorder, random command scripts."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from sim.play.bots import BOTS
from sim.scenario.commands import FIX_ACTIONS, ROLES, TASK_ACTIONS
from sim.play.drill import drive
from sim.engine import Engine
from sim.log.recording import Recorder, recording_header
from sim.scenario import load_scenario

ROOT = Path(__file__).resolve().parents[2]
TESTS = ROOT / "tests"
SCENARIO_FILES = {
    "tiny": TESTS / "fixtures" / "tiny.yaml",
    "staff": TESTS / "people" / "fixtures" / "staff.yaml",
    "stakeholders": TESTS / "people" / "fixtures" / "stakeholders.yaml",
    "coordination": TESTS / "people" / "fixtures" / "coordination.yaml",
    "payments-db-saturation": ROOT / "scenarios" / "payments-db-saturation.yaml",
    "sale-day-meltdown": ROOT / "scenarios" / "sale-day-meltdown.yaml",
    "search-deploy-and-cache": ROOT / "scenarios" / "search-deploy-and-cache.yaml",
}
_LOADED: dict[str, object] = {}


def loaded(name: str):
    if name not in _LOADED:
        _LOADED[name] = load_scenario(SCENARIO_FILES[name])
    return _LOADED[name]


def register(name: str, path: Path) -> None:
    """A scenario file made by a test, under a name `record` takes."""
    SCENARIO_FILES[name] = path
    _LOADED[name] = load_scenario(path)


def record(path: Path, name: str, seed: int, bot: str | None = None, script=(), trainee: str = "tester", chunks=None):
    """Play a session with a Recorder attached from the first event; the engine is returned.

    ``chunks`` (a random.Random) advances the clock in uneven steps and submits each command at its
    own second, the way the TUI does, instead of `drive`'s 15-second ticks.
    """
    scenario = loaded(name)
    engine = Engine(scenario, seed)
    header = recording_header(engine.log.header, scenario_path=scenario.path, driver=bot or "script", trainee=trainee)
    with Recorder(path, header).attach(engine.log):
        if chunks is None:
            drive(engine, BOTS[bot]() if bot else None, script)
        else:
            pending = list(script)
            while not engine.ended:
                target = engine.now + chunks.randint(1, 40)
                while pending and pending[0][0] <= target and not engine.ended:
                    t, text = pending.pop(0)
                    engine.advance(t)
                    engine.submit(text)
                engine.advance(target)
    return engine


NONSENSE = [
    "/asign dana investigate db", "hello?", "/", "/assign", "/page", "/declare", "/declare sev9", "/sev",
    "/assign nobody restart web 10m", "/assign ann fly web", "/assign ann investigate web -5m",
    '/assign "ann investigate web', "/role ann captain", "/unrole", "/ack now", "/dm", "/note",
    "/update", "/poll please", "/escalate", "/evidence", "/decide", "/redirect", "/authority",
    "/note caf\u00e9 \u2615 \u00fcn\u00efcode and `markdown` *stars* | pipes",
]


def random_script(rng: random.Random, name: str) -> list[tuple[int, str]]:
    """Plausible IC commands with random people, services and times, and some nonsense."""
    scenario = loaded(name).scenario
    people = sorted(scenario.people) + ["nobody"]
    services = sorted(scenario.services)
    teams = sorted(scenario.teams)
    levels = [level.name for level in scenario.severity.levels]
    limit = scenario.end.time_limit

    def pick(items):
        return items[rng.randrange(len(items))]

    def timebox() -> str:
        return pick(["", " 5m", " 10m", " 90s", " 1h"])

    makers = [
        lambda: "/ack",
        lambda: f"/declare {pick(levels).lower()}",
        lambda: f"/sev {pick(levels)}",
        lambda: f"/page {pick(people + teams)}",
        lambda: f"/assign {pick(people)} {pick(TASK_ACTIONS)} {pick(services)}{timebox()}",
        lambda: f"/assign {pick(people)} investigate {pick(services)}{timebox()}",
        lambda: f"/update Impact: {rng.randint(0, 100)}% of customers. Actions: {pick(people)} on {pick(services)}. "
        f"Next update: in {pick([5, 10, 30])} min.",
        lambda: f"/owner {pick(services)}",
        lambda: f"/escalate {pick(teams + people)}",
        lambda: f"/role {pick(people)} {pick(ROLES)}",
        lambda: f"/unrole {pick(ROLES)}",
        lambda: f"/ask {pick(TASK_ACTIONS)} {pick(services)}",
        lambda: f"/handson {pick(FIX_ACTIONS)} {pick(services)}",
        lambda: "/back",
        lambda: f"/dm {pick(people)} go ahead, {pick(services)} only",
        lambda: f"/redirect {pick(people)}",
        lambda: f"/authority {pick(people)}",
        lambda: "/qualify",
        lambda: "/grant",
        lambda: "/decline",
        lambda: f"/decide {pick(people)}",
        lambda: "/poll",
        lambda: f"/evidence {pick(people)}",
        lambda: f"/note {pick(services)} looks {pick(['bad', 'better', 'fine'])}",
        lambda: "/mitigated",
        lambda: "/resolve",
        lambda: pick(NONSENSE),
    ]
    count = rng.randint(5, 45)
    times = sorted(rng.randint(0, limit // 2) for _ in range(count))
    return [(t, pick(makers)()) for t in times]
