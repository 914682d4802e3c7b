"""The results file of `icdrill balance --out FILE`: one JSON line per finished run, and resuming from it.

A line is the run's row with the scenario's content hash in front (`scenario_hash`; for a scenario
played at a difficulty level, a hash of the content hash and the level, `Source.run_hash`), written and
flushed as its chunk finishes, so a run killed halfway keeps what it finished. A rerun with the
same file plays only the runs whose (content hash, seed, bot) is not there yet: an edited scenario
has a new hash and is played again; lines of other scenarios stay in the file, unused.

A line counts once its newline is written. A last line without one is what a killed run leaves
behind: it is dropped (cut off the file) and its run played again. Anything else that is not a
result line is damage, and the file is refused rather than guessed at.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TextIO

from sim.balance.jobs import Job

ROW_KEYS = (
    "scenario", "seed", "bot", "resolved", "overall", "dimensions",
    "customer_impact_minutes", "time_to_mitigate", "events", "drama_fired",
)
Key = tuple[str, int, str]


class ResultsError(ValueError):
    """The results file cannot be resumed from; the message names the file and line."""


def read_results(path: str | Path) -> tuple[dict[Key, dict], int]:
    """The rows already in ``path`` by (content hash, seed, bot), and the length in bytes of its
    complete lines (the rest is a line a killed run left unfinished). A missing file has none."""
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        return {}, 0
    except OSError as err:
        raise ResultsError(f"cannot read {path}: {err.strerror or err}") from None
    end = data.rfind(b"\n") + 1
    rows: dict[Key, dict] = {}
    for number, line in enumerate(data[:end].splitlines(), 1):
        key, row = _parse(line)
        if key is None:
            raise ResultsError(f"{path}:{number} is not a line of balance results; name another --out file")
        rows[key] = row
    return rows, end


def _parse(line: bytes) -> tuple[Key | None, dict]:
    try:
        found = json.loads(line)
    except (ValueError, RecursionError):
        return None, {}
    if not isinstance(found, dict) or set(found) != {"scenario_hash", *ROW_KEYS}:
        return None, {}
    digest, seed, bot = found.pop("scenario_hash"), found["seed"], found["bot"]
    if not (isinstance(digest, str) and type(seed) is int and isinstance(bot, str)):
        return None, {}
    return (digest, seed, bot), {k: found[k] for k in ROW_KEYS}


class ResultsWriter:
    """Appends result lines to the file, after cutting off an unfinished last line."""

    def __init__(self, path: str | Path, complete: int) -> None:
        if os.path.exists(path):
            os.truncate(path, complete)
        self._file: TextIO = open(path, "a", encoding="utf-8", newline="\n")

    def write(self, job: Job, row: dict) -> None:
        self._file.write(json.dumps({"scenario_hash": job.source.run_hash, **row}) + "\n")
        self._file.flush()

    def close(self) -> None:
        self._file.close()
