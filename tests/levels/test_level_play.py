"""A drill played at a level (issue 14): each factor does what it promises, the log header names the
level, and a recording made at a level replays byte for byte, at that level."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sim.engine import Engine
from sim.log.headers import header_problem
from sim.log.recording import Recorder, read_recording, recording_header
from sim.play.drill import drive, play
from sim.play.replay import ReplayError, locate_scenario, replay
from sim.scenario import load_scenario
from sim.scenario.levels import at_level

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = ROOT / "scenarios"
TINY = (ROOT / "tests" / "fixtures" / "tiny.yaml").read_text(encoding="utf-8")
PAGE_BOB = [(70, "/ack"), (80, "/declare sev1"), (90, "/page data")]


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    path = tmp_path_factory.mktemp("levels") / "tiny.yaml"
    path.write_text(TINY + "levels:\n  - {id: slow, title: Slow responders, responders: 2}\n", encoding="utf-8")
    return load_scenario(path)


def times(engine: Engine, kind: str, **match) -> list[int]:
    return [e.t for e in engine.log.entries if e.event.kind == kind and all(getattr(e.event, k) == v for k, v in match.items())]


def test_responders_2_take_twice_as_long_to_acknowledge_a_page(tiny):
    for seed in range(6):
        written = play(tiny, seed, script=PAGE_BOB)
        slow = play(at_level(tiny, "slow"), seed, script=PAGE_BOB)
        base = times(written, "page_acknowledged", person="bob")[0] - times(written, "paged", person="bob")[0]
        late = times(slow, "page_acknowledged", person="bob")[0] - times(slow, "paged", person="bob")[0]
        # The same draw from the same seeded stream, times two (each rounded down to a second).
        assert 2 * base <= late <= 2 * base + 1, (seed, base, late)


def test_noise_pages_falsely_more_often_and_zero_silences_it():
    loaded = load_scenario(SCENARIOS / "payments-db-saturation.yaml")

    def false_pages(level: str | None) -> int:
        return sum(len(times(play(at_level(loaded, level), seed, "idle"), "alert_fired", alert="search-latency")) for seed in range(4))

    written = false_pages(None)
    assert false_pages("quiet") == 0 < written < false_pages("hard")


def test_pressure_brings_the_head_of_sales_and_the_executive_sooner():
    loaded = load_scenario(SCENARIOS / "card-network-outage.yaml")
    first = {}
    for level in (None, "calm", "hard"):
        engine = play(at_level(loaded, level), 0, "idle")
        first[level] = (times(engine, "sales_pushed")[0], times(engine, "executive_requested")[0])
    assert first["hard"][0] < first[None][0] < first["calm"][0]
    assert first["hard"][1] < first[None][1] < first["calm"][1]


def test_the_header_names_the_level_only_when_one_is_chosen(tiny):
    written = Engine(tiny, 3).log.header
    assert list(written) == ["kind", "format", "scenario", "scenario_hash", "seed", "versions"]  # as before levels
    slow = Engine(at_level(tiny, "slow"), 3).log.header
    assert slow["level"] == "slow" and {k: v for k, v in slow.items() if k != "level"} == written
    assert header_problem({**slow, "level": "slow"}) is None
    assert header_problem({**slow, "level": "Not A Level"}).startswith("no valid 'level': must be a level id")


def record_at(path: Path, loaded, seed: int, bot: str) -> None:
    engine = Engine(loaded, seed)
    header = recording_header(engine.log.header, scenario_path=loaded.path, driver=bot, trainee="tester")
    with Recorder(path, header).attach(engine.log):
        drive(engine, bot)


@pytest.mark.parametrize("bot", ["expert", "novice"])
def test_a_recording_made_at_a_level_replays_byte_for_byte_at_that_level(tmp_path, bot):
    loaded = load_scenario(SCENARIOS / "card-network-outage.yaml")
    path = tmp_path / "rec.jsonl"
    record_at(path, at_level(loaded, "hard"), 5, bot)
    recording = read_recording(path)
    assert recording.header["level"] == "hard"
    found = locate_scenario(recording.header)
    assert found.level == "hard"
    result = replay(recording)
    assert result.ok and result.same_log and result.same_score
    # The level is what makes it the same: the same commands as written play another drill.
    plain = read_recording(path)
    plain.header.pop("level")
    assert not replay(plain, loaded=locate_scenario(plain.header)).same_log


def test_a_header_naming_a_level_the_scenario_lacks_is_refused(tmp_path):
    path = tmp_path / "rec.jsonl"
    record_at(path, at_level(load_scenario(SCENARIOS / "payments-db-saturation.yaml"), "hard"), 0, "idle")
    lines = path.read_text(encoding="utf-8").splitlines(True)
    header = json.loads(lines[0])
    path.write_text(json.dumps({**header, "level": "nightmare"}) + "\n" + "".join(lines[1:]), encoding="utf-8")
    with pytest.raises(ReplayError, match=r"played at a level its scenario cannot give: no level 'nightmare' .*its levels are quiet, hard"):
        locate_scenario(read_recording(path).header)


@pytest.mark.parametrize("scenario", ["payments-db-saturation", "card-network-outage"])
def test_the_bots_still_rank_at_every_shipped_level(scenario):
    """Expert resolves and beats the novice, the idle IC resolves nothing, at each level a shipped scenario offers."""
    from sim.reading.outcome import outcome
    from sim.reading.scoring import score

    loaded = load_scenario(SCENARIOS / f"{scenario}.yaml")
    for level in loaded.scenario.levels:
        at = at_level(loaded, level.id)
        for seed in range(2):
            runs = {bot: play(at, seed, bot).log.entries for bot in ("expert", "novice", "idle")}
            scores = {bot: score(at.scenario, entries).overall for bot, entries in runs.items()}
            assert outcome(runs["expert"]).resolved and not outcome(runs["idle"]).resolved, (level.id, seed)
            assert scores["expert"] > scores["novice"] > scores["idle"], (level.id, seed, scores)


def test_balance_plays_a_scenario_at_its_level_as_a_drill_at_that_level_plays(tmp_path):
    from sim.balance import jobs_for, run_jobs
    from sim.balance.results import read_results
    from sim.reading.scoring import score

    loaded = load_scenario(SCENARIOS / "payments-db-saturation.yaml")
    hard = at_level(loaded, "hard")
    jobs = jobs_for([hard], range(2), ("expert", "idle"))
    out = tmp_path / "results.jsonl"
    rows = run_jobs(jobs, workers=1, out=out)
    for job, row in zip(jobs, rows, strict=True):
        entries = play(hard, job.seed, job.bot).log.entries  # the job carries the bytes as written, and the level
        assert (row["overall"], row["events"]) == (float(score(hard.scenario, entries).overall), len(entries))
    # The same file as written is another set of runs: none of the levelled ones stands for it.
    known, _ = read_results(out)
    written = jobs_for([loaded], range(2), ("expert", "idle"))
    assert all(job.key in known for job in jobs) and not any(job.key in known for job in written)
