"""A session with injects replays byte for byte with the same score: the log holds each request
whole at its sim time, in its place among the IC's commands; `icdrill report` tells them."""

from __future__ import annotations

import subprocess
import sys

from injects import loaded

from sim.engine import Engine
from sim.log.recording import Recorder, read_recording, recording_header
from sim.play.drill import drive
from sim.play.replay import replay
from sim.reading.report import render_report
from sim.reading.scoring import score

# Commands and injects at the same seconds, in an order a replay must keep.
SCRIPT = [
    (200, "/ack"),
    (200, {"say": {"from": "kenji", "text": "is it *us*? <b>"}}),
    (200, "/declare sev2"),
    (240, {"inject": "cache-fails-too"}),
    (240, "/page dana"),
    (300, {"inject": "kenji-blames-auth"}),
    (420, {"inject": "dana-drops-out"}),
    (420, {"inject": "dana-drops-out"}),  # refused: sent already; the refusal replays too
    (430, "/page payments"),
    (600, "/page zoe"),
]


def recorded(tmp_path, name="payments-db-saturation", seed=4, script=SCRIPT):
    scenario = loaded(name)
    engine = Engine(scenario, seed)
    path = tmp_path / f"{name}-{seed}.jsonl"
    header = recording_header(engine.log.header, scenario_path=scenario.path, driver="player", trainee="ann")
    with Recorder(path, header).attach(engine.log):
        drive(engine, script=script)
    return engine, read_recording(path)


def test_a_session_with_injects_replays_byte_for_byte_with_the_same_score(tmp_path):
    engine, rec = recorded(tmp_path)
    assert rec.complete
    kinds = [e.event.kind for e in rec.entries]
    assert kinds.count("inject_applied") == 4 and kinds.count("inject_refused") == 1
    assert [item for _, item in rec.script()] == [item for _, item in SCRIPT]
    result = replay(rec)
    assert result.same_log and result.same_score and result.ok
    assert result.replayed_score == score(loaded("payments-db-saturation").scenario, engine.log.entries).as_dict()


def test_the_injects_change_the_drill_and_the_score_sees_it(tmp_path):
    commands = [(t, item) for t, item in SCRIPT if isinstance(item, str)]
    (tmp_path / "with").mkdir()
    (tmp_path / "without").mkdir()
    _, with_injects = recorded(tmp_path / "with", script=SCRIPT)
    _, without = recorded(tmp_path / "without", script=commands)
    assert with_injects.lines != without.lines
    assert "cache-eviction-storm" in " ".join(with_injects.lines)


def test_the_report_says_what_the_facilitator_sent(tmp_path):
    engine, rec = recorded(tmp_path)
    report = render_report(loaded("payments-db-saturation").scenario, rec.entries)
    assert "The facilitator sent the inject `dana-drops-out`: Dana (payments primary) drops out: her laptop dies." in report
    assert "The facilitator spoke as Kenji Mori." in report
    assert "A facilitator's request was refused: inject 'dana-drops-out' was already sent." in report
    assert "Fault `cache-eviction-storm` started on `cache`" in report
    # Through the command a facilitator runs after the game day: the same lines.
    out = subprocess.run([sys.executable, "-m", "tui.cli", "report", str(rec.path)], capture_output=True, text=True, check=True)
    assert "The facilitator sent the inject `cache-fails-too`" in out.stdout
    replayed = subprocess.run([sys.executable, "-m", "tui.cli", "replay", str(rec.path)], capture_output=True, text=True)
    assert replayed.returncode == 0, replayed.stderr


def test_a_tampered_inject_record_is_damage_named_by_its_line(tmp_path):
    _, rec = recorded(tmp_path)
    lines = rec.path.read_text().splitlines()
    at = next(i for i, line in enumerate(lines) if '"inject_applied"' in line)
    lines[at] = lines[at].replace('"request":{"say":', '"request":{"say":[1],"was":')
    tampered = tmp_path / "tampered.jsonl"
    tampered.write_text("\n".join(lines) + "\n")
    (problem,) = read_recording(tampered).problems
    assert problem.startswith(f"line {at + 1}: an event of the wrong shape: field 'request' of an inject_applied event must be an inject request")
    out = subprocess.run([sys.executable, "-m", "tui.cli", "replay", str(tampered)], capture_output=True, text=True)
    assert out.returncode == 2 and "Traceback" not in out.stderr
