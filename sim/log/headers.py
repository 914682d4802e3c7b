"""Whether a recording's header, read from outside, holds what the commands that read it rely on.

A header is the log header (`sim.log.eventlog.header`: scenario, content hash, seed, the level
when one was chosen, versions)
and, for a recording, the scenario file, the hashes of the files it was made from, how the IC was
driven and who played (`sim.log.recording.recording_header`). Each field is checked for its type
and range here, once, so that no later reader meets a path that is a number or a seed that no
engine takes.

>>> header_problem({"scenario": "tiny", "scenario_hash": "ab", "seed": -5})
"no valid 'seed': must be a whole number from 0 to 9223372036854775807"
>>> header_problem({"scenario": "tiny", "scenario_hash": "ab", "seed": 0, "scenario_path": 5})
"no valid 'scenario_path': must be a file path, not 5"
>>> header_problem({"scenario": "tiny", "scenario_hash": "ab", "seed": 0, "trainee": None}) is None
True
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from sim.log.limits import seed_problem

RECORDING_FORMAT = 1
# The form of a scenario id (`sim.scenario.model.Name`): a recording names its scenario by it.
_SCENARIO_ID = re.compile(r"[a-z][a-z0-9-]{0,63}")
_HASH = re.compile(r"[0-9a-zA-Z]{1,128}")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def _text(limit: int) -> Callable[[Any], str | None]:
    def check(value: Any) -> str | None:
        if not isinstance(value, str) or not value or len(value) > limit:
            return f"must be text of 1 to {limit} characters, not {_short(value)}"
        return None

    return check


def _path(value: Any) -> str | None:
    """A path the commands may open and name: no NUL (no file has one), no control character."""
    if not isinstance(value, str) or not value or len(value) > 4096 or _CONTROL.search(value):
        return f"must be a file path, not {_short(value)}"
    return None


def _scenario(value: Any) -> str | None:
    if not isinstance(value, str) or not _SCENARIO_ID.fullmatch(value):
        return f"must be a scenario id (lower-case letters, digits and dashes), not {_short(value)}"
    return None


def _level(value: Any) -> str | None:
    # A level's id has the form of a scenario id (both are `sim.scenario.model.Name`).
    if not isinstance(value, str) or not _SCENARIO_ID.fullmatch(value):
        return f"must be a level id (lower-case letters, digits and dashes), not {_short(value)}"
    return None


def _hash(value: Any) -> str | None:
    if not isinstance(value, str) or not _HASH.fullmatch(value):
        return f"must be a content hash (letters and digits), not {_short(value)}"
    return None


def _format(value: Any) -> str | None:
    if type(value) is not int or value != RECORDING_FORMAT:
        return f"this version reads recording format {RECORDING_FORMAT}, not {_short(value)}"
    return None


def _versions(value: Any) -> str | None:
    if not isinstance(value, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
        return f"must map package names to versions, not {_short(value)}"
    return None


def _seed(value: Any) -> str | None:
    return seed_problem(value)


# key -> (required, check). Optional keys may also be null.
FIELDS: dict[str, tuple[bool, Callable[[Any], str | None]]] = {
    "scenario": (True, _scenario),
    "scenario_hash": (True, _hash),
    "seed": (True, _seed),
    "versions": (False, _versions),
    "recording": (False, _format),
    "scenario_path": (False, _path),
    "scenario_file_hash": (False, _hash),
    "org_path": (False, _path),
    "org_hash": (False, _hash),
    "driver": (False, _text(4096)),
    "trainee": (False, _text(4096)),
    # The game day the session was played in (`icdrill play --cohort`); absent when none was named.
    "cohort": (False, _text(4096)),
    "level": (False, _level),  # the difficulty level played (`sim.scenario.levels`); absent: as written
}


def header_problem(header: dict[str, Any]) -> str | None:
    """None when every field is usable, else what the first one that is not lacks."""
    for key, (required, check) in FIELDS.items():
        value = header.get(key)
        if value is None and not required:
            continue
        why = check(value)
        if why is not None:
            return f"no valid '{key}': {why}"
    return None


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."
