"""Hostile folders for `icdrill validate DIR`: a thousand levels deep, and files it cannot check.

The walk has no depth limit (rglob raised RecursionError at about a thousand levels) and skips
nothing silently: a *.yaml it cannot check is a problem (exit 2), a folder symlink it does not
follow is a note.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from .harness import ROOT, Result, assert_no_control_bytes, icdrill

SCENARIO = ROOT / "scenarios" / "payments-db-saturation.yaml"
ORG = ROOT / "scenarios" / "orgs" / "acme.yaml"  # the org file SCENARIO includes
SECRET = "hunter2-do-not-print-me"


@pytest.fixture
def folder(tmp_path) -> Path:
    """A folder holding one good scenario and its org file."""
    root = tmp_path / "scenarios"
    root.mkdir()
    shutil.copy(SCENARIO, root)
    (root / "orgs").mkdir()
    shutil.copy(ORG, root / "orgs")  # its own org file only: the library has others
    return root


@pytest.fixture
def deep(tmp_path):
    """Makes a folder chain DEPTH levels deep under tmp_path; removes it with rm -rf (rmtree recurses)."""

    def make(depth: int) -> Path:
        fd = os.open(tmp_path, os.O_RDONLY)
        for _ in range(depth):  # by file descriptor: the whole path may be longer than PATH_MAX
            os.mkdir("d", dir_fd=fd)
            fd, old = os.open("d", os.O_RDONLY, dir_fd=fd), fd
            os.close(old)
        os.close(fd)
        return tmp_path / "d"

    yield make
    subprocess.run(["rm", "-rf", str(tmp_path / "d")], check=True, timeout=60)


def check(result: Result, code: int, says: str) -> None:
    assert result.code == code, result.out + result.err
    assert "Traceback" not in result.out + result.err
    assert_no_control_bytes(result)
    assert says in result.out + result.err, result.out + result.err


def test_a_tree_a_thousand_folders_deep_is_walked(deep, tmp_path):
    top = deep(1000)
    bottom = top / Path(*["d"] * 999)
    shutil.copy(SCENARIO, bottom)
    (bottom / "orgs").mkdir()
    shutil.copy(ORG, bottom / "orgs")
    result = icdrill("validate", str(top), data_dir=tmp_path)
    check(result, 0, "ok: 2 files")


def test_a_folder_too_deep_to_name_is_a_problem_not_a_crash(deep, tmp_path):
    top = deep(2100)  # 4,200 characters of path: more than PATH_MAX
    result = icdrill("validate", str(top), data_dir=tmp_path)
    check(result, 2, "skipped: cannot list this folder: File name too long")


def test_a_dangling_symlink_named_yaml_is_reported(folder, tmp_path):
    (folder / "gone.yaml").symlink_to("nowhere.yaml")
    result = icdrill("validate", str(folder), data_dir=tmp_path)
    check(result, 2, f"{folder}/gone.yaml:1:1: <root>: skipped: a dangling symlink: its target does not exist")
    assert result.err.endswith("1 problem found checking 2 files\n")


def test_a_pipe_named_yaml_is_reported_without_waiting_on_it(folder, tmp_path):
    os.mkfifo(folder / "pipe.yaml")
    result = icdrill("validate", str(folder), data_dir=tmp_path, timeout=60)
    check(result, 2, f"{folder}/pipe.yaml:1:1: <root>: skipped: this is a pipe, not a regular file")


def test_a_symlink_loop_named_yaml_is_reported(folder, tmp_path):
    (folder / "a.yaml").symlink_to("b.yaml")
    (folder / "b.yaml").symlink_to("a.yaml")
    result = icdrill("validate", str(folder), data_dir=tmp_path)
    check(result, 2, f"{folder}/a.yaml:1:1: <root>: skipped: a symlink loop")
    check(result, 2, f"{folder}/b.yaml:1:1: <root>: skipped: a symlink loop")


def test_a_symlink_out_of_the_folder_is_reported_and_not_read(folder, tmp_path, monkeypatch):
    monkeypatch.setenv("ICDRILL_TEST_SECRET", SECRET)
    (folder / "orgs" / "env.yaml").symlink_to("/proc/self/environ")
    result = icdrill("validate", str(folder), data_dir=tmp_path)
    check(result, 2, f"{folder}/orgs/env.yaml:1:1: <root>: skipped: a symlink to a file outside {folder}")
    assert SECRET not in result.out + result.err


def test_folder_symlinks_are_not_followed_and_a_note_says_why(folder, tmp_path):
    (folder / "self").symlink_to(".", target_is_directory=True)
    (folder / "orgs-again").symlink_to("orgs", target_is_directory=True)
    (folder / "etc").symlink_to("/etc", target_is_directory=True)
    result = icdrill("validate", str(folder), data_dir=tmp_path)
    check(result, 0, "ok: 2 files")
    assert result.err.splitlines() == [
        f"note: {folder}/etc: not walked: a symlink to a folder outside {folder}",
        f"note: {folder}/orgs-again: not walked: a symlink to orgs in {folder}, which is walked where it is",
        f"note: {folder}/self: not walked: a symlink loop: it leads back to a folder that holds it",
    ]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file")
def test_an_unreadable_file_is_reported(folder, tmp_path):
    (folder / "locked.yaml").write_text("scenario: {}\n")
    (folder / "locked.yaml").chmod(0)
    result = icdrill("validate", str(folder), data_dir=tmp_path)
    check(result, 2, f"{folder}/locked.yaml:1:1: <root>: cannot read the file: Permission denied")


def test_a_named_path_that_is_a_symlink_loop_is_one_problem(tmp_path):
    (tmp_path / "loop").symlink_to("loop")
    result = icdrill("validate", str(tmp_path / "loop"), data_dir=tmp_path)
    check(result, 2, f"{tmp_path}/loop:1:1: <root>: cannot read this: Too many levels of symbolic links")
