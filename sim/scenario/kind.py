"""Scenario or org file: the one reading of a file's kind, from its top-level keys.

`icdrill run`, `icdrill validate` and a scenario's include all ask this, so a broken file is
checked as the same kind, and gets the same problems, however it is opened.
"""

from __future__ import annotations

from typing import Any

from sim.scenario.model import Org, Scenario
from sim.scenario.problems import did_you_mean

# Sections only a scenario has. `include` is not one of them: an org file that includes is an
# org file with that one problem, not a scenario missing everything else.
SCENARIO_ONLY = tuple(key for key in Scenario.model_fields if key not in Org.model_fields and key != "include")


def scenario_marker(data: dict[Any, Any]) -> tuple[str, str] | None:
    """The top-level key that makes ``data`` a scenario, as written and as meant; None for an org file.

    A misspelt key counts as the key it is closest to: a file with `senario:` and `fualts:` is a
    scenario with two misspelt keys (and gets a scenario's did-you-mean), not an org file with
    two unknown ones.

    >>> scenario_marker({"senario": {}, "services": {}})
    ('senario', 'scenario')
    >>> scenario_marker({"services": {}, "teams": {}}) is None
    True
    """
    exact = [key for key in data if key in SCENARIO_ONLY]
    if exact:
        return exact[0], exact[0]
    for key in data:
        meant = did_you_mean(key, Scenario.model_fields)
        if meant in SCENARIO_ONLY:
            return key, meant
    return None


def marker_phrase(marker: tuple[str, str]) -> str:
    """``it has `faults:` ``, or ``it has `fualts:`, read as `faults:` `` for a misspelt key."""
    written, meant = marker
    return f"it has `{written}:`" if written == meant else f"it has `{written}:`, read as `{meant}:`"
