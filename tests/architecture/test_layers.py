"""The layers of the tree, read from the imports themselves (ast, not a linter config).

Bottom to top: the log (the truth), the scenario (format, catalog, graph, policy, command
language), the readers of the log, the engine (the only writer), what drives an engine, balancing
(many drives, on a pool or a cluster), and the front end. A module may import its own layer and
the ones below, never one above; and the folders import each other without a circle.
"""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx

ROOT = Path(__file__).resolve().parents[2]
LAYERS = ["sim.lazy", "sim.log", "sim.scenario", "sim.reading", "sim.engine", "sim.play", "sim.balance", "tui.store", "tui"]  # sim.lazy: a package helper under all


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def package_of(path: Path) -> str:
    return ".".join(path.relative_to(ROOT).parent.parts)


def imports(path: Path) -> set[str]:
    """Every sim/tui module a file imports, at the top, inside functions or under TYPE_CHECKING."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{a.name}" for a in node.names)
    return {m for m in found if m.split(".")[0] in ("sim", "tui")}


def layer(module: str) -> int | None:
    matches = [i for i, name in enumerate(LAYERS) if module == name or module.startswith(name + ".")]
    return max(matches) if matches else None


def sources() -> list[Path]:
    return sorted(p for top in ("sim", "tui") for p in (ROOT / top).rglob("*.py"))


def known(module: str) -> bool:
    path = ROOT / module.replace(".", "/")
    return path.with_suffix(".py").exists() or (path / "__init__.py").exists()


def test_every_module_belongs_to_a_layer():
    orphans = [module_name(p) for p in sources() if layer(module_name(p)) is None and module_name(p) not in ("sim",)]
    assert orphans == []


def test_no_module_imports_a_higher_layer():
    upward = []
    for path in sources():
        own = layer(module_name(path))
        for target in sorted(imports(path)):
            if known(target) and own is not None and (layer(target) or 0) > own:
                upward.append(f"{module_name(path)} imports {target}")
    assert upward == []


def test_no_import_circle_between_folders():
    graph = nx.DiGraph()
    for path in sources():
        here = package_of(path)
        for target in imports(path):
            if not known(target):
                continue
            target_path = ROOT / target.replace(".", "/")
            there = target.rsplit(".", 1)[0] if target_path.with_suffix(".py").exists() else target
            if there != here and not here.startswith(there + ".") :
                graph.add_edge(here, there)
    assert list(nx.simple_cycles(graph)) == []


def test_the_checks_see_an_upward_import(tmp_path):
    """The reader itself: a reader importing the engine is found."""
    bad = tmp_path / "x.py"
    bad.write_text("from sim.engine import Engine\nif True:\n    import sim.play.drill\n")
    assert {"sim.engine", "sim.engine.Engine", "sim.play.drill"} <= imports(bad)
    assert layer("sim.reading.view") < layer("sim.engine.engine") < layer("sim.play.drill") < layer("tui.app")
