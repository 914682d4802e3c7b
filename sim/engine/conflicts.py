"""Conflicts (being built)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sim.engine.engine import Engine


class Conflicts:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def start(self) -> None:
        pass
