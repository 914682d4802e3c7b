"""Calibration of the scripted ICs over 20 seeds on every starter scenario."""

import statistics

from sim.play.drill import play
from sim.reading.outcome import outcome

SEEDS = range(20)


def outcomes(loaded, bot):
    return [outcome(play(loaded, seed, bot).log.entries) for seed in SEEDS]


def test_expert_always_resolves_idle_never_and_impact_orders_expert_novice_idle(starter):
    expert, novice, idle = (outcomes(starter, bot) for bot in ("expert", "novice", "idle"))
    assert all(o.resolved for o in expert), [o.ended_by for o in expert]
    assert not any(o.resolved for o in idle)
    mean = {name: statistics.mean(o.customer_impact_minutes for o in runs) for name, runs in
            (("expert", expert), ("novice", novice), ("idle", idle))}
    assert mean["expert"] < mean["novice"] < mean["idle"], mean


def test_bots_see_only_the_view():
    """No bot module may import the engine, the world, or the hidden events."""
    import ast
    from pathlib import Path

    import sim.play.bots

    for path in Path(sim.play.bots.__file__).parent.glob("*.py"):
        tree = ast.parse(path.read_text())
        imported = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
        imported |= {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
        assert not {m for m in imported if m and m.startswith(("sim.engine", "sim.play.drill"))}, path
