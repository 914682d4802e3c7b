"""Record, then replay: the same scenario, seed and commands give the same log, byte for byte."""

from __future__ import annotations

import random

import pytest

from sim.play.drill import play
from sim.log.events import CommandIssued
from sim.log.recording import read_recording
from sim.play.replay import ReplayError, replay

from .helpers import (
    SCENARIO_FILES,
    loaded,
    random_script,
    record,
    register,
)

SESSIONS = 50
NAMES = ["tiny", "staff", "stakeholders", "coordination", "tiny", "payments-db-saturation", "sale-day-meltdown"]


@pytest.fixture(scope="module")
def random_sessions(tmp_path_factory):
    """50 sessions from seeded random scripts, half of them clocked unevenly like the TUI."""
    folder = tmp_path_factory.mktemp("random")
    sessions = []
    for i in range(SESSIONS):
        rng = random.Random(i)
        name = NAMES[i % len(NAMES)]
        script = random_script(rng, name)
        path = folder / f"{name}-{i}.jsonl"
        engine = record(path, name, seed=rng.randint(0, 10_000), script=script, chunks=rng if i % 2 else None)
        sessions.append((path, engine, script))
    return sessions


def test_random_sessions_replay_byte_for_byte(random_sessions):
    commands = 0
    for path, engine, script in random_sessions:
        rec = read_recording(path)
        assert rec.complete, (path, rec.problems)
        assert rec.lines == engine.log.lines()[1:]
        result = replay(rec)
        assert result.same_log, (path, result.difference)
        commands += len(rec.commands())
    # The scripts were played, refusals and all, not ignored.
    refused = sum(e.event.kind == "command_rejected" for _, engine, _ in random_sessions for e in engine.log.entries)
    assert commands > 500 and refused > 100


def test_random_sessions_replay_to_the_same_score(random_sessions):
    for path, _, _ in random_sessions:
        result = replay(read_recording(path))
        assert result.same_score is True, path
        assert result.recorded_score == result.replayed_score


@pytest.mark.parametrize("name", ["payments-db-saturation", "search-deploy-and-cache", "sale-day-meltdown"])
@pytest.mark.parametrize("bot", ["expert", "novice"])
def test_a_bot_session_replays_from_its_commands_alone(tmp_path, name, bot):
    """A bot is replayed as a script of its commands; the bytes match the live run.

    Seeds include ones where the novice sends an update in the same look as its /resolve: that
    update is refused after the end and must be fed back too.
    """
    for seed in (0, 12, 13):
        path = tmp_path / f"{bot}-{seed}.jsonl"
        engine = record(path, name, seed, bot=bot)
        assert engine.log.lines()[1:] == play(loaded(name), seed, bot).log.lines()[1:]
        result = replay(read_recording(path))
        assert result.same_log, (seed, result.difference)


def test_a_different_log_is_caught_at_its_first_differing_line(tmp_path):
    path = tmp_path / "r.jsonl"
    record(path, "tiny", 1, bot="expert")
    lines = path.read_text().splitlines()
    number = next(i for i, line in enumerate(lines) if '"kind":"command_issued"' in line)
    # Another command at the same time: the log no longer follows from scenario, seed and commands.
    lines[number + 1] = lines[number + 1].replace('"kind":"page_acknowledged","person":"ic"', '"kind":"page_acknowledged","person":"bob"')
    path.write_text("\n".join(lines) + "\n")
    result = replay(read_recording(path))
    assert not result.same_log and result.difference.line == number + 2
    assert '"person":"bob"' in result.difference.recorded and '"person":"ic"' in result.difference.replayed


def test_an_unfinished_session_replays_its_prefix(tmp_path):
    path = tmp_path / "r.jsonl"
    record(path, "payments-db-saturation", 4, bot="novice")
    data = path.read_bytes()
    path.write_bytes(data[: len(data) * 2 // 3])
    rec = read_recording(path)
    assert not rec.complete and rec.problems  # the last line was torn
    result = replay(rec)
    assert result.same_log and len(result.replayed) == len(rec.entries)


def test_a_changed_scenario_is_refused(tmp_path):
    scenario = tmp_path / "tiny.yaml"
    scenario.write_text(SCENARIO_FILES["tiny"].read_text())
    register("tiny-copy", scenario)
    path = tmp_path / "r.jsonl"
    record(path, "tiny-copy", 0, bot="expert")
    scenario.write_text(scenario.read_text().replace("time_limit: 30m", "time_limit: 40m"))
    with pytest.raises(ReplayError, match="has changed since the recording"):
        replay(read_recording(path))
    scenario.unlink()
    with pytest.raises(ReplayError, match="not found"):
        replay(read_recording(path))
    # Found by its content, the scenario can be given elsewhere.
    elsewhere = tmp_path / "moved.yaml"
    elsewhere.write_text(SCENARIO_FILES["tiny"].read_text())
    assert replay(read_recording(path), scenario=elsewhere).same_log


def test_the_commands_are_the_only_input(tmp_path):
    path = tmp_path / "r.jsonl"
    engine = record(path, "tiny", 3, bot="expert")
    commands = [(e.t, e.event.text) for e in engine.log.entries if isinstance(e.event, CommandIssued)]
    assert read_recording(path).commands() == commands
