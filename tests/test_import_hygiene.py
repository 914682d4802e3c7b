"""sim/ is headless: importing any of its modules must not load textual or rich."""

import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import sim

ROOT = Path(__file__).resolve().parent.parent
MODULES = ["sim"] + sorted(m.name for m in pkgutil.walk_packages(sim.__path__, "sim."))


def test_every_sim_module_is_listed():
    assert {"sim.engine.engine", "sim.scenario.model", "sim.reading.view", "sim.play.bots.expert"} <= set(MODULES)


@pytest.mark.parametrize("module", MODULES)
def test_module_imports_without_ui_libraries(module):
    code = (
        f"import sys, {module}\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""
