"""`icdrill lint` on the corpus of badly-playing scenarios (issue 12): each file declares on its
first lines what lint must find (`# lint: RULE at [FILE:]LINE:COL`, FILE relative to the corpus
folder when the node is in an included org file), and lint finds exactly that."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sim.lint.expert_rule import WIN_SCORE
from sim.lint.rules import RULES
from sim.lint.run import lint_paths

CORPUS = Path(__file__).resolve().parent / "corpus"
FILES = sorted(CORPUS.glob("*.yaml"))
DECLARED = re.compile(r"^# lint: (\S+) at (?:(\S+):)?(\d+):(\d+)$")


def declared(path: Path) -> set[tuple[str, str, int, int]]:
    """(file, rule, line, col) of every finding the file's header declares."""
    found = set()
    for line in path.read_text().splitlines():
        match = DECLARED.match(line)
        if match is None:
            break
        rule, file, row, col = match.groups()
        found.add((str(path.parent / file) if file else str(path), rule, int(row), int(col)))
    return found


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_lint_finds_exactly_what_the_file_declares(path):
    want = declared(path)
    assert want, f"{path.name} declares no finding"
    report = lint_paths([str(path)])
    got = {(f.problem.file, f.rule, f.problem.line, f.problem.col) for f in report.findings}
    assert got == want


def test_the_corpus_has_a_file_for_every_rule():
    rules = {rule for path in FILES for _, rule, _, _ in declared(path)}
    # Refused by validate, so reported under validate's field path rather than a rule id: a fault
    # nobody reachable can fix, and a ladder out of order (a gap by numbers is lint's own).
    by_validate = {"unfixable-fault": r"faults\[\d+\]\.fix", "severity-gap": r"severity\.levels\[\d+\]\.min_impact"}
    for rule in RULES:
        assert rule in rules or rule == "unfixable-fault", f"no corpus file for {rule}"
    for rule, field in by_validate.items():
        assert any(re.fullmatch(field, r) for r in rules), f"no corpus file that validate refuses for {rule}"
    assert len(FILES) >= 12


def test_the_corpus_org_files_alone_are_linted_for_what_they_define():
    report = lint_paths([str(CORPUS / "orgs")], seeds=0)
    assert [(Path(f.problem.file).name, f.rule) for f in report.findings] == [("thin.yaml", "no-reachable-primary")]


def test_a_finding_in_an_org_file_is_told_once_however_many_scenarios_include_it():
    report = lint_paths([str(CORPUS / "orgs" / "thin.yaml"), str(CORPUS / "org-team-without-primary.yaml")], seeds=0)
    assert len(report.findings) == 1


def test_an_expert_win_is_what_the_calibration_calls_one():
    from tests.scoring.test_calibration import BANDS

    assert WIN_SCORE == BANDS["expert"][0]


def test_without_seeds_the_expert_does_not_play():
    assert lint_paths([str(CORPUS / "expert-loses.yaml")], seeds=0).clean
