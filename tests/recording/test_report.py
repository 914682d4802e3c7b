"""The post-incident report: a golden file for the default scenario, and the parts derived from the log.

Regenerate the golden file after an intended change with

    ICDRILL_UPDATE_GOLDEN=1 python -m pytest tests/recording/test_report.py

and review its diff like any other change.
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path

import pytest

from sim.play.drill import play
from sim.reading.report import md, render_report

from .helpers import loaded

GOLDEN = Path(__file__).resolve().parent / "golden" / "payments-db-saturation-seed0-expert.md"


def test_the_default_scenario_report_matches_the_golden_file():
    from sim.reading.scoring import score

    scenario = loaded("payments-db-saturation")
    entries = play(scenario, 0, "expert").log.entries
    text = render_report(scenario.scenario, entries, score(scenario.scenario, entries))
    if os.environ.get("ICDRILL_UPDATE_GOLDEN") == "1":
        GOLDEN.parent.mkdir(exist_ok=True)
        GOLDEN.write_text(text, encoding="utf-8")
    expected = GOLDEN.read_text(encoding="utf-8")
    if text != expected:
        diff = "".join(difflib.unified_diff(expected.splitlines(True), text.splitlines(True), str(GOLDEN), "rendered"))
        pytest.fail(f"the report differs from the golden file (ICDRILL_UPDATE_GOLDEN=1 regenerates it):\n{diff}")


def test_the_report_is_the_same_in_every_run():
    scenario = loaded("sale-day-meltdown")
    first = render_report(scenario.scenario, play(scenario, 3, "novice").log.entries)
    assert first == render_report(scenario.scenario, play(scenario, 3, "novice").log.entries)


def test_sections_of_a_bad_run():
    """The novice on sale day: unresolved, a stale catalog entry, noisy alerts, a page missed on a plane."""
    scenario = loaded("sale-day-meltdown")
    text = render_report(scenario.scenario, play(scenario, 6, "novice").log.entries)
    for heading in ("## Summary", "## Customer impact", "## Timeline", "## Roles", "## What helped", "## Follow-ups"):
        assert f"\n{heading}\n" in text
    assert "| Status | Not resolved: still open when the drill ended at T+90:00 (time limit) |" in text
    assert "Update the service catalog for `payments-api`: it lists `storefront`; the owner is `payments`." in text
    assert "- [ ] Tune alert `search-latency` on `search`: it fired" in text
    assert "Review on-call coverage for `payments`: pages were missed by Dana Whitfield (on a plane)" in text
    assert "Fix `connection-leak` on `payments-db` (owner: `payments`): still unfixed" in text
    assert "| Scribe | IC (held by the trainee) |" in text


def test_notes_are_marked_by_who_wrote_them():
    scenario = loaded("tiny")
    script = [(65, "/ack"), (70, "/declare sev1"), (75, "/page ann"), (80, "/note db disk looks full"),
              (300, "/role ann scribe"), (320, "/page bob"), (500, "/assign bob restart db 5m")]
    text = render_report(scenario.scenario, play(scenario, 0, None, script).log.entries)
    assert "| T+01:20 | Timeline note (the IC): db disk looks full |" in text
    assert "| Scribe | IC (held by the trainee) until T+05:00, then Ann Lee (from T+05:00) |" in text
    assert "Timeline note (Ann Lee, Scribe): Fix reported by Bob Stone (restart db)" in text  # pinned by the Scribe


def test_what_anyone_typed_is_shown_as_text_not_markup():
    scenario = loaded("tiny")
    update = "/update Impact: *all* of `web` | [click](http://x) <b>now</b> & #1 _soon_"
    text = render_report(scenario.scenario, play(scenario, 0, None, [(70, "/ack"), (80, "/declare sev1"), (90, update)]).log.entries)
    line = next(line for line in text.splitlines() if "Status update" in line)
    assert r"\*all\* of \`web\` \| \[click\](http://x) \<b\>now\</b\> &amp; \#1 \_soon\_" in line
    assert line.count("|") - line.count(r"\|") == 3  # the table row keeps its two cells


def test_md_escapes_markdown_and_folds_lines():
    assert md("a*b_c`d") == r"a\*b\_c\`d"
    assert md("two\nlines  here") == "two lines here"
    assert md("[x](y) | <z>") == r"\[x\](y) \| \<z\>"


def test_the_report_of_a_scored_prefix(tmp_path):
    from sim.reading.scoring import score

    scenario = loaded("payments-db-saturation")
    entries = play(scenario, 2, "novice").log.entries[:60]
    text = render_report(scenario.scenario, entries, score(scenario.scenario, entries))
    assert "Not resolved: still open when the drill ended" in text
    assert "## What hurt" in text and "Overall score:" in text
