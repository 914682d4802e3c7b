"""Hostile includes: symlinks out of the scenario's folder, files that are not org files.

A scenario from another team names its org file with `include:`. Whatever symlinks say, the file
must really lie in the scenario's folder tree, be a regular file and read as an org file, and
until it does nothing of it is printed: `ln -s /proc/self/environ orgs/x.yaml` once printed the
environment inside a YAML error.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from .harness import ROOT, Result, assert_no_control_bytes, icdrill

SECRET = "hunter2-do-not-print-me"


@pytest.fixture
def tree(tmp_path) -> Path:
    """tmp/team/scenarios/drill.yaml including orgs/x.yaml, and a secret beside team/, out of its reach."""
    scenarios = tmp_path / "team" / "scenarios"
    (scenarios / "orgs").mkdir(parents=True)
    shutil.copy(ROOT / "scenarios" / "orgs" / "acme.yaml", scenarios / "orgs" / "acme.yaml")
    text = (ROOT / "scenarios" / "payments-db-saturation.yaml").read_text()
    (scenarios / "drill.yaml").write_text(text.replace("include: orgs/acme.yaml", "include: orgs/x.yaml"))
    (tmp_path / "secret.yaml").write_text(f"password: {SECRET}\nservices: {{}}\n")
    (tmp_path / "secret.env").write_text(f"TOKEN={SECRET}\n")
    return scenarios


def check_refused(result: Result, says: str) -> None:
    """Exit 2, the include line named with the reason, not a byte of the secret, no traceback."""
    assert result.code == 2, result.err
    assert "Traceback" not in result.out + result.err
    assert SECRET not in result.out + result.err
    assert_no_control_bytes(result)
    headlines = [line for line in (result.out + result.err).splitlines() if ": include: " in line]
    assert len(headlines) == 1 and says in headlines[0], result.out + result.err


def test_a_symlink_to_the_environment_is_refused_without_quoting_it(tree, tmp_path, monkeypatch):
    monkeypatch.setenv("ICDRILL_TEST_SECRET", SECRET)  # the child's /proc/self/environ holds it
    (tree / "orgs" / "x.yaml").symlink_to("/proc/self/environ")
    for command in ("validate", "run"):
        result = icdrill(command, str(tree / "drill.yaml"), data_dir=tmp_path)
        check_refused(result, "is a symlink to a file outside the scenarios' folders")


def test_a_relative_symlink_climbing_out_of_the_tree_is_refused(tree, tmp_path):
    (tree / "orgs" / "x.yaml").symlink_to(Path("..", "..", "..", "secret.yaml"))
    result = icdrill("validate", str(tree / "drill.yaml"), data_dir=tmp_path)
    check_refused(result, "is a symlink to a file outside the scenarios' folders")


def test_a_symlinked_folder_leading_out_of_the_tree_is_refused(tree, tmp_path):
    shutil.rmtree(tree / "orgs")
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "x.yaml").write_text(f"services: {{}}\nkey: {SECRET}\n")
    (tree / "orgs").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    result = icdrill("validate", str(tree / "drill.yaml"), data_dir=tmp_path)
    check_refused(result, "is a symlink to a file outside the scenarios' folders")


def test_a_file_in_the_tree_that_is_not_yaml_is_refused_without_quoting_it(tree, tmp_path):
    shutil.copy(tmp_path / "secret.env", tree / "orgs" / "x.yaml")
    result = icdrill("validate", str(tree / "drill.yaml"), data_dir=tmp_path)
    check_refused(result, "include 'orgs/x.yaml' cannot be read as an org file (a problem at line 1, column 1)")


def test_yaml_in_the_tree_that_is_not_an_org_file_is_refused_without_quoting_it(tree, tmp_path):
    (tree / "orgs" / "x.yaml").write_text(f"password: {SECRET}\nuser: root\n")
    result = icdrill("validate", str(tree / "drill.yaml"), data_dir=tmp_path)
    check_refused(result, "'orgs/x.yaml' is not an org file: it has none of the sections services, teams")


def test_a_pipe_named_like_an_org_file_is_refused_without_waiting_on_it(tree, tmp_path):
    os.mkfifo(tree / "orgs" / "x.yaml")
    result = icdrill("validate", str(tree / "drill.yaml"), data_dir=tmp_path, timeout=60)
    check_refused(result, "include 'orgs/x.yaml' is not a regular file")


def test_a_symlink_loop_is_refused(tree, tmp_path):
    (tree / "orgs" / "x.yaml").symlink_to("x.yaml")
    result = icdrill("validate", str(tree / "drill.yaml"), data_dir=tmp_path)
    check_refused(result, "include 'orgs/x.yaml' cannot be followed: Too many levels of symbolic links")


def test_symlinks_that_stay_in_the_tree_are_followed(tree, tmp_path):
    (tree / "orgs" / "x.yaml").symlink_to("acme.yaml")
    linked = tmp_path / "linked"
    linked.symlink_to(tree, target_is_directory=True)  # the scenario reached through a symlinked folder
    for scenario in (tree / "drill.yaml", linked / "drill.yaml"):
        result = icdrill("validate", str(scenario), data_dir=tmp_path)
        assert result.code == 0 and result.out == "ok: 1 file\n", result.out + result.err
