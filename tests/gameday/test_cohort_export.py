"""After the drill, for the room: `icdrill history --cohort NAME` and its export folder, on a data
folder a game day made with `icdrill run --cohort` (six trainees, one of them hostile, one twice)."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from sim.log.recording import read_recording
from sim.play.replay import locate_scenario
from sim.reading.scoring import DIMENSIONS, score
from tui.cli import main

HOSTILE = "<script>alert(1)</script>"
# (trainee, bot, seed) in the order played; ann plays twice, and her latest (novice) is compared.
DAY1 = [
    ("ann", "expert", 0),
    ("bob", "novice", 1),
    (HOSTILE, "expert", 2),
    ("dora", "novice", 3),
    ("eve", "idle", 4),
    ("fay", "expert", 5),
    ("ann", "novice", 6),
]
COLUMNS = ["overall", *DIMENSIONS]


def icdrill(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def day(tmp_path_factory):
    """The data folder of a game day, made once for the module: day1 above, plus a session of
    another day and one of none."""
    folder = tmp_path_factory.mktemp("data")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("ICDRILL_DATA_DIR", str(folder))
        for trainee, bot, seed in DAY1:
            assert main(["run", "--bot", bot, "--trainee", trainee, "--cohort", "day1", "--seed", str(seed), "--json"]) == 0
        assert main(["run", "--bot", "novice", "--trainee", "gus", "--cohort", "day2", "--seed", "7", "--json"]) == 0
        assert main(["run", "--bot", "novice", "--trainee", "hal", "--seed", "8", "--json"]) == 0
    return folder


@pytest.fixture
def data_dir(day, monkeypatch):
    monkeypatch.setenv("ICDRILL_DATA_DIR", str(day))
    return day


def recording_of(folder: Path, seed: int) -> Path:
    (path,) = (folder / "recordings").glob(f"*-{seed}-1.jsonl")
    return path


def scorecard(path: Path) -> dict[str, float]:
    recording = read_recording(path)
    loaded = locate_scenario(recording.header)
    card = score(loaded.scenario, recording.entries)
    return {"overall": card.overall, **{d.name: d.score for d in card.dimensions}}


def whole(value: float) -> str:
    return f"{value:.0f}"


def expected_rows(folder: Path) -> dict[str, list[str]]:
    """Each day1 trainee's latest session, as the comparison must show it: seed, IC, then the figures."""
    latest = {trainee: (bot, seed) for trainee, bot, seed in DAY1}
    rows = {}
    for trainee, (bot, seed) in latest.items():
        card = scorecard(recording_of(folder, seed))
        rows[trainee] = [str(seed), bot, *(whole(card[name]) for name in COLUMNS)]
    return rows


def test_the_cohort_is_in_the_recording_header_only_when_named(day):
    def header(seed: int) -> dict:
        return json.loads(recording_of(day, seed).read_text(encoding="utf-8").splitlines()[0])

    assert header(2)["cohort"] == "day1" and header(2)["trainee"] == HOSTILE
    assert header(7)["cohort"] == "day2"
    assert "cohort" not in header(8)


def test_the_terminal_table_matches_each_sessions_scorecard(data_dir, capsys):
    code, out, err = icdrill(capsys, "history", "--cohort", "day1")
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0].startswith("game day day1: 6 trainees, 7 sessions")
    assert lines[2] == "payments-db-saturation: 6 trainees"
    assert lines[3].split() == ["trainee", "seed", "IC", "resolved", *COLUMNS]
    shown = {}
    for line in lines[5:11]:
        name, rest = re.split(r"\s{2,}", line, maxsplit=1)
        cells = rest.split()
        shown[name] = [cells[0], cells[1], *cells[3:]]  # without "resolved"
    assert shown == expected_rows(data_dir)
    assert lines[11].startswith("room median")
    assert "gus" not in out and "hal" not in out  # another day's session, and one of no day


def test_the_export_folder(data_dir, capsys, tmp_path):
    out_dir = tmp_path / "export"
    code, out, err = icdrill(capsys, "history", "--cohort", "day1", "--export", str(out_dir))
    assert code == 0 and err == "", err
    assert f"7 of 7 reports and the comparison written to {out_dir}" in out

    # Every session's report, exactly as `icdrill report` makes it.
    reports = sorted((out_dir / "reports").iterdir())
    assert len(reports) == len(DAY1)
    made = {p.name: p.read_text(encoding="utf-8") for p in reports}
    for trainee, _, seed in DAY1:
        code, report, _ = icdrill(capsys, "report", str(recording_of(data_dir, seed)))
        assert code == 0
        (name,) = [n for n in made if n.endswith(f"-seed{seed}.md")]
        assert made[name] == report
    assert "script-alert-1-script-payments-db-saturation-seed2.md" in made

    # index.md: the same figures as the scorecards, the hostile name escaped as Markdown.
    index = (out_dir / "index.md").read_text(encoding="utf-8")
    rows = {}
    for line in index.split("## Every session")[0].splitlines():
        cells = [c.strip() for c in line.strip("|").split("|")]
        if len(cells) == 4 + len(COLUMNS) and cells[1].isdigit():
            rows[cells[0]] = [cells[1], cells[2], *cells[4:]]
    expected = expected_rows(data_dir)
    assert rows.pop(r"\<script\>alert(1)\</script\>") == expected.pop(HOSTILE)
    assert rows == expected
    for name in made:
        assert f"(reports/{name})" in index


