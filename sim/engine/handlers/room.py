"""Commands for the people around the incident: /redirect, /authority, /qualify, /grant, /decline."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sim import commands as c

if TYPE_CHECKING:
    from sim.engine.engine import Engine


def _not_yet(engine: Engine, command: c.Command) -> str | None:
    return f"/{type(command).__name__.lower()} is not available yet"


HANDLERS = {c.Redirect: _not_yet, c.Authority: _not_yet, c.Qualify: _not_yet, c.Grant: _not_yet, c.Decline: _not_yet}
