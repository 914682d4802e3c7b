"""Coordination commands: /role, /unrole, /decide, /poll, /evidence, /note."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sim import commands as c

if TYPE_CHECKING:
    from sim.engine.engine import Engine


def _not_yet(engine: Engine, command: c.Command) -> str | None:
    return f"/{type(command).__name__.lower()} is not available yet"


HANDLERS = {c.Role: _not_yet, c.Unrole: _not_yet, c.Decide: _not_yet, c.Poll: _not_yet, c.Evidence: _not_yet, c.Note: _not_yet}
