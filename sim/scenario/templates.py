"""Lines an author writes for a stakeholder to say, with placeholders from a fixed set.

A line such as "{account} cannot check out on {product}" is filled with `str.format_map`, so a
placeholder must be a bare name from the set the speaker offers: no attribute or index access
("{account.__class__}"), no conversion and no format spec ("{account:>99999}"), and no stray brace.
Anything else is refused when the scenario is validated, so a line can never break in play.
"""

from __future__ import annotations

import string
from collections.abc import Callable, Mapping
from typing import Annotated

from pydantic import AfterValidator, Field

from sim.scenario.problems import suggestion

SALES_PLACEHOLDERS = ("account", "accounts", "product", "service", "severity", "push", "time", "day", "traffic")
EXECUTIVE_PLACEHOLDERS = ("account", "accounts", "product", "service", "severity", "request", "time", "day", "traffic")


def placeholders(text: str) -> list[str]:
    """The placeholder names in `text`; ValueError on a stray brace or anything but a bare name."""
    names = []
    try:
        parts = list(string.Formatter().parse(text))
    except ValueError as error:  # "Single '}' encountered", "expected '}' before end of string"
        raise ValueError(f"{error}; write a literal brace as {{{{ or }}}}") from None
    for _, name, spec, conversion in parts:
        if name is None:
            continue
        if not name.isidentifier() or spec or conversion:
            raise ValueError(f"placeholder {{{name}{'!' + conversion if conversion else ''}{':' + spec if spec else ''}}} "
                             "must be a bare name such as {account}")
        names.append(name)
    return names


def _checker(allowed: tuple[str, ...]) -> Callable[[str], str]:
    def check(text: str) -> str:
        for name in placeholders(text):
            if name not in allowed:
                known = ", ".join(f"{{{a}}}" for a in allowed)
                raise ValueError(f"unknown placeholder {{{name}}}{suggestion(name, allowed)}; the placeholders are {known}")
        return text

    return check


def template_type(allowed: tuple[str, ...]):
    """A string field whose placeholders must come from `allowed`."""
    return Annotated[str, Field(min_length=1, max_length=500), AfterValidator(_checker(allowed))]


def fill(text: str, values: Mapping[str, str]) -> str:
    """A validated line with its placeholders filled; the values are never read as format strings."""
    return text.format_map(values)
