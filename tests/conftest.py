from pathlib import Path

import pytest

from sim.scenario import load_scenario

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
STARTERS = sorted((ROOT / "scenarios").glob("*.yaml"))


@pytest.fixture(scope="session")
def tiny():
    return load_scenario(FIXTURES / "tiny.yaml")


@pytest.fixture(scope="session", params=[p.stem for p in STARTERS])
def starter(request):
    return load_scenario(ROOT / "scenarios" / f"{request.param}.yaml")
