"""`icdrill new` (issue 12): the skeleton it writes validates, and the expert bot resolves it, on
its own and on each shipped org; it never overwrites and refuses what cannot become a scenario."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from sim.play.drill import play
from sim.scenario import load_scenario
from sim.scenario.loader import check_file

ROOT = Path(__file__).resolve().parents[2]


def icdrill(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env_path = str(ROOT)
    return subprocess.run([sys.executable, "-c", "import sys; sys.path.insert(0, sys.argv.pop(1)); from tui.cli import main; sys.exit(main())",
                           env_path, *args], capture_output=True, text=True, cwd=cwd, timeout=120)


def assert_plays(path: Path) -> None:
    checked = check_file(path, str(path))
    assert checked.problems == [] and checked.warnings == []
    first = path.read_text().splitlines()[0]
    assert first.startswith("# yaml-language-server: $schema=") and (path.parent / first.split("=", 1)[1]).resolve().exists()
    drill = play(load_scenario(path), 0, "expert")
    assert drill.view.phase == "resolved"


def test_a_skeleton_of_its_own_validates_and_the_expert_resolves_it(tmp_path):
    done = icdrill("new", "my-drill", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert_plays(tmp_path / "my-drill.yaml")


@pytest.mark.parametrize("org", ["acme", "kestrel"])
def test_a_skeleton_on_an_org_goes_beside_its_folder_validates_and_plays(tmp_path, org):
    (tmp_path / "orgs").mkdir()
    shutil.copy(ROOT / "scenarios" / "orgs" / f"{org}.yaml", tmp_path / "orgs")
    done = icdrill("new", "drill", "--org", f"orgs/{org}.yaml", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    written = tmp_path / "drill.yaml"  # the folder above orgs/, where its include is allowed
    assert "include: orgs/" in written.read_text()
    assert_plays(written)


def test_new_refuses_what_it_cannot_write_and_keeps_what_exists(tmp_path):
    (tmp_path / "taken.yaml").write_text("keep me")
    refusals = {
        ("new", "taken"): "already exists",
        ("new", "Bad_Name"): "cannot be a scenario id",  # the parser refuses it before any work
        ("new", "x", "--org", str(ROOT / "scenarios" / "payments-db-saturation.yaml")): "not an org file",
        ("new", "far", "--org", str(ROOT / "scenarios" / "orgs" / "acme.yaml"), "--out", "far.yaml"): "would not validate",
    }
    for args, reason in refusals.items():
        done = icdrill(*args, cwd=tmp_path)
        assert done.returncode == 2 and reason in done.stderr and "Traceback" not in done.stderr, (args, done.stderr)
    assert (tmp_path / "taken.yaml").read_text() == "keep me"
    assert not (tmp_path / "far.yaml").exists() and not (tmp_path / "x.yaml").exists()
