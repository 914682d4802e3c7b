"""Escape sequences from outside never reach the terminal raw from the command line (issue 8, defect 1).

A recording someone sent, a scenario from another team, a trainee's name, a file name: each of
them may hold ESC, DEL or a C1 control (0x9b is CSI), and `score`, `report`, `history`,
`validate`, `list` and `run` print such text. Every case runs `icdrill` as a user would and
checks the exit code, that nothing printed holds a control character (C1 included), and that
the hostile text is still there to read, as its escape (``\\x1b``).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from .harness import ROOT, Result, assert_refused, icdrill

HERE = Path(__file__).resolve().parent
ESCAPES = HERE / "fixtures" / "escapes.yaml"  # title, briefing, names and evidence hold ESC, DEL and CSI
TINY = ROOT / "tests" / "fixtures" / "tiny.yaml"

UPDATE = "\033[2J\033]0;PWNED\007 x"  # clears the screen and sets the window title
UPDATE_SHOWN = r"\x1b[2J\x1b]0;PWNED\x07 x"
NOTE = "\033[31mred\x7f \x9b2J"
TRAINEE = "eve\033[2Jil\x9b"
TRAINEE_SHOWN = r"eve\x1b[2Jil\x9b"
DATA = "data-\033]0;PWNED\007"  # the data folder's own name: every recording path printed holds it

# What a terminal acts on: C0 but newline and tab, DEL, and C1. (The harness checks C0 and DEL.)
RAW = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def assert_nothing_raw(*texts: str) -> None:
    for text in texts:
        assert RAW.findall(text) == [], text[-600:]


def assert_clean(result: Result, code: int = 0) -> None:
    """The exit code, no traceback, and nothing raw in what was printed."""
    assert result.code == code, (result.code, result.err[-800:])
    assert "Traceback" not in result.out + result.err, result.err[-800:]
    assert_nothing_raw(result.out, result.err)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> tuple[Path, Path, Result]:
    """(data folder, recording, the run that made it): a scripted session of the tiny drill whose
    status update clears the screen, whose note holds DEL and CSI, played by a trainee whose name
    holds ESC; the data folder's name holds an OSC sequence."""
    top = tmp_path_factory.mktemp("escapes")
    data = top / DATA
    script = top / "commands.txt"
    script.write_text(f"03:00 /ack\n03:10 /declare sev2\n04:00 /update {UPDATE}\n04:10 /note {NOTE}\n", encoding="utf-8")
    # `--trainee` refuses control characters, so the hostile name arrives as it would from outside:
    # in the header of a recording someone sent, added to this history with `history --add`.
    run = icdrill("run", str(TINY), "--seed", "1", "--script", str(script), "--trainee", "eve", "--no-record",
                  data_dir=data)
    made = top / "made"
    icdrill("run", str(TINY), "--seed", "1", "--script", str(script), "--trainee", "eve", data_dir=made)
    sent = made / "recordings" / "tiny-1-1.jsonl"
    header, rest = sent.read_text(encoding="utf-8").split("\n", 1)
    fields = json.loads(header)
    fields["trainee"] = TRAINEE
    recording = data / "recordings" / "tiny-1-1.jsonl"
    recording.parent.mkdir(parents=True)
    recording.write_text(json.dumps(fields) + "\n" + rest, encoding="utf-8")
    added = icdrill("history", "--add", str(recording), data_dir=data)
    assert added.code == 0, added.err
    return data, recording, run


def test_the_recording_keeps_the_exact_text(hostile):
    """Safety is for showing: the log itself is the truth and keeps every byte typed."""
    _, recording, _ = hostile
    events = [json.loads(line) for line in recording.read_text(encoding="utf-8").splitlines()]
    assert {"kind": "status_update", "text": UPDATE} in [{k: e.get(k) for k in ("kind", "text")} for e in events]
    assert events[0]["trainee"] == TRAINEE


def test_score_shows_a_hostile_status_update_as_escapes(hostile):
    data, recording, _ = hostile
    result = icdrill("score", str(recording), data_dir=data)
    assert_clean(result)
    assert UPDATE_SHOWN in result.out  # the debrief quotes it
    assert f"trainee {TRAINEE_SHOWN}" in result.out


def test_report_on_stdout_shows_the_escapes_in_markdown(hostile):
    data, recording, _ = hostile
    result = icdrill("report", str(recording), data_dir=data)
    assert_clean(result)
    # md() shows the control first, then escapes Markdown: the backslash and the brackets.
    assert r"Status update posted: “\\x1b\[2J\\x1b\]0;PWNED\\x07 x”" in result.out
    assert r"\\x1b\[31mred\\x7f \\x9b2J" in result.out


def test_report_written_to_a_file_has_no_control_character(hostile, tmp_path):
    data, recording, _ = hostile
    out = tmp_path / "pir-\033[2J.md"
    result = icdrill("report", str(recording), "-o", str(out), data_dir=data)
    assert_clean(result)
    assert r"pir-\x1b[2J.md" in result.err  # "report written to ..."
    text = out.read_text(encoding="utf-8")
    assert_nothing_raw(text)
    assert r"\\x1b\[2J\\x1b\]0;PWNED\\x07 x" in text


def test_history_shows_a_trainee_name_with_an_escape(hostile):
    data, _, _ = hostile
    result = icdrill("history", data_dir=data)
    assert_clean(result)
    assert f"{TRAINEE_SHOWN}: 1 session" in result.out


def test_history_names_a_data_folder_with_an_escape_as_the_escape(hostile):
    data, _, _ = hostile
    result = icdrill("history", "--trainee", "nobody", data_dir=data)
    assert_clean(result)
    assert "for nobody yet" in result.out
    assert r"data-\x1b]0;PWNED\x07" in result.out  # where the history lives


