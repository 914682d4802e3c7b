"""The rules' edges: each corpus file, changed by one line to what plays well, lints clean; and
the facts the rules stand on (how bad a fault can get) follow the engine."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from sim.lint.run import lint_paths

CORPUS = Path(__file__).resolve().parent / "corpus"


def lint_changed(tmp_path: Path, name: str, old: str, new: str) -> list[tuple[str, int]]:
    """(rule, line) of every finding of corpus file ``name`` with ``old`` replaced by ``new``."""
    text = (CORPUS / f"{name}.yaml").read_text()
    assert old in text
    shutil.copytree(CORPUS / "orgs", tmp_path / "orgs", dirs_exist_ok=True)
    path = tmp_path / f"{name}.yaml"
    path.write_text(text.replace(old, new))
    return [(f.rule, f.problem.line) for f in lint_paths([str(path)], seeds=0).findings]


@pytest.mark.parametrize(
    "name, old, new",
    [
        # A proposer in the channel from the start, or one a fix names, does come into the incident.
        ("conflict-proposer-off-path", "team: mail, on_call: primary}", "team: mail, on_call: primary, present: true}"),
        ("conflict-proposer-off-path", "teams: [data]", "teams: [data, mail]"),
        # A theory's engineer who owns a hurt service is paged into the incident.
        ("engineer-off-path", "engineer: mo", "engineer: dora"),
        # A manager who is merely asleep still joins, later.
        ("manager-on-a-plane", "reachability: on-a-plane", "reachability: asleep"),
        ("executive-too-late", "at: 75m", "at: 59m"),
        # A primary on a plane beside a reachable primary; a team with no primary that owns nothing.
        ("primary-on-a-plane", "team: data, on_call: secondary", "team: data, on_call: primary"),
        ("team-without-primary", "api: {owner: api, tier: 1, depends_on: {db: hard}}", "api: {owner: web, tier: 1, depends_on: {db: hard}}"),
        # The scenario's own new secondary fills the slot the override emptied.
        ("override-empties-slot", "dev: {team: web}", "dev: {team: web}\n  eve: {team: data, on_call: secondary}"),
        # What depends on the fault's service is on its path as much as what it depends on.
        ("unrelated-remedy", "target: mail, does", "target: web, does"),
        # A remedy that worsens can take a degraded fault down; so can growth.
        ("alert-down-through-soft", "front: {owner: web, tier: 1, depends_on: {db: soft}}", "front: {owner: web, tier: 1, depends_on: {db: hard}}"),
        ("alert-delay-past-limit", "delay: 65m", "delay: 57m"),
        ("alert-on-untouched-service", "service: mail}", "service: mail, noise: 0.01}"),
        ("severity-gap", "Sev3", "Sev2"),
    ],
)
def test_one_line_away_from_the_corpus_file_plays_well(tmp_path, name, old, new):
    assert lint_changed(tmp_path, name, old, new) == []


def test_an_alert_on_down_fires_once_a_remedy_can_worsen_a_degraded_fault(tmp_path):
    plain = "grows: {after: 15m, to: down}"
    alert = "  - {id: db-down, service: db, fires_on: down}"
    name = "alert-delay-past-limit"
    text = (CORPUS / f"{name}.yaml").read_text().replace("  - {id: db-slow-queries, service: db, delay: 65m}", alert)
    (tmp_path / "base.yaml").write_text(text.replace(plain, "effect: degraded"))
    assert [f.rule for f in lint_paths([str(tmp_path / "base.yaml")], seeds=0).findings] == ["alert-never-fires"]
    worsens = "effect: degraded\n    remedies: [{action: scale-up, target: db, does: worsens}]"
    (tmp_path / "worsens.yaml").write_text(text.replace(plain, worsens))
    assert lint_paths([str(tmp_path / "worsens.yaml")], seeds=0).clean


PLANE = "skills: [db], reachability: on-a-plane}"


@pytest.mark.parametrize(
    "comment, found",
    [
        # The author's exception, on the finding's line or the line above, silences that rule only.
        ("  # icdrill-lint: allow no-reachable-primary -- the plane is the drill", []),
        ("  # icdrill-lint: allow severity-gap, no-reachable-primary", []),
        ("  # icdrill-lint: allow severity-gap", [("no-reachable-primary", 17)]),
        ("  # lint: allow no-reachable-primary", [("no-reachable-primary", 17)]),  # not our marker
    ],
)
def test_an_allow_comment_on_the_line_excuses_only_the_rules_it_names(tmp_path, comment, found):
    assert lint_changed(tmp_path, "primary-on-a-plane", PLANE, PLANE + comment) == found


def test_an_allow_comment_on_the_line_above_counts_and_two_lines_above_does_not(tmp_path):
    above = "  # icdrill-lint: allow no-reachable-primary\n"
    person = "  dora: {name: Dora Mills"
    assert lint_changed(tmp_path, "primary-on-a-plane", person, above + person) == []
    assert lint_changed(tmp_path, "primary-on-a-plane", person, above + "  # why\n" + person) == [("no-reachable-primary", 19)]


def test_an_allow_comment_never_excuses_a_file_that_does_not_validate(tmp_path):
    text = (CORPUS / "unfixable-fault.yaml").read_text()
    lines = text.splitlines()
    path = tmp_path / "unfixable-fault.yaml"
    path.write_text("\n".join(line + "  # icdrill-lint: allow <root>" if line.strip() else line for line in lines) + "\n")
    assert lint_paths([str(path)], seeds=0).findings
