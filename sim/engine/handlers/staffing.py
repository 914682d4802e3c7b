"""Staffing commands: /owner, /escalate, /ask (broadcast), /handson, /back, /dm."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sim import commands as c

if TYPE_CHECKING:
    from sim.engine.engine import Engine


def _not_yet(engine: Engine, command: c.Command) -> str | None:
    return f"/{type(command).__name__.lower()} is not available yet"


HANDLERS = {c.Owner: _not_yet, c.Escalate: _not_yet, c.Ask: _not_yet, c.HandsOn: _not_yet, c.Back: _not_yet, c.Dm: _not_yet}
