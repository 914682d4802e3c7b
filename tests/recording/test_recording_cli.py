"""replay, score, report and history as a user types them, and the recording options of run."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from tui.cli import main

from .helpers import ROOT


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    folder = tmp_path / "data"
    monkeypatch.setenv("ICDRILL_DATA_DIR", str(folder))
    return folder


def icdrill(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def recorded(data_dir, capsys):
    """One expert session recorded by `icdrill run`, the way a user makes one."""
    code, out, _ = icdrill(capsys, "run", "--trainee", "ann")
    assert code == 0
    path = data_dir / "recordings" / "payments-db-saturation-0-1.jsonl"
    assert f"recording                {path}" in out
    return path


@pytest.mark.parametrize("command", ["replay", "score", "report", "history"])
def test_help(command):
    result = subprocess.run([sys.executable, "-m", "tui.cli", command, "--help"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0 and "usage: icdrill" in result.stdout


def test_run_records_each_session_under_a_new_name(data_dir, capsys, recorded):
    icdrill(capsys, "run")
    icdrill(capsys, "run", "--seed", "4", "--bot", "idle")
    names = sorted(p.name for p in (data_dir / "recordings").iterdir())
    assert names == ["payments-db-saturation-0-1.jsonl", "payments-db-saturation-0-2.jsonl", "payments-db-saturation-4-1.jsonl"]
    header = json.loads(recorded.read_text().splitlines()[0])
    assert (header["driver"], header["trainee"], header["seed"]) == ("expert", "ann", 0)


def test_no_record_leaves_nothing_behind(data_dir, capsys):
    code, out, _ = icdrill(capsys, "run", "--no-record", "--json")
    assert code == 0 and json.loads(out)["recording"] is None
    assert not data_dir.exists()


def test_replay_a_good_recording(recorded, capsys):
    code, out, err = icdrill(capsys, "replay", str(recorded))
    assert code == 0, out + err
    events = len(recorded.read_text().splitlines()) - 1  # every line but the header
    assert f"same log: yes ({events} events)" in out
    assert "same score: " in out


def test_replay_gives_the_same_score(recorded, capsys):
    code, out, _ = icdrill(capsys, "replay", str(recorded))
    assert code == 0 and "same score: yes (overall " in out


def test_replay_a_tampered_recording(recorded, capsys):
    lines = recorded.read_text().splitlines()
    number = next(i for i, line in enumerate(lines) if '"kind":"paged","person":"kenji"' in line)
    lines[number] = lines[number].replace("kenji", "morgan")  # a log no longer made by its commands
    recorded.write_text("\n".join(lines) + "\n")
    code, out, _ = icdrill(capsys, "replay", str(recorded))
    assert code == 1
    assert f"same log: no ({len(lines) - 1} events)" in out and f"first difference at line {number + 1}" in out
    assert '"person":"morgan"' in out and '"person":"kenji"' in out


def test_a_truncated_recording(recorded, capsys, tmp_path):
    data = recorded.read_bytes()
    recorded.write_bytes(data[: len(data) // 2])
    code, out, err = icdrill(capsys, "replay", str(recorded))
    assert code == 0
    assert "the last line is incomplete" in err
    assert "this session was not finished: the recording stops at T+" in out and "same log: yes" in out
    code, out, err = icdrill(capsys, "report", str(recorded))
    assert code == 0 and out.startswith("# Post-incident report: Checkout is failing")
    assert "| Status | Not resolved" in out


def test_score_prints_the_card_and_the_debrief(recorded, capsys):
    code, out, _ = icdrill(capsys, "score", str(recorded))
    assert code == 0
    assert out.startswith("Scorecard: payments-db-saturation, seed 0 (IC: expert, trainee ann)")
    for dimension in ("delegation", "cadence", "severity", "outcome", "focus", "roles", "coordination"):
        assert f"\n{dimension}  " in out
    assert "(par " in out and "T+03:15: declared Sev1" in out


def recorded_lines(path) -> dict[int, dict]:
    """The recording's events by seq, as the JSONL holds them."""
    return {r["seq"]: r for r in map(json.loads, path.read_text().splitlines()[1:])}


