"""The world as a scenario author writes it, and the rules every layer above plays by.

Scenario files: the format (model.py), and loading them safely with precise errors: the loader
reads YAML without ever running code or exhausting memory (yamlsafe.py), merges an included org
file (sources.py: an entry named like an org entry overrides it key by key), validates against
the model (structure.py) and checks what the model cannot express (checks.py), and warns of an
override that leaves an org team without its primary on-call or empty (rota.py); every problem
and warning is positioned at file:line:col (problems.py). Beside them: the
public catalog (public.py), the service graph (graph.py), the severity ladder and update cadence
(policy.py), the IC's command language (commands.py) and where scenario files live (locate.py).
"""

from sim.lazy import lazy_exports

# Imported when first asked for (PEP 562): `sim.scenario.locate` or `yamlsafe` alone (the game's
# picker reads them before its first frame) does not pay for the model and the loader.
_MODULES = {
    "LoadedScenario": "loader",
    "load_scenario": "loader",
    "Problem": "problems",
    "ScenarioError": "problems",
    "print_problems": "validate",
    "validate_paths": "validate",
}

__all__ = ["LoadedScenario", "Problem", "ScenarioError", "load_scenario", "print_problems", "validate_paths"]


__getattr__ = lazy_exports(__name__, _MODULES)
