"""sim/ is headless: importing any of its modules must not load textual or rich.

One subprocess imports every module, one at a time with a clean slate of UI modules, so a module
that drags textual in is named, at the cost of one interpreter start instead of one per module.
"""

import json
import pkgutil
import subprocess
import sys
from pathlib import Path

import sim

ROOT = Path(__file__).resolve().parents[2]
MODULES = ["sim"] + sorted(m.name for m in pkgutil.walk_packages(sim.__path__, "sim."))

# Each module is imported in a fresh process state as far as UI libraries go: any textual or rich
# module it (or anything it imports) loads is reported against it.
PROBE = """
import importlib, json, sys
found = {}
for name in json.loads(sys.argv[1]):
    before = set(sys.modules)
    importlib.import_module(name)
    bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))
    if bad:
        found[name] = bad
        for m in bad:
            del sys.modules[m]
print(json.dumps(found))
"""


def test_every_sim_module_is_listed():
    assert {"sim.engine.engine", "sim.scenario.model", "sim.reading.view", "sim.play.bots.expert"} <= set(MODULES)


def test_no_sim_module_imports_ui_libraries():
    result = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(MODULES)], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert json.loads(result.stdout) == {}


def test_the_probe_would_catch_a_ui_import(tmp_path):
    """The probe itself: a module that imports textual is reported."""
    (tmp_path / "leaky.py").write_text("import textual\n")
    result = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(["json", "leaky"])],
        cwd=tmp_path, capture_output=True, text=True, check=True,
    )
    assert list(json.loads(result.stdout)) == ["leaky"]