def test_score_json_cites_the_recorded_entries_behind_every_finding(recorded, capsys):
    code, out, err = icdrill(capsys, "score", str(recorded), "--json")
    assert code == 0 and err == ""
    doc = json.loads(out)
    assert sorted(doc) == ["caps", "debrief", "dimensions", "overall", "par"]
    assert [d["name"] for d in doc["dimensions"]] == ["delegation", "cadence", "severity", "outcome", "focus", "roles", "coordination"]
    lines = recorded_lines(recorded)
    cited = 0
    for finding in (f for d in doc["dimensions"] for f in d["findings"]):
        assert [e["seq"] for e in finding["evidence"]] == finding["seqs"]
        for item in finding["evidence"]:
            record = lines[item["seq"]]
            assert (item["t"], item["kind"]) == (record["t"], record["kind"])
            assert item["clock"] == f"T+{record['t'] // 60:02d}:{record['t'] % 60:02d}" and item["text"]
            cited += 1
    assert cited > 10
    declared = next(f for d in doc["dimensions"] for f in d["findings"] if f["text"].startswith("T+03:15: declared Sev1"))
    assert "severity_set" in [e["kind"] for e in declared["evidence"]]
    assert isinstance(doc["par"]["overall"], float) and len(doc["par"]["dimensions"]) == 7
    assert doc["debrief"][0].startswith("Debrief: ") and "Beside par" in doc["debrief"]
    _, again, _ = icdrill(capsys, "score", str(recorded), "--json")
    assert again == out  # deterministic, byte for byte


def test_score_evidence_shows_the_entries_under_each_finding(recorded, capsys):
    code, out, _ = icdrill(capsys, "score", str(recorded), "--evidence")
    assert code == 0
    lines = out.splitlines()
    at = next(i for i, line in enumerate(lines) if "T+03:15: declared Sev1" in line)
    under = []
    for line in lines[at + 1 :]:
        if not line.startswith("      T+"):
            break
        under.append(line)
    assert under and all(re.match(r"^      T\+\d\d:\d\d  #\d+ [a-z_]+", line) for line in under)
    assert any(" severity_set: You declared the incident at Sev1." in line for line in under)
    plain = icdrill(capsys, "score", str(recorded))[1]
    assert not re.search(r"^      T\+", plain, re.M)  # without --evidence, no entries
    assert [line for line in lines if not line.startswith("      T+")] == plain.splitlines()


def test_score_of_a_drill_never_mitigated_names_the_missed_step(data_dir, capsys):
    code, _, _ = icdrill(capsys, "run", "--bot", "idle", "--seed", "2")
    assert code == 0
    path = data_dir / "recordings" / "payments-db-saturation-2-1.jsonl"
    code, out, _ = icdrill(capsys, "score", str(path), "--json")
    doc = json.loads(out)
    assert any("The step that was missed: nobody was assigned any task, so nobody investigated payments-db" in line for line in doc["debrief"])
    [cap] = doc["caps"]
    assert [e["seq"] for e in cap["evidence"]] == cap["seqs"] and cap["evidence"][-1]["kind"] == "drill_ended"
    code, out, _ = icdrill(capsys, "score", str(path), "--evidence")
    assert "caps on the overall score\n  at most 50  T+90:00: " in out and "drill_ended: The drill ended (time limit)." in out


def test_score_json_and_evidence_together_are_refused(recorded, capsys):
    with pytest.raises(SystemExit) as exit:
        main(["score", str(recorded), "--json", "--evidence"])
    assert exit.value.code == 2 and "not allowed with argument" in capsys.readouterr().err


