"""The scenario argument of play, run and bench: an id or a file, loaded, or one line on stderr."""

from __future__ import annotations

import sys

from sim.scenario import locate as catalog


def load(ref: str | None, level: str | None = None):
    """The loaded scenario (the default one for None), at ``level`` when one is named (`--level`),
    or None after printing why it cannot be loaded (an unknown level: with the scenario's levels)."""
    from sim.scenario import ScenarioError, load_scenario

    try:
        path = catalog.resolve(ref)
        exists = path.exists()
    except OSError as err:  # a folder on the way that cannot be searched
        print(f"icdrill: cannot read the scenario '{ref}': {err.strerror or err}", file=sys.stderr)
        return None
    if not exists:
        known = ", ".join(catalog.available()) or "none found"
        print(f"icdrill: no scenario file '{path}' (scenarios: {known})", file=sys.stderr)
        return None
    try:
        loaded = load_scenario(path)
    except ScenarioError as err:
        print(err, file=sys.stderr)
        return None
    if level is not None:
        from sim.scenario.levels import UnknownLevel, at_level

        try:
            loaded = at_level(loaded, level)
        except UnknownLevel as err:
            print(f"icdrill: {err}", file=sys.stderr)
            return None
    for warning in loaded.warnings:  # the drill plays as written; the author hears what it does
        print(warning.format(), file=sys.stderr)
    return loaded
