"""The malformed corpus: every file is rejected by the CLI with precise, positioned, plain messages.

Each corpus file holds one kind of defect (the multi-* files hold several, to prove that every
problem is reported in one pass). EXPECTED says what the report must contain: the position, the
field path and the key phrase, not merely that validation failed.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from sim.scenario import validate_paths

ROOT = Path(__file__).resolve().parents[2]
CORPUS = Path(__file__).resolve().parent / "malformed"
REL = "tests/scenario/malformed/"

# file -> (substrings the report must contain, exact number of problems or None)
EXPECTED: dict[str, tuple[list[str], int | None]] = {
    "syntax-unclosed-quote.yaml": (["syntax-unclosed-quote.yaml:3:10: <root>: this quoted string is never closed"], 1),
    "syntax-colon-in-value.yaml": (["syntax-colon-in-value.yaml:3:18: <root>: found ':' where no key can start", "quote a value"], 1),
    "syntax-bad-indentation.yaml": (["syntax-bad-indentation.yaml:7:5: <root>: this line's indentation does not fit", "the real cause may be on an earlier line"], 1),
    "tab-indentation.yaml": (["tab-indentation.yaml:6:1: <root>: a tab indents this line; YAML indents with spaces only"], 1),
    "empty.yaml": (["empty.yaml:1:1: <root>: the file is empty; a scenario starts with a `scenario:` mapping"], 1),
    "comments-only.yaml": (["comments-only.yaml:1:1: <root>: the file is empty"], 1),
    "root-is-list.yaml": (["root-is-list.yaml:1:1: <root>: the file holds a list, but a scenario file is a mapping"], 1),
    "root-is-text.yaml": (["root-is-text.yaml:1:1: <root>: the file holds 'checkout errors scenario', but a scenario file is a mapping"], 1),
    "duplicate-key.yaml": (["duplicate-key.yaml:8:5: services.checkout.tier: duplicate key 'tier' (first at line 7)"], 1),
    "unknown-key.yaml": (["unknown-key.yaml:7:5: services.checkout.colour: unknown key 'colour'; allowed keys here: owner, tier, traffic, depends_on, monitored"], 1),
    "misspelt-key.yaml": (["misspelt-key.yaml:7:5: services.checkout.tier_level: unknown key 'tier_level'; did you mean 'tier'?"], 1),
    "misspelt-required-key.yaml": (["misspelt-required-key.yaml:10:1: fualts: unknown key 'fualts'; did you mean 'faults'?"], 1),
    "misspelt-scenario-keys.yaml": (
        ["misspelt-scenario-keys.yaml:2:1: senario: unknown key 'senario'; did you mean 'scenario'?",
         "misspelt-scenario-keys.yaml:19:1: fault: unknown key 'fault'; did you mean 'faults'?"],
        2,
    ),
    "wrong-type.yaml": (["wrong-type.yaml:7:11: services.checkout.tier: expected a whole number; found 'high'"], 1),
    "fix-written-as-text.yaml": (["fix-written-as-text.yaml:14:10: faults[0].fix: expected a mapping of keys and values; found 'restart checkout'"], 1),
    "negative-time.yaml": (["negative-time.yaml:12:9: faults[0].at: negative time '-5m'"], 1),
    "bad-duration.yaml": (["bad-duration.yaml:17:14: faults[0].fix.takes: '5 minutes' is not a duration; write it like 90s, 10m or 1h30m"], 1),
    "duration-out-of-order.yaml": (["duration-out-of-order.yaml:17:14: faults[0].fix.takes: '10s1h' is not a duration; write it like 90s, 10m or 1h30m"], 1),
    "duration-as-number.yaml": (["duration-as-number.yaml:12:9: faults[0].at: expected a duration such as 90s, 10m or 1h30m; found 90"], 1),
    "bad-fix-action.yaml": (["bad-fix-action.yaml:15:15: faults[0].fix.action: 'reboot' is not a fix action; expected one of restart, rollback,", "did you mean 'restart'?"], 1),
    "on-call-no-as-bool.yaml": (["on-call-no-as-bool.yaml:11:14: people.dana.on_call: false is not an on-call role", "unquoted yes, no, on or off"], 1),
    "invalid-service-name.yaml": (["invalid-service-name.yaml:5:3: services.Payments_DB: 'Payments_DB' is not a valid name", "faults[0].service: 'Payments_DB' is not a valid name"], 3),
    "missing-required-key.yaml": (["missing-required-key.yaml:11:5: faults[0].fix: required key 'fix' is missing"], 1),
    "no-faults.yaml": (["no-faults.yaml:10:9: faults: needs at least 1 item; found none"], 1),
    "dangling-owner-team.yaml": (["dangling-owner-team.yaml:6:12: services.checkout.owner: owning team 'paymnets' is not defined; did you mean 'payments'?"], 1),
    "dangling-depends-on.yaml": (["dangling-depends-on.yaml:8:7: services.checkout.depends_on.payment-db: service 'payment-db' is not defined; did you mean 'payments-db'?"], 1),
    "dangling-person-team.yaml": (["dangling-person-team.yaml:11:15: people.lee.team: team 'databases' is not defined; the teams are: payments, storage"], 1),
    "dangling-manager.yaml": (["dangling-manager.yaml:9:14: teams.payments.manager: person 'samm' is not defined; did you mean 'sam'?"], 1),
    "dangling-fix-person.yaml": (["dangling-fix-person.yaml:17:16: faults[0].fix.people[0]: person 'danna' is not defined; did you mean 'dana'?"], 1),
    "dangling-skill.yaml": (["dangling-skill.yaml:11:24: people.dana.skills[1]: service 'payments-db' is not defined"], 1),
    "dangling-stakeholders.yaml": (
        ["dangling-stakeholders.yaml:5:46: services.checkout.catalog_owner: team 'payment' is not defined; did you mean 'payments'?",
         "dangling-stakeholders.yaml:20:29: stakeholders.managers[0].theory: service 'chekout' is not defined",
         "dangling-stakeholders.yaml:21:27: stakeholders.head_of_sales.person: person 'kim' is not defined",
         "dangling-stakeholders.yaml:27:18: conflicts[0].proposals[1].person: person 'leo' is not defined; did you mean 'lee'?"],
        4,
    ),
    "dependency-cycle.yaml": (["dependency-cycle.yaml:10:18: services.checkout.depends_on.payments-db: dependency cycle checkout -> payments-db -> checkout"], 1),
    "fault-on-unknown-service.yaml": (["fault-on-unknown-service.yaml:14:14: faults[0].service: faulty service 'payments-dbb' is not defined; did you mean 'payments-db'?"], 1),
    "fault-nobody-can-fix.yaml": (["fault-nobody-can-fix.yaml:16:5: faults[0].fix: nobody can apply this fix: no person belongs to 'storage' (fix.teams)"], 1),
    "fault-fixer-unreachable.yaml": (["fault-fixer-unreachable.yaml:18:5: faults[0].fix: nobody who can apply this fix can be reached: ines (on-a-plane), omar (no-connectivity) never acknowledge a page"], 1),
    "fault-nobody-in-owner-team.yaml": (["fault-nobody-in-owner-team.yaml:16:5: faults[0].fix: nobody can apply this fix: fix.teams and fix.people are empty, so the team that owns 'payments-db' ('storage') applies it"], 1),
    "duplicate-fault-id.yaml": (["duplicate-fault-id.yaml:15:9: faults[1].id: duplicate fault id 'checkout-slow' (first at line 11)"], 1),
    "duplicate-alert-id.yaml": (["duplicate-alert-id.yaml:17:10: alerts[1].id: duplicate alert id 'checkout-errors' (first at line 16)"], 1),
    "severity-not-decreasing.yaml": (["severity-not-decreasing.yaml:13:30: severity.levels[1].min_impact: min_impact 0.4 must be lower than the 0.3 of level 'P1'"], 1),
    "cadence-level-mismatch.yaml": (
        ["cadence-level-mismatch.yaml:14:14: severity.levels[2].name: level 'P3' has no status-update cadence",
         "cadence-level-mismatch.yaml:18:5: severity.cadence.P4: cadence for 'P4', but no severity level has that name"],
        2,
    ),
    "custom-levels-default-cadence.yaml": (["custom-levels-default-cadence.yaml:14:14: severity.levels[2].name: level 'Minor' has no status-update cadence: severity.cadence is not given"], 1),
    "fault-after-time-limit.yaml": (["fault-after-time-limit.yaml:16:9: faults[1].at: the fault starts at 60m, at or after the drill's time limit of 45m (end.time_limit)"], 1),
    "traffic-over-one.yaml": (["traffic-over-one.yaml:6:40: services.checkout.traffic: the services' traffic shares add up to 1.30"], 1),
    "billion-laughs.yaml": (["billion-laughs.yaml:6:29: e[7]: aliases expand the file to more than 100000 values (limit: 100000)"], 1),
    "deep-nesting.yaml": (["deep-nesting.yaml:14:58: impact[0][0][0][0][0][0][0]...: values are nested more than 50 levels deep (limit: 50)"], 1),
    "python-object-tag.yaml": (["python-object-tag.yaml:3:10: scenario.title: the tag !!python/object/apply:os.system on a list is not allowed"], 1),
    "custom-tag.yaml": (["custom-tag.yaml:5:21: services.checkout.owner: the tag !env on a value is not allowed"], 1),
    "undefined-alias.yaml": (["undefined-alias.yaml:12:10: faults[0].fix: alias *restart-checkout refers to no anchor &restart-checkout"], 1),
    "second-document.yaml": (["second-document.yaml:13:1: <root>: the file holds a second YAML document"], 1),
    "non-string-key.yaml": (["non-string-key.yaml:6:3: services: a key must be plain text; found a list used as a key"], 1),
    "bom.yaml": (["bom.yaml:1:1: <root>: the file starts with a UTF-8 byte-order mark; save it as UTF-8 without a byte-order mark"], 1),
    "latin1.yaml": (["latin1.yaml:3:13: <root>: byte 0xE9 is not valid UTF-8; save the file as UTF-8"], 1),
    "control-character.yaml": (["control-character.yaml:3:24: <root>: the control character U+0007 is not allowed"], 1),
    "include-missing.yaml": (["include-missing.yaml:4:10: include: include file 'orgs/acme.yml' does not exist; did you mean 'orgs/acme.yaml'?"], 1),
    "include-absolute.yaml": (["include-absolute.yaml:4:10: include: include must be a path relative to this file"], 1),
    "include-outside.yaml": (["include-outside.yaml:4:10: include: include '../../../../../etc/hosts.yaml' leads outside the scenarios' folders"], 1),
    "include-not-yaml.yaml": (["include-not-yaml.yaml:4:10: include: include names an org file ending in .yaml or .yml"], 1),
    "include-itself.yaml": (["include-itself.yaml:4:10: include: a scenario cannot include itself"], 1),
    "include-a-scenario.yaml": (["include-a-scenario.yaml:4:10: include: 'orgs/a-scenario.yaml' is a scenario"], 1),
    "include-cycle.yaml": (
        ["include-cycle.yaml:4:10: include: the included org file has 1 problem",
         "orgs/includes-back.yaml:2:1: include: an org file cannot include another file"],
        2,
    ),
    "include-org-with-errors.yaml": (
        ["include-org-with-errors.yaml:4:10: include: the included org file has 2 problems",
         "orgs/broken.yaml:3:37: services.checkout.tier: must be at least 1; found 0",
         "orgs/broken.yaml:7:16: people.dana.team: team 'payment' is not defined; did you mean 'payments'?"],
        3,
    ),
    "multi-structural.yaml": (
        ["multi-structural.yaml:5:3: scenario.dificulty: unknown key 'dificulty'; did you mean 'difficulty'?",
         "multi-structural.yaml:9:11: services.checkout.tier: expected a whole number; found 'first'",
         "multi-structural.yaml:13:39: people.dana.ack_latency: '2 minutes' is not a duration",
         "multi-structural.yaml:19:15: faults[0].fix.action: 'reboot' is not a fix action",
         "multi-structural.yaml:21:15: faults[0].fix.teams[0]: team 'paymnets' is not defined; did you mean 'payments'?"],
        5,
    ),
    "multi-references.yaml": (
        ["multi-references.yaml:7:12: services.web.owner: owning team 'frontend' is not defined",
         "multi-references.yaml:11:18: services.checkout.depends_on.web: dependency cycle checkout -> web -> checkout",
         "multi-references.yaml:11:29: services.checkout.depends_on.search: service 'search' is not defined",
         "multi-references.yaml:13:23: teams.payments.manager: person 'alex' is not defined",
         "multi-references.yaml:15:35: people.dana.skills[0]: service 'checkuot' is not defined; did you mean 'checkout'?",
         "multi-references.yaml:19:14: faults[0].service: faulty service 'wbe' is not defined; did you mean 'web'?",
         "multi-references.yaml:20:13: faults[0].effect: 'broken' is not a health state; expected one of degraded, down",
         "multi-references.yaml:21:50: faults[0].fix.people[0]: person 'lee' is not defined",
         "multi-references.yaml:24:10: alerts[1].id: duplicate alert id 'web-errors' (first at line 23)"],
        9,
    ),
}

# Faults with remedies and growth steps (issue 10, item 3).
EXPECTED.update({
    "remedy-mitigates-without-lasts.yaml": (["remedy-mitigates-without-lasts.yaml:17:9: faults[0].remedies[0]: a remedy that mitigates needs `lasts`"], 1),
    "remedy-lasts-without-mitigation.yaml": (["remedy-lasts-without-mitigation.yaml:17:61: faults[0].remedies[0].lasts: `lasts` only goes with does: mitigates (this remedy worsens)"], 1),
    "remedy-bad-does.yaml": (["remedy-bad-does.yaml:17:51: faults[0].remedies[0].does: 'cures' is not what a remedy does; expected one of fixes, mitigates, worsens"], 1),
    "failover-to-unknown-service.yaml": (["failover-to-unknown-service.yaml:15:51: faults[0].fix.to: alternative service 'bakup' is not defined; did you mean 'backup'?"], 1),
    "to-without-failover.yaml": (["to-without-failover.yaml:15:46: faults[0].fix.to: `to` names where a failover moves traffic; this action is 'restart', not failover"], 1),
    "growth-steps-out-of-order.yaml": (["growth-steps-out-of-order.yaml:17:17: faults[0].grows[1].after: growth steps go in time order: after 10m must come later than the 25m"], 1),
    "bad-injects.yaml": (
        ["bad-injects.yaml:25:13: injects[0].person: person 'dnaa' is not defined; did you mean 'dana'?",
         "bad-injects.yaml:26:5: injects[0].service: a dropout inject takes no 'service'; its keys are id, title, kind, person, says",
         "bad-injects.yaml:27:9: injects[1].id: duplicate inject id 'dana-leaves' (first at line 22)",
         "bad-injects.yaml:31:11: injects[1].fault.id: duplicate fault id 'db-slow' (first at line 14)",
         "bad-injects.yaml:32:16: injects[1].fault.service: faulty service 'checkuot' is not defined; did you mean 'checkout'?",
         "bad-injects.yaml:36:11: injects[2].kind: the scenario has no Head of Sales (stakeholders.head_of_sales), so a sales-push inject names its `person`",
         "bad-injects.yaml:39:11: injects[3].kind: a misleading-report inject needs 'claims'",
         "bad-injects.yaml:44:11: injects[4].kind: 'dropuot' is not an inject kind; expected one of fault, dropout, sales-push, swoop, misleading-report; did you mean 'dropout'?",
         "bad-injects.yaml:48:13: injects[5].person: 'sam' is a stakeholder, not a responder; a dropout inject takes a responder off the incident"],
        9,
    ),
    "growth-to-unknown-state.yaml": (["growth-to-unknown-state.yaml:15:28: faults[0].grows.to: 'up' is not a health state; expected one of degraded, down"], 1),
})

CORPUS_FILES = sorted(p.name for p in CORPUS.glob("*.yaml"))


def test_every_corpus_file_has_expectations():
    assert sorted(EXPECTED) == CORPUS_FILES
    assert len(CORPUS_FILES) >= 32


# Every file goes through the real CLI entry point in a subprocess, isolated from pytest. A fresh
# interpreter per file costs ~0.35 s of pydantic start-up each (20 s for the corpus), so by
# default one subprocess runs `icdrill validate FILE` once per file; SPOT_CHECK files also get a
# process of their own via `python -m tui.cli`, and ICDRILL_CLI_PER_FILE=1 does that for all.
SPOT_CHECK = ["syntax-bad-indentation.yaml", "billion-laughs.yaml", "include-org-with-errors.yaml", "multi-references.yaml"]
PER_FILE = os.environ.get("ICDRILL_CLI_PER_FILE") == "1"

_DRIVER = """
import contextlib, io, json, sys, traceback
from tui.cli import main
results = {}
for path in sys.argv[1:]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(["validate", path])
        except BaseException:
            code = -1
            traceback.print_exc()
    results[path] = [code, out.getvalue(), err.getvalue()]
