import atexit
import os
import shutil
import tempfile
from pathlib import Path

import pytest

from sim.scenario import load_scenario

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
STARTERS = sorted((ROOT / "scenarios").glob("*.yaml"))

# `icdrill run` and `play` record every session and add it to the progress history in the user's
# data folder; in tests (and in the subprocesses they start) that folder is a temporary one.
os.environ["ICDRILL_DATA_DIR"] = tempfile.mkdtemp(prefix="icdrill-test-data-")
atexit.register(shutil.rmtree, os.environ["ICDRILL_DATA_DIR"], True)


@pytest.fixture(scope="session")
def tiny():
    return load_scenario(FIXTURES / "tiny.yaml")


@pytest.fixture(scope="session", params=[p.stem for p in STARTERS])
def starter(request):
    return load_scenario(ROOT / "scenarios" / f"{request.param}.yaml")
