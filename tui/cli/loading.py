"""The scenario argument of play, run and bench: an id or a file, loaded, or one line on stderr."""

from __future__ import annotations

import sys

from sim.scenario import locate as catalog


def load(ref: str | None):
    """The loaded scenario (the default one for None), or None after printing why it cannot be loaded."""
    from sim.scenario import ScenarioError, load_scenario

    path = catalog.resolve(ref)
    if not path.exists():
        known = ", ".join(catalog.available()) or "none found"
        print(f"icdrill: no scenario file '{path}' (scenarios: {known})", file=sys.stderr)
        return None
    try:
        return load_scenario(path)
    except ScenarioError as err:
        print(err, file=sys.stderr)
        return None
