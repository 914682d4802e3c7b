"""Which files a session was played from, hashed one by one, and which of them changed since.

A scenario's content hash (`sim.scenario.loader`) covers the scenario file and the org file it
includes together: a recording names exactly what it was made with, but that one hash cannot say
*which* file changed. So a recording's header also carries each file's own hash (`source_files`),
and a replay refused for a changed scenario names the file that changed (`what_changed`): an edit
to a shared org file is reported as such, not as an edit to every scenario that includes it.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sim.scenario import LoadedScenario


def _org_path(loaded: LoadedScenario) -> Path | None:
    """The org file the scenario includes, as the loader finds it (relative to the scenario)."""
    include = loaded.scenario.include
    if not include:
        return None
    return Path(os.path.normpath(loaded.path.absolute().parent / include.strip()))


def source_files(loaded: LoadedScenario) -> dict[str, str]:
    """The hashes of the scenario file and of its org file, for a recording's header.

    Empty when the files cannot be read, or no longer add up to the content hash the scenario
    was loaded with (changed since): better no hashes than hashes of other files.
    """
    try:
        scenario = loaded.path.read_bytes()
        org_path = _org_path(loaded)
        org = org_path.read_bytes() if org_path is not None else None
    except OSError:
        return {}
    whole = hashlib.sha256(scenario)
    found = {"scenario_file_hash": hashlib.sha256(scenario).hexdigest()}
    if org is not None:
        whole.update(org)
        found |= {"org_path": str(org_path), "org_hash": hashlib.sha256(org).hexdigest()}
    return found if whole.hexdigest() == loaded.content_hash else {}


def what_changed(path: Path, loaded: LoadedScenario, header: dict[str, Any]) -> str:
    """Why ``loaded`` (found at ``path``) is not the scenario the recording of ``header`` was made with."""
    now = source_files(loaded)
    org = _org_path(loaded)
    if not now or not header.get("scenario_file_hash"):
        # A recording without the files' own hashes: either file may be the one that changed.
        if org is not None:
            return f"{path} or the org file it includes ({org}) has changed since the recording"
        return f"{path} has changed since the recording"
    scenario_changed = now["scenario_file_hash"] != header["scenario_file_hash"]
    org_changed = now.get("org_hash") != header.get("org_hash")
    if not scenario_changed and org is not None:
        return f"the org file {org} that {path} includes has changed since the recording"
    if org_changed and org is not None and header.get("org_hash"):
        return f"{path} has changed since the recording, and so has the org file it includes ({org})"
    return f"{path} has changed since the recording"
