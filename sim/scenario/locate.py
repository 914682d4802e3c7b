"""Where scenarios live: the checkout's scenarios/ folder, or the copy an installed wheel carries."""

from __future__ import annotations

import sys
from pathlib import Path

DEFAULT_SCENARIO = "payments-db-saturation"


def scenario_dir() -> Path:
    checkout = Path(__file__).resolve().parents[2] / "scenarios"
    if checkout.is_dir():
        return checkout
    return Path(sys.prefix) / "share" / "icdrill" / "scenarios"


def resolve(ref: str | None) -> Path:
    """A scenario file from a path, or from a scenario id in the scenarios folder."""
    if ref is None:
        ref = DEFAULT_SCENARIO
    path = Path(ref)
    if path.suffix in (".yaml", ".yml") or path.exists():
        return path
    return scenario_dir() / f"{ref}.yaml"


def available() -> list[str]:
    """Ids of the scenarios in the scenarios folder (org files excluded)."""
    return sorted(p.stem for p in scenario_dir().glob("*.yaml"))
