"""Where icdrill keeps what a trainee leaves behind: the recordings folder and the history file.

One place decides the paths, so the game, `icdrill run` and `icdrill history` always agree. The
user's data folder (`platformdirs.user_data_dir("icdrill")`), or the folder named by the
environment variable ICDRILL_DATA_DIR, which tests set so that they never touch the real home.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

ENV = "ICDRILL_DATA_DIR"


def data_dir() -> Path:
    override = os.environ.get(ENV)
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_data_dir("icdrill", appauthor=False))


def recordings_dir() -> Path:
    return data_dir() / "recordings"


def history_path() -> Path:
    return data_dir() / "history.sqlite"


def settings_path() -> Path:
    """The trainee's name and chosen speed (`tui.store.settings`)."""
    return data_dir() / "settings.json"


def recording_candidates(scenario_id: str, seed: int, folder: Path | None = None):
    """Free paths `<scenario>-<seed>-<n>.jsonl`, n counting on from the highest already there.

    The caller creates the file exclusively and takes the next candidate if another session got
    there first.
    """
    folder = folder or recordings_dir()
    pattern = re.compile(rf"^{re.escape(scenario_id)}-{seed}-(\d+)\.jsonl$")
    taken = [int(m[1]) for p in folder.glob("*.jsonl") if (m := pattern.match(p.name))] if folder.is_dir() else []
    n = max(taken, default=0) + 1
    while True:
        yield folder / f"{scenario_id}-{seed}-{n}.jsonl"
        n += 1


def start_recording(header: dict, scenario_id: str, seed: int):
    """A Recorder on a new file in the recordings folder (created if need be)."""
    from sim.log.recording import Recorder

    folder = recordings_dir()
    folder.mkdir(parents=True, exist_ok=True)
    for path in recording_candidates(scenario_id, seed, folder):
        try:
            return Recorder(path, header)
        except FileExistsError:
            continue
    raise AssertionError("unreachable")  # the candidates never run out