def test_replay_of_the_hostile_recording(hostile):
    data, recording, _ = hostile
    result = icdrill("replay", str(recording), data_dir=data)
    assert_clean(result)
    assert "same log: yes" in result.out


def test_run_a_scenario_full_of_escapes(tmp_path):
    log = tmp_path / "drill-\x9b2J.jsonl"
    result = icdrill("run", str(ESCAPES), "--log", str(log), data_dir=tmp_path / "data")
    assert_clean(result)
    assert r"drill-\x9b2J.jsonl" in result.out
    # The log keeps the scenario's words exactly; JSON writes them as \u escapes.
    listed = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines() if '"person_listed"' in line]
    assert "Ann \033]0;PWNED\007 Lee\x7f\x9b" in [e["name"] for e in listed]


def test_run_json_with_a_scenario_full_of_escapes(tmp_path):
    result = icdrill("run", str(ESCAPES), "--json", "--no-record", data_dir=tmp_path)
    assert_clean(result)
    assert json.loads(result.out)["scenario"] == "escapes"


def test_report_of_a_scenario_full_of_escapes(tmp_path):
    data = tmp_path / "data"
    assert_clean(icdrill("run", str(ESCAPES), "--bot", "novice", data_dir=data))
    (recording,) = (data / "recordings").iterdir()
    result = icdrill("report", str(recording), data_dir=data)
    assert_clean(result)
    assert r"Post-incident report: Checkout \\x1b\[2J\\x1b\]0;PWNED\\x07 fails\\x7f \\x9b31m" in result.out
    score = icdrill("score", str(recording), data_dir=data)
    assert_clean(score)


def test_a_script_file_named_with_an_escape_is_named_as_its_escape(tmp_path):
    script = tmp_path / "my\033[2J.txt"
    script.write_text("not a command \033]0;PWNED\007\n", encoding="utf-8")
    result = icdrill("run", str(TINY), "--script", str(script), "--no-record", data_dir=tmp_path)
    assert_clean(result, code=2)
    assert r"my\x1b[2J.txt:1:1" in result.err


def test_a_missing_recording_named_with_an_escape_is_refused_in_one_clean_line(tmp_path):
    result = icdrill("score", str(tmp_path / "gone\033[2J\x9b.jsonl"), data_dir=tmp_path)
    assert_refused(result)
    assert_clean(result, code=2)
    assert r"gone\x1b[2J\x9b.jsonl" in result.err


@pytest.mark.parametrize(
    ("name", "raw", "shown"),
    [("esc", "\033[2J", r"\x1b[2J"), ("del", "\x7f", r"\x7f"), ("csi", "\x9b2J", r"\x9b2J")],
)
def test_validate_quotes_a_line_with_a_control_character_as_its_escape(tmp_path, name, raw, shown):
    """YAML refuses a raw control character; the problem quotes the line, which holds it."""
    path = tmp_path / f"{name}.yaml"
    path.write_text(f"scenario:\n  id: x\n  title: Checkout {raw}fails\n", encoding="utf-8")
    result = icdrill("validate", str(path), data_dir=tmp_path)
    assert_clean(result, code=2)
    quoted = f"      title: Checkout {shown}fails"
    lines = result.out.splitlines()
    assert quoted in lines, result.out
    caret = lines[lines.index(quoted) + 1]
    assert quoted[caret.index("^")] == "\\"  # under the escape, not where the raw character was


def test_validate_names_a_file_and_a_value_with_escapes(tmp_path):
    path = tmp_path / "evil\033]0;PWNED\007.yaml"
    path.write_text('scenario:\n  id: "bad\\e[2J"\n  title: "\\e[2J"\n', encoding="utf-8")
    result = icdrill("validate", str(path), data_dir=tmp_path)
    assert_clean(result, code=2)
    assert r"evil\x1b]0;PWNED\x07.yaml:2:" in result.out
    assert r"bad\x1b[2J" in result.out


def test_validate_a_good_scenario_full_of_escapes():
    result = icdrill("validate", str(ESCAPES), data_dir=HERE)
    assert_clean(result)


def test_a_scenario_that_cannot_be_loaded_is_quoted_cleanly_by_run(tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_text("scenario:\n  id: x\n  title: \033]0;PWNED\007\n", encoding="utf-8")
    result = icdrill("run", str(path), "--no-record", data_dir=tmp_path)
    assert_clean(result, code=2)
    assert r"title: \x1b]0;PWNED\x07" in result.err


def test_list_shows_a_scenario_file_named_with_an_escape(tmp_path):
    """`list` prints file names: one named with an OSC sequence, in a folder of scenarios."""
    folder = tmp_path / "scenarios"
    folder.mkdir()
    (folder / "evil\033]0;PWNED\007\x9b.yaml").write_text(ESCAPES.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "plain.yaml").write_text(ESCAPES.read_text(encoding="utf-8"), encoding="utf-8")
    probe = (
        "import sys\nfrom pathlib import Path\nimport sim.scenario.locate as locate\n"
        f"locate.scenario_dir = lambda: Path({str(folder)!r})\n"
        "from tui.cli import main\nsys.exit(main(['list']))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, encoding="utf-8",
        env={**os.environ, "PYTHONIOENCODING": "utf-8"}, timeout=120,
    )
    result = Result(done.returncode, done.stdout, done.stderr)
    assert_clean(result)
    lines = result.out.splitlines()
    assert [line.split()[0] for line in lines] == [r"evil\x1b]0;PWNED\x07\x9b", "plain"]
    assert all(line.endswith(r"Checkout \x1b[2J\x1b]0;PWNED\x07 fails\x7f \x9b31m") for line in lines)  # the title too
