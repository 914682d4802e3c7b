"""Package attributes imported when first asked for (PEP 562), so that importing a package for one
light module does not pay for its heavy ones: the game's picker and briefing draw before the
engine, the panels and the loader are imported (`tui/bench_first_screen.py` measures it)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from importlib import import_module


def lazy_exports(package: str, modules: Mapping[str, str]) -> Callable[[str], object]:
    """A module `__getattr__` for `package`: `modules` maps each exported name to the submodule
    that defines it, imported on first use; any other name is an AttributeError as usual.

    >>> getattr_ = lazy_exports("sim.log", {"printable": "printable"})
    >>> getattr_("printable")("a\\x1bb")
    'a\\\\x1bb'
    """

    def __getattr__(name: str) -> object:
        if name in modules:
            return getattr(import_module(f"{package}.{modules[name]}"), name)
        raise AttributeError(f"module {package!r} has no attribute {name!r}")

    return __getattr__
