"""The SimPy engine that plays a scenario; see `sim.engine.engine.Engine`."""

from sim.engine.engine import Engine

__all__ = ["Engine"]