class Page(HTMLParser):
    """Every tag and attribute of a page, and its text."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def test_the_html_page_is_self_contained_and_escapes_every_name(data_dir, capsys, tmp_path):
    out_dir = tmp_path / "export"
    assert icdrill(capsys, "history", "--cohort", "day1", "--export", str(out_dir))[0] == 0
    raw = (out_dir / "index.html").read_text(encoding="utf-8")
    page = Page()
    page.feed(raw)
    names = {tag for tag, _ in page.tags}
    assert not names & {"script", "link", "img", "iframe", "object", "embed", "image", "use", "base", "meta refresh"}
    assert {"svg", "rect", "table"} <= names
    for tag, attrs in page.tags:
        assert "src" not in attrs and not any(a.startswith("on") for a in attrs), (tag, attrs)
        if "href" in attrs:
            assert tag == "a" and re.fullmatch(r"reports/[a-z0-9-]+\.md", attrs["href"]), attrs
            assert (out_dir / attrs["href"]).is_file()
    assert not re.search(r"https?:|//|url\(|@import", raw, re.I)
    # The hostile name is text on the page, never a tag; the charts hold a bar per trainee per dimension.
    assert HOSTILE not in raw and "&lt;script&gt;alert(1)&lt;/script&gt;" in raw
    assert HOSTILE in "".join(page.text)
    bars = [float(attrs["width"]) for tag, attrs in page.tags if tag == "rect" and attrs.get("class") == "bar"]
    assert len(bars) == 6 * len(COLUMNS)  # a bar per trainee per dimension, in the table's order
    overall = sorted(scorecard(recording_of(data_dir, seed))["overall"] for seed in (1, 2, 3, 4, 5, 6))
    assert sorted(bars[:6]) == pytest.approx([160 * v / 100 for v in overall], abs=0.05)  # 160 px: the 0-100 track
    links = [attrs["href"] for tag, attrs in page.tags if tag == "a"]
    assert len(links) == len(DAY1)


REFUSED = [
    (("history", "--cohort", "day9"), "no game day named 'day9' in the history; known (sessions): day1 (7), day2 (1)"),
    (("history", "--export", "x"), "--export writes one game day's folder: name the day with --cohort NAME"),
    (("history", "--cohort", "day1", "--force"), "--force goes with --export DIR"),
    (("history", "--cohort", "day1", "--trainee", "ann"), "--cohort compares every trainee of the day"),
    (("history", "--cohort", "day1", "--add", "x.jsonl"), "--cohort compares a game day and --add adds one session"),
    (("history", "--cohort", ""), "--cohort: must not be empty"),
    (("run", "--cohort", "x" * 101), "--cohort: must be at most 100 characters"),
    (("play", "--cohort", "day\u2028one"), "--cohort: must be printable text"),
    (("run", "--cohort", "day1", "--no-record"), "--cohort files the session under a game day, and --no-record"),
    (("play", "--cohort", "day1", "--no-record"), "--cohort files the session under a game day, and --no-record"),
]


@pytest.mark.parametrize(("args", "says"), REFUSED, ids=[" ".join(a)[:40] for a, _ in REFUSED])
def test_refusals_are_one_line_and_exit_2(data_dir, capsys, args, says):
    try:
        code, out, err = icdrill(capsys, *args)
    except SystemExit as stop:  # argparse's own refusals exit
        code, (out, err) = stop.code, capsys.readouterr()
    assert code == 2 and out == ""
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("icdrill: ") and says in lines[0], err


def test_export_folder_refusals(data_dir, capsys, tmp_path):
    def export(folder: Path, *more: str) -> tuple[int, str]:
        code, _, err = icdrill(capsys, "history", "--cohort", "day1", "--export", str(folder), *more)
        assert len(err.splitlines()) <= 1, err
        return code, err

    a_file = tmp_path / "notes.txt"
    a_file.write_text("mine", encoding="utf-8")
    assert export(a_file) == (2, f"icdrill: {a_file} is a file, not a folder\n")
    assert export(a_file / "export") == (2, f"icdrill: cannot write to {a_file / 'export'}: Not a directory\n")

    full = tmp_path / "full"
    full.mkdir()
    (full / "keep.md").write_text("mine", encoding="utf-8")
    code, err = export(full)
    assert code == 2 and "is not empty (--force writes the export into it" in err
    assert [p.name for p in full.iterdir()] == ["keep.md"]  # nothing written before the refusal
    assert export(full, "--force") == (0, "")
    assert (full / "keep.md").read_text(encoding="utf-8") == "mine"  # forced: nothing deleted
    assert len(list((full / "reports").iterdir())) == len(DAY1)


def test_a_report_that_cannot_be_made_is_listed_and_the_rest_are_written(tmp_path, capsys, monkeypatch, day):
    data = tmp_path / "data"
    monkeypatch.setenv("ICDRILL_DATA_DIR", str(data))
    for trainee, seed in (("ann", 0), ("bob", 1)):
        assert main(["run", "--trainee", trainee, "--cohort", "day1", "--seed", str(seed), "--json"]) == 0
    recording_of(data, 1).unlink()
    code, out, err = icdrill(capsys, "history", "--cohort", "day1", "--export", str(tmp_path / "out"))
    assert code == 1
    assert "1 of 2 reports and the comparison written" in out
    assert err.startswith("icdrill: warning: no report for bob's payments-db-saturation seed 1: ")
    assert [p.name for p in (tmp_path / "out" / "reports").iterdir()] == ["ann-payments-db-saturation-seed0.md"]
    assert "| bob | payments-db-saturation | - | 1 | expert | " in (tmp_path / "out" / "index.md").read_text()
