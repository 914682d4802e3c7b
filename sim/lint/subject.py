"""What a lint rule looks at: one file that validates, as the loader checked it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sim.scenario.checks import Where
from sim.scenario.model import Org, Scenario


@dataclass(frozen=True)
class Subject:
    """``model`` is an Org for an org file, a Scenario (merged with its org) for a scenario;
    ``data`` the raw data it was validated from, ``where`` where each part of it is written,
    ``org_data`` the included org file's own data (None without an include), ``content_hash``
    the loader's hash of the file (and of its org file)."""

    path: str
    model: Org | Scenario
    data: dict[str, Any]
    where: Where
    org_data: dict[str, Any] | None = None
    content_hash: str = ""

    @property
    def scenario(self) -> Scenario | None:
        return self.model if isinstance(self.model, Scenario) else None