json.dump(results, sys.__stdout__)
"""


def _python(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, *args], cwd=ROOT, capture_output=True, text=True, timeout=120, env=env)


def _own_process(name: str) -> tuple[int, str, str]:
    run = _python("-m", "tui.cli", "validate", REL + name)
    return run.returncode, run.stdout, run.stderr


@pytest.fixture(scope="session")
def cli_runs() -> dict[str, tuple[int, str, str]]:
    alone = [n for n in CORPUS_FILES if PER_FILE or n in SPOT_CHECK]
    shared = [n for n in CORPUS_FILES if n not in alone]
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        driver = pool.submit(_python, "-c", _DRIVER, *(REL + n for n in shared)) if shared else None
        runs = dict(zip(alone, pool.map(_own_process, alone)))
        if driver is not None:
            done = driver.result()
            assert done.returncode == 0, done.stderr
            runs.update({Path(k).name: tuple(v) for k, v in json.loads(done.stdout).items()})
    return runs


@pytest.mark.parametrize("name", CORPUS_FILES)
def test_cli_rejects_corpus_file(name, cli_runs):
    code, stdout, stderr = cli_runs[name]
    output = stdout + stderr
    assert code == 2, output
    assert "Traceback" not in output
    assert "internal error" not in output
    assert re.search(rf"^{re.escape(REL + name)}:\d+:\d+: ", stdout, re.MULTILINE), output
    for fragment in EXPECTED[name][0]:
        assert fragment in stdout, f"{fragment!r} not in:\n{output}"


@pytest.mark.parametrize("name", [n for n in CORPUS_FILES if EXPECTED[n][1] is not None])
def test_problem_count(name):
    problems = validate_paths([str(CORPUS / name)])
    assert len(problems) == EXPECTED[name][1], "\n".join(p.headline() for p in problems)


def test_folder_validation_covers_the_corpus_and_its_org_files():
    problems = validate_paths([str(CORPUS)])
    files = {Path(p.file).name for p in problems}
    assert set(CORPUS_FILES) <= files
    assert {"broken.yaml", "includes-back.yaml"} <= files  # org files are validated on their own
    assert "acme.yaml" not in files  # a sound org file validates on its own
    assert problems == sorted(problems, key=lambda p: p.sort_key())
