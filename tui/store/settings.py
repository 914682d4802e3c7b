"""What the game remembers between runs: the trainee's name and the speed last chosen.

A small JSON file in the data folder (`datadir.settings_path`). Reading never fails: a missing,
unreadable or hand-mangled file gives the defaults, value by value, so a bad speed does not cost
the remembered name. Writing goes through a temporary file renamed over the old one, so a game
killed mid-write leaves the previous settings whole, never half a file.
"""

from __future__ import annotations

import json
import math
import os
import tempfile
from dataclasses import asdict, dataclass

from tui.store.datadir import settings_path

# Set by `icdrill serve` for the games it starts, one per browser: a room shares one data folder,
# so its settings (one person's name and speed) are neither read for the name nor written.
SERVED = "ICDRILL_SERVED"
SPEEDS: tuple[float, ...] = (1.0, 2.0, 5.0, 10.0, 30.0)  # the clock's steps, in the picker and in play
MAX_NAME = 100


def name_problem(value: str) -> str | None:
    """Why `value` cannot be a trainee's name (it names rows of the history), or None.

    `icdrill --trainee` and the name screen both check with this."""
    if not value.strip():
        return "must not be empty"
    if len(value) > MAX_NAME:
        return f"must be at most {MAX_NAME} characters long"
    if not value.isprintable():
        return "must be printable text, without control characters or line breaks"
    return None


def served() -> bool:
    """Whether this game is one browser's session of `icdrill serve` (the environment says so)."""
    return bool(os.environ.get(SERVED))


@dataclass(frozen=True)
class Settings:
    trainee: str | None = None  # None until the trainee has told the game their name
    speed: float = 1.0


def load_settings() -> Settings:
    try:
        data = json.loads(settings_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return Settings()
    if not isinstance(data, dict):
        return Settings()
    trainee = data.get("trainee")
    if not isinstance(trainee, str) or name_problem(trainee) is not None:
        trainee = None
    speed = data.get("speed")
    if not (isinstance(speed, (int, float)) and not isinstance(speed, bool) and math.isfinite(speed) and speed in SPEEDS):
        speed = Settings.speed
    return Settings(trainee=trainee, speed=float(speed))


def save_settings(settings: Settings) -> None:
    """Write the settings atomically; raises OSError when the data folder cannot be written."""
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".settings-", suffix=".json", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            json.dump(asdict(settings), file, indent=2)
            file.write("\n")
        os.replace(temporary, path)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise
