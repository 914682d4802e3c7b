"""How one problem reads: the headline, the source line and the caret."""

from __future__ import annotations

from sim.scenario.problems import Problem, ScenarioError, did_you_mean, field_path


def test_format_has_headline_source_and_caret():
    problem = Problem("scenarios/x.yaml", 14, 13, "faults[0].fix.action", "'reboot' is not a fix action", "    action: reboot")
    assert problem.format() == (
        "scenarios/x.yaml:14:13: faults[0].fix.action: 'reboot' is not a fix action\n"
        "        action: reboot\n"
        "                ^"
    )


def test_caret_keeps_tabs_so_it_lines_up():
    problem = Problem("x.yaml", 2, 2, "<root>", "a tab", "\towner: a")
    assert problem.format().splitlines()[2] == "    \t^"


def test_long_lines_are_windowed_around_the_caret():
    line = "x: [" + "1," * 1000 + "]"
    text, caret = Problem("x.yaml", 1, 1500, "x", "m", line).format().splitlines()[1:]
    assert len(text) < 120
    assert text[caret.index("^")] == line[1499]


def test_without_source_only_the_headline():
    assert Problem("x.yaml", 1, 1, "<root>", "the file is empty").format() == "x.yaml:1:1: <root>: the file is empty"


def test_field_paths():
    assert field_path(("services", "payments-db", "depends_on")) == "services.payments-db.depends_on"
    assert field_path(("faults", 2, "at")) == "faults[2].at"
    assert field_path(()) == "<root>"


def test_did_you_mean():
    assert did_you_mean("tier_level", ["owner", "tier", "traffic"]) == "tier"
    assert did_you_mean("paymnets", ["payments", "storage"]) == "payments"
    assert did_you_mean("zzz", ["payments", "storage"]) is None


def test_error_sorts_and_drops_exact_duplicates():
    a = Problem("b.yaml", 1, 1, "x", "m")
    b = Problem("a.yaml", 9, 1, "x", "m")
    err = ScenarioError([a, b, a])
    assert err.problems == [b, a]