def test_score_of_a_truncated_recording(recorded, capsys):
    data = recorded.read_bytes()
    recorded.write_bytes(data[: len(data) // 3])
    code, out, _ = icdrill(capsys, "score", str(recorded))
    assert code == 0 and "scored as far as it goes" in out


def test_report_to_a_file(recorded, capsys, tmp_path):
    target = tmp_path / "pir.md"
    code, out, err = icdrill(capsys, "report", str(recorded), "-o", str(target))
    assert code == 0 and out == "" and f"report written to {target}" in err
    assert target.read_text().startswith("# Post-incident report")
    code, _, err = icdrill(capsys, "report", str(recorded), "-o", str(tmp_path / "no" / "such" / "dir.md"))
    assert code == 2 and "cannot write the report" in err


@pytest.mark.parametrize("command", ["replay", "score", "report"])
@pytest.mark.parametrize(
    "make, message",
    [
        (lambda tmp: tmp / "missing.jsonl", "no recording at"),
        (lambda tmp: ROOT / "README.md", "is not an icdrill recording: its first line is not JSON"),
        (lambda tmp: tmp, "is a folder, not a recording"),
        (lambda tmp: (tmp / "empty.jsonl", (tmp / "empty.jsonl").write_bytes(b""))[0], "is empty"),
        (lambda tmp: ROOT / "scenarios" / "payments-db-saturation.yaml", "is not an icdrill recording"),
    ],
)
def test_bad_input_is_one_clear_line_and_exit_2(tmp_path, data_dir, capsys, command, make, message):
    code, out, err = icdrill(capsys, command, str(make(tmp_path)))
    assert code == 2
    assert message in err and err.startswith("icdrill: ") and err.count("\n") == 1


def test_a_recording_whose_scenario_changed(tmp_path, data_dir, capsys):
    scenario = tmp_path / "tiny.yaml"
    scenario.write_text((ROOT / "tests" / "fixtures" / "tiny.yaml").read_text())
    assert icdrill(capsys, "run", str(scenario))[0] == 0
    scenario.write_text(scenario.read_text().replace("30m", "31m"))
    rec = data_dir / "recordings" / "tiny-0-1.jsonl"
    for command in ("replay", "report"):
        code, _, err = icdrill(capsys, command, str(rec))
        assert code == 2 and "has changed since the recording" in err


def test_no_traceback_from_the_real_command_line(tmp_path):
    env_file = tmp_path / "x.jsonl"
    env_file.write_text('{"kind":"header","format":1}\n')
    result = subprocess.run(
        [sys.executable, "-m", "tui.cli", "replay", str(env_file)], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "its header has no valid 'scenario'" in result.stderr


# --- history -----------------------------------------------------------------------------------


def test_history_of_two_trainees(data_dir, capsys):
    for trainee, seed in (("ann", 1), ("bob", 2), ("ann", 3), ("bob", 4), ("ann", 5)):
        assert icdrill(capsys, "run", "--seed", str(seed), "--bot", "novice", "--trainee", trainee)[0] == 0
    code, out, _ = icdrill(capsys, "history", "--trainee", "ann")
    assert code == 0
    assert out.startswith("ann: 3 sessions\n") and "bob" not in out
    rows = [line for line in out.splitlines() if "payments-db-saturation" in line and not line.startswith("trend")]
    assert [row.split()[3] for row in rows] == ["1", "3", "5"]  # the seed column, in the order played
    assert out.rstrip().splitlines()[-1].startswith("trend: ")
    code, out, _ = icdrill(capsys, "history")
    assert "ann: 3 sessions" in out and "bob: 2 sessions" in out


def test_an_empty_history_says_how_to_fill_it(data_dir, capsys):
    code, out, _ = icdrill(capsys, "history")
    assert code == 0 and out.startswith("No sessions in the history yet. Play one with 'icdrill play'")
    assert not data_dir.exists()  # looking does not create anything
    icdrill(capsys, "run", "--trainee", "ann")
    code, out, _ = icdrill(capsys, "history", "--trainee", "zed")
    assert code == 0 and "No sessions in the history for zed yet" in out


def test_a_damaged_history_file(data_dir, capsys):
    data_dir.mkdir()
    (data_dir / "history.sqlite").write_text("this is not a database")
    code, _, err = icdrill(capsys, "history")
    assert code == 2 and "cannot" in err and "history.sqlite" in err
    # A run still plays and records; the history problem is a warning.
    code, out, err = icdrill(capsys, "run")
    assert code == 0 and "warning" in err and "recording " in out


# --- damage and limits -----------------------------------------------------------------------------


def damage(recorded, number: int, line: str = "garbage") -> int:
    """Replace line ``number`` (1-based; the header is 1) of the recording; the lines after it."""
    lines = recorded.read_text().splitlines()
    lines[number - 1] = line
    recorded.write_text("\n".join(lines) + "\n")
    return len(lines) - number


def test_replay_of_a_damaged_recording_does_not_claim_success(recorded, capsys):
    after = damage(recorded, 40)
    code, out, err = icdrill(capsys, "replay", str(recorded))
    assert code == 2
    assert err == f"icdrill: note: {recorded}: line 40: not a whole JSON event (damaged); it and the {after} line(s) after it are left out\n"
    assert "the recording is damaged at line 40: it is read as far as the 38 events before it" in out
    assert "not finished" not in out
    assert out.rstrip().endswith("not confirmed: the recording is damaged from line 40, and nothing from there on can be checked")


@pytest.mark.parametrize("command", ["score", "report"])
def test_score_and_report_name_the_damage(recorded, capsys, command):
    damage(recorded, 40)
    code, out, err = icdrill(capsys, command, str(recorded))
    assert code == 0 and "line 40: not a whole JSON event (damaged)" in err
    if command == "score":
        assert "note: the recording is damaged at line 40" in out and "not finished" not in out


def test_a_recording_longer_than_icdrill_reads(recorded, capsys, monkeypatch):
    from sim.log import readback

    monkeypatch.setattr(readback, "MAX_EVENTS", 30)
    code, out, err = icdrill(capsys, "score", str(recorded))
    assert code == 0 and "line 32: the recording goes on past 30 events, more than icdrill reads" in err
    assert "note: the recording is longer than icdrill reads: only its first 30 events are read" in out
    code, out, err = icdrill(capsys, "replay", str(recorded))
    assert code == 2 and "not confirmed: the recording is longer than icdrill reads from line 32" in out


def test_replay_of_a_header_only_recording(recorded, capsys):
    recorded.write_text(recorded.read_text().splitlines()[0] + "\n")
    for command, what in (("replay", "to replay"), ("score", "to work with"), ("report", "to work with")):
        code, out, err = icdrill(capsys, command, str(recorded))
        assert (code, out, err) == (2, "", f"icdrill: {recorded} holds no events {what}\n")


def test_well_formed_events_that_make_no_drill(recorded, capsys):
    lines = recorded.read_text().splitlines()
    number = next(i for i, line in enumerate(lines) if '"kind":"severity_set"' in line)
    lines[number] = lines[number].replace('"severity":"Sev1"', '"severity":"Sev99"')
    recorded.write_text("\n".join(lines) + "\n")
    for command in ("score", "report", "replay"):
        code, out, err = icdrill(capsys, command, str(recorded))
        assert code == 2 and out == "" and err.count("\n") == 1
        assert err.startswith(f"icdrill: {recorded}: its events do not make a drill this version can read (KeyError")


# --- which file changed ----------------------------------------------------------------------------


@pytest.fixture
def own_copy(tmp_path, data_dir, capsys):
    """A scenario including an org file, copied (and made its own) in a folder of the test's, and
    recorded by `icdrill run`."""
    folder = tmp_path / "mine"
    (folder / "orgs").mkdir(parents=True)
    scenario = folder / "payments-db-saturation.yaml"
    scenario.write_text("# my copy\n" + (ROOT / "scenarios" / "payments-db-saturation.yaml").read_text())
    org = folder / "orgs" / "acme.yaml"
    org.write_text((ROOT / "scenarios" / "orgs" / "acme.yaml").read_text())
    assert icdrill(capsys, "run", str(scenario))[0] == 0
    return scenario, org, data_dir / "recordings" / "payments-db-saturation-0-1.jsonl"


def test_an_edit_to_the_org_file_is_reported_as_such(own_copy, capsys):
    scenario, org, rec = own_copy
    org.write_text(org.read_text() + "\n# edited\n")
    code, out, err = icdrill(capsys, "replay", str(rec), "--scenario", str(scenario))
    assert code == 2 and out == ""
    assert f"the org file {org} that {scenario} includes has changed since the recording" in err
    assert f"{scenario} has changed" not in err


def test_an_edit_to_the_scenario_is_reported_as_such(own_copy, capsys):
    scenario, org, rec = own_copy
    scenario.write_text(scenario.read_text() + "\n# edited\n")
    code, _, err = icdrill(capsys, "replay", str(rec), "--scenario", str(scenario))
    assert code == 2 and f"{scenario} has changed since the recording (its content hash" in err and "org file" not in err
    org.write_text(org.read_text() + "\n# edited\n")
    code, _, err = icdrill(capsys, "replay", str(rec), "--scenario", str(scenario))
    assert f"{scenario} has changed since the recording, and so has the org file it includes ({org})" in err


def test_a_recording_without_the_files_hashes_names_both(own_copy, capsys):
    scenario, org, rec = own_copy
    lines = rec.read_text().splitlines()
    header = json.loads(lines[0])
    for key in ("scenario_file_hash", "org_path", "org_hash"):
        del header[key]  # as recordings made before the files were hashed one by one
    rec.write_text("\n".join([json.dumps(header, separators=(",", ":"))] + lines[1:]) + "\n")
    org.write_text(org.read_text() + "\n# edited\n")
    code, _, err = icdrill(capsys, "replay", str(rec))
    assert code == 2 and f"{scenario} or the org file it includes ({org}) has changed since the recording" in err


# --- history --add ---------------------------------------------------------------------------------


@pytest.fixture
def unlisted(data_dir, capsys):
    """A session played and recorded while the history could not be written (here: a folder stands
    where the history file goes), so it is not in the history; then the history is writable again."""
    history = data_dir / "history.sqlite"
    history.mkdir(parents=True)
    code, out, err = icdrill(capsys, "run", "--trainee", "ann", "--seed", "3")
    rec = data_dir / "recordings" / "payments-db-saturation-3-1.jsonl"
    assert code == 0 and f"the session is not in the progress history (add it later: icdrill history --add {rec})" in err
    history.rmdir()
    overall = next(line.split()[2] for line in out.splitlines() if line.startswith("overall score"))
    return data_dir / "recordings" / "payments-db-saturation-3-1.jsonl", overall


def test_history_add_adds_a_session_whose_history_write_failed(unlisted, capsys):
    rec, overall = unlisted
    code, out, err = icdrill(capsys, "history", "--add", str(rec))
    assert code == 0 and err == ""
    assert out.startswith(f"added to the history: ann, payments-db-saturation seed 3 (expert), played ")
    assert out.rstrip().endswith(f"overall {overall}")
    from tui.store.datadir import history_path
    from tui.store.history import History

    (session,) = History(history_path()).sessions()
    assert (session.trainee, session.seed, session.driver, session.recording) == ("ann", 3, "expert", str(rec.resolve()))
    assert f"{session.overall:.1f}/100" == overall and set(session.dimensions) == {
        "delegation", "cadence", "severity", "outcome", "focus", "roles", "coordination"
    }
    code, out, _ = icdrill(capsys, "history", "--trainee", "ann")
    assert code == 0 and out.startswith("ann: 1 session")


def test_history_add_twice_is_refused(unlisted, capsys):
    rec, _ = unlisted
    assert icdrill(capsys, "history", "--add", str(rec))[0] == 0
    code, out, err = icdrill(capsys, "history", "--add", str(rec.parent / ".." / "recordings" / rec.name))
    assert code == 2 and out == "" and err.count("\n") == 1 and "is in the history already (ann, played " in err


def test_history_add_refuses_an_unfinished_or_damaged_session(unlisted, capsys):
    rec, _ = unlisted
    data = rec.read_bytes()
    rec.write_bytes(data[: len(data) // 2])
    code, out, err = icdrill(capsys, "history", "--add", str(rec))
    assert code == 2 and out == "" and err.count("\n") == 1
    assert err.startswith(f"icdrill: {rec} cannot be added to the history: line ") and "the last line is incomplete" in err
    rec.write_bytes(data[: data.index(b"\n", len(data) // 2) + 1])  # whole lines, no end
    code, _, err = icdrill(capsys, "history", "--add", str(rec))
    assert code == 2 and "the session was not finished (the recording stops at T+" in err
    assert "only finished sessions are in the history" in err


def test_history_add_of_a_plain_log_says_whose_it_is(tmp_path, data_dir, capsys):
    log = tmp_path / "drill.jsonl"
    assert icdrill(capsys, "run", "--no-record", "--log", str(log))[0] == 0
    code, out, _ = icdrill(capsys, "history", "--add", str(log), "--trainee", "bob")
    assert code == 0 and out.startswith("added to the history: bob, payments-db-saturation seed 0 (unknown)")


def test_history_add_will_not_change_whose_session_it_was(unlisted, capsys):
    rec, _ = unlisted
    code, _, err = icdrill(capsys, "history", "--add", str(rec), "--trainee", "bob")
    assert code == 2 and "as bob's: the recording says ann played it" in err
